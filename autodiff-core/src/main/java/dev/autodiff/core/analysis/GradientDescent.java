package dev.autodiff.core.analysis;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.ValueAndGradient;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain gradient descent, x &lt;- x - lr grad f(x): the method that training uses, for comparison with
 * {@link Newton}. It only goes downhill, so it never stops on a saddle unless it starts exactly on the saddle's
 * stable manifold; it needs a learning rate below 2 / (the largest Hessian eigenvalue) to be stable, and then
 * converges at a rate set by the smallest eigenvalue against the largest.
 */
public final class GradientDescent {
    private GradientDescent() {
    }

    /**
     * Runs gradient descent until |grad f| &lt;= tolerance max(1, |f|), or the step limit, or f is no longer finite.
     *
     * @param f             a function written with Scalar operations
     * @param x0            the start; not modified
     * @param learningRate  the step size lr &gt; 0
     * @param tolerance     the gradient tolerance, relative to max(1, |f|)
     * @param maxIterations the step limit
     * @return where it stopped, with every iterate
     * @throws IllegalArgumentException if learningRate or tolerance is not positive, or maxIterations is negative
     */
    public static Solution minimize(ScalarFunction f, double[] x0, double learningRate, double tolerance,
                                    int maxIterations) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("gradientDescent: need learningRate > 0, got " + learningRate);
        }
        Newton.checkArguments("gradientDescent", tolerance, maxIterations);
        double[] x = x0.clone();
        List<double[]> path = new ArrayList<>();
        path.add(x.clone());
        for (int k = 0; ; k++) {
            ValueAndGradient vg = Autodiff.valueAndGrad(f, x);
            double[] g = vg.gradient();
            double norm = Newton.norm(g);
            boolean converged = Newton.converged(norm, vg.value(), tolerance);
            if (converged || k == maxIterations || !Double.isFinite(vg.value()) || !Double.isFinite(norm)) {
                return new Solution(x, vg.value(), norm, k, converged, path);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] -= learningRate * g[i];
            }
            path.add(x.clone());
        }
    }
}
