package dev.autodiff.core;

/**
 * A real function of one variable with its derivative, applied element by element by {@link Tensor#map}. The
 * built-in ones are the constants of {@link UnaryFunction} and the parametrized activations of {@link Tensor}
 * (leakyRelu, elu, clamp); a user may implement more. Each must never throw, and should document f, f', the domain,
 * and its choices at kinks.
 */
public interface ElementwiseFunction {
    /** @return the operation's name as errors and graph dumps show it */
    String opName();

    /**
     * @param x the argument
     * @return f(x)
     */
    double value(double x);

    /**
     * @param x the argument
     * @param y f(x), as {@link #value(double)} returns it
     * @return f'(x)
     */
    double derivative(double x, double y);
}
