package dev.autodiff.core.analysis;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.ValueAndGradient;
import dev.autodiff.core.linalg.LU;
import dev.autodiff.core.linalg.SymmetricEigen;

import java.util.ArrayList;
import java.util.List;

/**
 * Newton's method with exact Hessians, in its two uses:
 * <ul>
 *   <li>{@link #findCriticalPoint}: solving grad f = 0. It finds critical points of every kind, saddles included,
 *       since it seeks a zero gradient rather than going downhill: on x^2 - y^2 it lands on the saddle in one step.
 *       Safeguard (Levenberg-Marquardt, a trust-region method on the residual r = grad f): each step solves
 *       (H^T H + mu I) d = -H^T g. With mu = 0 that is the plain Newton step -H^-1 g, taken whenever it reduces
 *       |grad f|; otherwise mu grows, shortening the step and turning it toward steepest descent of |grad f|^2,
 *       until one does, and shrinks after each success. It can stall where H g = 0 with g != 0 (a minimum of
 *       |grad f|^2 that is no critical point of f, as on Rosenbrock's valley from (-1.2, 1)); the result then says
 *       it did not converge.</li>
 *   <li>{@link #minimize}: seeking a minimum. The Hessian is shifted by tau I until positive definite (tau from
 *       its smallest eigenvalue), so every step goes downhill and saddles repel, and a backtracking (Armijo) line
 *       search on f makes it converge from anywhere f is bounded below.</li>
 * </ul>
 * Near a critical point with a non-singular Hessian (a minimum, for {@code minimize}) both converge quadratically.
 */
public final class Newton {
    private static final double MU_GROWTH = 4.0, MU_SHRINK = 1.0 / 3.0;
    private static final int MAX_REJECTIONS = 60;

    private Newton() {
    }

