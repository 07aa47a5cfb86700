package dev.autodiff.core;

import java.util.Objects;

/**
 * Functional entry points, in the manner of JAX: each call records {@code f} on a fresh {@link Tape}, sweeps, and
 * returns plain arrays, so no tape or node escapes.
 *
 * <pre>{@code
 * ScalarFunction rosenbrock = x -> x[0].sub(1).square().add(x[1].sub(x[0].square()).square().mul(100));
 * double[] g = Autodiff.grad(rosenbrock, -1.2, 1.0);
 * }</pre>
 *
 * For many calls in a loop, record on one {@link Tape} and {@link Tape#reset()} it between calls instead: that reuses
 * the tape's arrays.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * The gradient of {@code f} at {@code x}, by one forward recording and one reverse sweep.
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return {@code df/dx_i} for every i
     */
    public static double[] grad(ScalarFunction f, double... x) {
        return valueAndGrad(f, x).gradient();
    }

    /**
     * The value and the gradient of {@code f} at {@code x}, from one recording and one sweep.
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return f(x) and its gradient
     * @throws TapeMisuseException if {@code f} returns a node of some other tape
     */
    public static ValueAndGradient valueAndGrad(ScalarFunction f, double... x) {
        try (Tape tape = Tape.open()) {
            Scalar[] xs = tape.variables(x);
            Scalar y = Objects.requireNonNull(f.apply(xs), "valueAndGrad: the function returned null");
            return new ValueAndGradient(y.value(), tape.gradient(y, xs));
        }
    }

    /**
     * The Jacobian of {@code F} at {@code x}: one recording of {@code F}, then one reverse sweep per output.
     * Reverse mode suits m much smaller than n; each row costs about as much as one gradient.
     *
     * @param f a vector function written with Scalar operations
     * @param x the point; not modified
     * @return {@code J[i][j] = dF_i/dx_j}, an m x n array
     * @throws TapeMisuseException if {@code f} returns a node of some other tape
     */
    public static double[][] jacobian(VectorFunction f, double... x) {
        try (Tape tape = Tape.open()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] ys = Objects.requireNonNull(f.apply(xs), "jacobian: the function returned null");
            double[][] jacobian = new double[ys.length][];
            for (int i = 0; i < ys.length; i++) {
                int row = i;
                Scalar y = Objects.requireNonNull(ys[i], () -> "jacobian: the function returned null as output " + row);
                jacobian[i] = tape.gradient(y, xs);
            }
            return jacobian;
        }
    }
}
