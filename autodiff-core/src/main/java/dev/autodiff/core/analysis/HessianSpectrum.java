package dev.autodiff.core.analysis;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;
import dev.autodiff.core.linalg.Hutchinson;
import dev.autodiff.core.linalg.Lanczos;
import dev.autodiff.core.linalg.LinearOperator;

/**
 * The Hessian of a large problem without forming it: as an operator v -&gt; H v (exact Hessian-vector products by
 * reverse mode, each a small constant times one gradient), its extreme eigenvalues by Lanczos iteration and its trace
 * by Hutchinson's estimator. The smallest eigenvalue tells a saddle (negative) from a minimum, and its size against the
 * largest shows how ill-conditioned the problem is, at the cost of a few dozen gradients whatever n is.
 *
 * <pre>{@code
 * Lanczos.Result r = HessianSpectrum.extremes(loss, weights, 30, 1L);
 * boolean saddle = r.smallest() < -r.smallestResidual();
 * }</pre>
 */
public final class HessianSpectrum {
    private HessianSpectrum() {
    }

    /**
     * @param f a function written with Scalar operations
     * @param x the point; copied
     * @return v -&gt; H v at x, one recording and two sweeps per product
     */
    public static LinearOperator operator(ScalarFunction f, double... x) {
        double[] at = x.clone();
        return LinearOperator.of(at.length, v -> Autodiff.hvp(f, at, v));
    }

    /**
     * @param f a function of one tensor with one output element
     * @param x the point
     * @return v -&gt; H v at x over x's elements in row-major order
     */
    public static LinearOperator operator(TensorFunction f, Tensor x) {
        int[] shape = x.shape();
        return LinearOperator.of(x.size(), v -> Autodiff.hvp(f, x, Tensor.of(v, shape)).toArray());
    }

    /**
     * The smallest and largest eigenvalues of the Hessian by Lanczos iteration on Hessian-vector products.
     *
     * @param f     a function written with Scalar operations
     * @param x     the point
     * @param steps the most Lanczos steps (Hessian-vector products), at most n
     * @param seed  the seed of the start vector
     * @return the extreme Ritz values with their residual bounds
     */
    public static Lanczos.Result extremes(ScalarFunction f, double[] x, int steps, long seed) {
        return Lanczos.extremes(operator(f, x), Math.min(steps, x.length), seed);
    }

    /** {@link #extremes(ScalarFunction, double[], int, long)} for a function of one tensor. */
    public static Lanczos.Result extremes(TensorFunction f, Tensor x, int steps, long seed) {
        return Lanczos.extremes(operator(f, x), Math.min(steps, x.size()), seed);
    }

    /**
     * The trace of the Hessian (the sum of its eigenvalues; the Laplacian of f) by Hutchinson's estimator:
     * the mean of z . H z over random sign vectors z, one Hessian-vector product each.
     *
     * @param f       a function written with Scalar operations
     * @param x       the point
     * @param samples the number of probes
     * @param seed    the seed of the probes
     * @return the estimate and its standard error
     */
    public static Hutchinson.Result trace(ScalarFunction f, double[] x, int samples, long seed) {
        return Hutchinson.trace(operator(f, x), samples, seed);
    }

    /** {@link #trace(ScalarFunction, double[], int, long)} for a function of one tensor. */
    public static Hutchinson.Result trace(TensorFunction f, Tensor x, int samples, long seed) {
        return Hutchinson.trace(operator(f, x), samples, seed);
    }
}