    /** Default tolerance on |grad f|, relative to max(1, |f|). */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default step limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    /** {@link #findCriticalPoint(ScalarFunction, double[], double, int)} with the default tolerance and step limit. */
    public static Solution findCriticalPoint(ScalarFunction f, double... x0) {
        return findCriticalPoint(f, x0, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Iterates Newton steps (safeguarded as the class comment says) until |grad f| &lt;= tolerance max(1, |f|).
     *
     * @param f             a function written with Scalar operations
     * @param x0            the start; not modified
     * @param tolerance     the gradient tolerance, relative to max(1, |f|)
     * @param maxIterations the step limit
     * @return where it stopped, with every iterate
     * @throws IllegalArgumentException if tolerance is not positive or maxIterations is negative
     */
    public static Solution findCriticalPoint(ScalarFunction f, double[] x0, double tolerance, int maxIterations) {
        checkArguments("newton", tolerance, maxIterations);
        int n = x0.length;
        double[] x = x0.clone();
        List<double[]> path = new ArrayList<>();
        path.add(x.clone());
        ValueAndGradient vg = Autodiff.valueAndGrad(f, x);
        double mu = 0.0;
        for (int k = 0; ; k++) {
            double[] g = vg.gradient();
            double norm = norm(g);
            boolean converged = converged(norm, vg.value(), tolerance);
            if (converged || k == maxIterations || !Double.isFinite(norm)) {
                return new Solution(x, vg.value(), norm, k, converged, path);
            }
            double[][] h = Autodiff.hessian(f, x);
            double[] step = null;
            ValueAndGradient next = null;
            for (int attempt = 0; attempt < MAX_REJECTIONS && step == null; attempt++) {
                double[] d = solve(h, g, mu);
                if (d != null) {
                    double[] candidate = x.clone();
                    for (int i = 0; i < n; i++) {
                        candidate[i] += d[i];
                    }
                    ValueAndGradient trial = Autodiff.valueAndGrad(f, candidate);
                    if (norm(trial.gradient()) < norm) {
                        step = candidate;
                        next = trial;
                        break;
                    }
                }
                mu = mu == 0.0 ? 1e-8 * Math.max(1.0, frobeniusSquared(h)) : mu * MU_GROWTH;
            }
            if (step == null) {                 // no step reduces |grad f|: a stall, reported as not converged
                return new Solution(x, vg.value(), norm, k, false, path);
            }
            x = step;
            vg = next;
            path.add(x.clone());
            mu = mu * MU_SHRINK < 1e-300 ? 0.0 : mu * MU_SHRINK;
        }
    }

    /** {@link #minimize(ScalarFunction, double[], double, int)} with the default tolerance and step limit. */
    public static Solution minimize(ScalarFunction f, double... x0) {
        return minimize(f, x0, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Damped Newton for a local minimum: d = -(H + tau I)^-1 g with tau = max(0, delta - lambda_min(H)) and delta =
     * 1e-8 max(1, max |lambda|), then the longest step t d, t = 1, 1/2, 1/4, ..., that decreases f by at least
     * 1e-4 t |g . d| (Armijo). Stops when |grad f| &lt;= tolerance max(1, |f|).
     *
     * @param f             a function written with Scalar operations
     * @param x0            the start; not modified
     * @param tolerance     the gradient tolerance, relative to max(1, |f|)
     * @param maxIterations the step limit
     * @return where it stopped, with every iterate
     * @throws IllegalArgumentException if tolerance is not positive or maxIterations is negative
     */
    public static Solution minimize(ScalarFunction f, double[] x0, double tolerance, int maxIterations) {
        checkArguments("newton", tolerance, maxIterations);
        int n = x0.length;
        double[] x = x0.clone();
        List<double[]> path = new ArrayList<>();
        path.add(x.clone());
        ValueAndGradient vg = Autodiff.valueAndGrad(f, x);
        for (int k = 0; ; k++) {
            double[] g = vg.gradient();
            double norm = norm(g);
            boolean converged = converged(norm, vg.value(), tolerance);
            if (converged || k == maxIterations || !Double.isFinite(norm)) {
                return new Solution(x, vg.value(), norm, k, converged, path);
            }
            double[][] h = CriticalPoint.symmetrised(Autodiff.hessian(f, x));
            double[] lambda = SymmetricEigen.of(h).values();
            double delta = 1e-8 * Math.max(1.0, Math.max(Math.abs(lambda[0]), Math.abs(lambda[n - 1])));
            double tau = Math.max(0.0, delta - lambda[0]);
            for (int i = 0; i < n; i++) {
                h[i][i] += tau;
            }
            double[] d = solve(h, g, 0.0);
            double slope = 0.0;
            for (int i = 0; i < n; i++) {
                slope += g[i] * d[i];
            }
            ValueAndGradient next = null;
            double[] candidate = x.clone();
            for (double t = 1.0; t > 1e-20; t *= 0.5) {
                for (int i = 0; i < n; i++) {
                    candidate[i] = x[i] + t * d[i];
                }
                ValueAndGradient trial = Autodiff.valueAndGrad(f, candidate);
                if (trial.value() <= vg.value() + 1e-4 * t * slope) {
                    next = trial;
                    break;
                }
            }
            if (next == null) {                 // no step decreases f: a stall, reported as not converged
                return new Solution(x, vg.value(), norm, k, false, path);
            }
            x = candidate;
            vg = next;
            path.add(x.clone());
        }
    }

    /** Solves (H^T H + mu I) d = -H^T g (mu = 0: H d = -g directly); null if the system is singular. */
    private static double[] solve(double[][] h, double[] g, double mu) {
        int n = g.length;
        try {
            if (mu == 0.0) {
                double[] minus = new double[n];
                for (int i = 0; i < n; i++) {
                    minus[i] = -g[i];
                }
                return LU.of(h).solve(minus);
            }
            double[][] a = new double[n][n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0.0;
                    for (int k = 0; k < n; k++) {
                        s += h[k][i] * h[k][j];
                    }
                    a[i][j] = s + (i == j ? mu : 0.0);
                }
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += h[k][i] * g[k];
                }
                b[i] = -s;
            }
            return LU.of(a).solve(b);
        } catch (ArithmeticException singular) {
            return null;
        }
    }

    private static double frobeniusSquared(double[][] h) {
        double s = 0.0;
        for (double[] row : h) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    /** Refuses a tolerance that is not positive or a negative step limit, naming the method. */
    static void checkArguments(String method, double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 0) {
            throw new IllegalArgumentException(method + ": need tolerance > 0 and maxIterations >= 0, got "
                    + tolerance + " and " + maxIterations);
        }
    }

    /** The stopping test of every method here: |grad f| &lt;= tolerance max(1, |f|). */
    static boolean converged(double gradientNorm, double value, double tolerance) {
        return gradientNorm <= tolerance * Math.max(1.0, Math.abs(value));
    }

    static double norm(double[] v) {
        double s = 0.0;
        for (double e : v) {
            s = Math.hypot(s, e);
        }
        return s;
    }
}
