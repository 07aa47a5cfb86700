package dev.autodiff.core.analysis;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.ValueAndGradient;
import dev.autodiff.core.linalg.SymmetricEigen;

import java.util.Arrays;

/**
 * A point classified by the second-derivative test: where the gradient vanishes, the signs of the Hessian's
 * eigenvalues tell a minimum (all positive) from a maximum (all negative) from a saddle (both signs). An eigenvalue
 * within tolerance of 0 with no eigenvalue of the other sign leaves the test undecided: the point is
 * {@link Kind#DEGENERATE} (x^3 at 0, or x^4, which is a minimum the test cannot see).
 *
 * <pre>{@code
 * CriticalPoint p = CriticalPoint.classify(w -> Scalar.constant(1).sub(w[0].mul(w[1])).square(), 0, 0);
 * p.kind();          // SADDLE
 * p.eigenvalues();   // [-2, 2]
 * }</pre>
 *
 * @param x              the point
 * @param value          f(x)
 * @param gradient       grad f(x)
 * @param gradientNorm   its Euclidean norm
 * @param hessian        the Hessian, symmetrised as (H + H^T)/2
 * @param eigenvalues    the Hessian's eigenvalues, ascending
 * @param kind           the verdict
 * @param positiveShare  the share of eigenvalues above the tolerance, in [0, 1] (1 at a strict minimum)
 */
public record CriticalPoint(double[] x, double value, double[] gradient, double gradientNorm, double[][] hessian,
                            double[] eigenvalues, Kind kind, double positiveShare) {

    /** The verdict of the second-derivative test. */
    public enum Kind {
        /** Every eigenvalue is positive: a strict local minimum. */
        MINIMUM,
        /** Every eigenvalue is negative: a strict local maximum. */
        MAXIMUM,
        /** Eigenvalues of both signs: neither a minimum nor a maximum. */
        SADDLE,
        /** No eigenvalue of one sign but some within tolerance of 0: the second-derivative test says nothing. */
        DEGENERATE,
        /** The gradient does not vanish (its norm exceeds the tolerance): not a critical point at all. */
        NOT_CRITICAL
    }

    /** Copies the arrays in, so that the record is immutable. */
    public CriticalPoint {
        x = x.clone();
        gradient = gradient.clone();
        hessian = deepCopy(hessian);
        eigenvalues = eigenvalues.clone();
    }

    /** Default gradient tolerance: the norm below which a point counts as critical, relative to max(1, |f|). */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;
    /** Default eigenvalue tolerance, relative to max(1, the largest |eigenvalue|). */
    public static final double DEFAULT_EIGENVALUE_TOLERANCE = 1e-8;

    /**
     * Classifies {@code x} with the default tolerances: critical if |grad f| &lt;= 1e-8 max(1, |f|); an eigenvalue
     * counts as 0 if |lambda| &lt;= 1e-8 max(1, max |lambda|).
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return the classification, with the gradient, Hessian and eigenvalues behind it
     */
    public static CriticalPoint classify(ScalarFunction f, double... x) {
        return classify(f, x, DEFAULT_GRADIENT_TOLERANCE, DEFAULT_EIGENVALUE_TOLERANCE);
    }

    /**
     * Classifies {@code x}: the gradient and Hessian by reverse mode (exact), the eigenvalues by the Jacobi method.
     *
     * @param f                  a function written with Scalar operations
     * @param x                  the point; not modified
     * @param gradientTolerance  critical if |grad f| &lt;= gradientTolerance max(1, |f(x)|)
     * @param eigenvalueTolerance an eigenvalue is 0 if |lambda| &lt;= eigenvalueTolerance max(1, max |lambda|)
     * @return the classification
     * @throws IllegalArgumentException if a tolerance is negative or NaN, or x is empty
     * @throws ArithmeticException      if the gradient or Hessian has a NaN or infinite entry (f is not twice
     *                                  differentiable there)
     */
    public static CriticalPoint classify(ScalarFunction f, double[] x, double gradientTolerance,
                                         double eigenvalueTolerance) {
        if (!(gradientTolerance >= 0) || !(eigenvalueTolerance >= 0)) {
            throw new IllegalArgumentException("classify: tolerances must be >= 0, got " + gradientTolerance + " and "
                    + eigenvalueTolerance);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("classify: the point has no coordinates");
        }
        ValueAndGradient vg = Autodiff.valueAndGrad(f, x);
        double[] g = vg.gradient();
        double[][] h = Autodiff.hessian(f, x);
        requireFinite(x, g, h);
        SymmetricEigen eigen = SymmetricEigen.of(symmetrised(h));
        double[] lambda = eigen.values();
        double norm = 0.0;
        for (double gi : g) {
            norm = Math.hypot(norm, gi);
        }
        int[] inertia = inertia(lambda, eigenvalueTolerance);
        Kind kind = norm <= gradientTolerance * Math.max(1.0, Math.abs(vg.value()))
                ? kindOf(inertia[0], inertia[1], lambda.length) : Kind.NOT_CRITICAL;
        return new CriticalPoint(x, vg.value(), g, norm, symmetrised(h), lambda, kind,
                (double) inertia[0] / lambda.length);
    }

    /**
     * The numbers of positive and of negative eigenvalues, counting as 0 those within tolerance max(1, max |lambda|)
     * of it.
     */
    static int[] inertia(double[] lambda, double tolerance) {
        double scale = 0.0;
        for (double l : lambda) {
            scale = Math.max(scale, Math.abs(l));
        }
        double zero = tolerance * Math.max(1.0, scale);
        int positive = 0, negative = 0;
        for (double l : lambda) {
            if (l > zero) {
                positive++;
            } else if (l < -zero) {
                negative++;
            }
        }
        return new int[] {positive, negative};
    }

    /** The second-derivative test's verdict from the signs of {@code count} eigenvalues (the rest are 0). */
    static Kind kindOf(int positive, int negative, int count) {
        return positive > 0 && negative > 0 ? Kind.SADDLE : positive == count ? Kind.MINIMUM
                : negative == count ? Kind.MAXIMUM : Kind.DEGENERATE;
    }

    private static void requireFinite(double[] x, double[] g, double[][] h) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new ArithmeticException("classify: df/dx_" + i + " = " + g[i] + " at x = " + Arrays.toString(x)
                        + "; f is not differentiable there");
            }
            for (int j = 0; j < g.length; j++) {
                if (!Double.isFinite(h[i][j])) {
                    throw new ArithmeticException("classify: the Hessian entry (" + i + ", " + j + ") is " + h[i][j]
                            + " at x = " + Arrays.toString(x) + "; f is not twice differentiable there");
                }
            }
        }
    }

    static double[][] symmetrised(double[][] h) {
        int n = h.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (h[i][j] + h[j][i]);
            }
        }
        return s;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return a copy of the point */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the gradient */
    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    /** @return a copy of the Hessian */
    @Override
    public double[][] hessian() {
        return deepCopy(hessian);
    }

    /** @return a copy of the eigenvalues, ascending */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public String toString() {
        return kind + " at " + Arrays.toString(x) + ": f = " + value + ", |grad| = " + gradientNorm
                + ", eigenvalues " + Arrays.toString(eigenvalues) + ", positive share " + positiveShare;
    }
}
