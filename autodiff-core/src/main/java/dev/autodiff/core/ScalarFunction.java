package dev.autodiff.core;

/**
 * A real function of several real variables, written with {@link Scalar} operations: {@code f: R^n -> R}.
 *
 * <p>The same function is evaluated cheaply when its arguments are constants and recorded for differentiation when
 * they are variables of a {@link Tape}; {@link Autodiff} and {@link dev.autodiff.core.check.GradCheck} use both.
 */
@FunctionalInterface
public interface ScalarFunction {
    /**
     * @param x the arguments; the array is the caller's and must not be kept or modified
     * @return f(x)
     */
    Scalar apply(Scalar[] x);

    /**
     * Evaluates the function on plain doubles, recording nothing.
     *
     * @param x the point; not modified
     * @return f(x)
     */
    default double valueAt(double... x) {
        Scalar[] args = new Scalar[x.length];
        for (int i = 0; i < x.length; i++) {
            args[i] = Scalar.constant(x[i]);
        }
        return apply(args).value();
    }
}
