package dev.autodiff.core.linalg;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The smallest and largest eigenvalues of a symmetric {@link LinearOperator}, from its products alone, by the
 * Lanczos iteration with full reorthogonalisation.
 *
 * <p>From a random unit start q_1 (standard normal entries from {@code new SplittableRandom(seed)}, normalised),
 * step k computes w = A q_k, alpha_k = q_k . w and w -= alpha_k q_k + beta_{k-1} q_{k-1}, then orthogonalises w
 * against every q_1..q_k twice (so that the basis stays orthonormal to rounding and no spurious copies of
 * converged eigenvalues appear), and sets beta_k = ||w||, q_{k+1} = w / beta_k. The Ritz values theta_i and
 * vectors s_i of the tridiagonal T_k = tridiag(beta, alpha, beta) come from {@link SymmetricEigen}, and
 * r_i = |beta_k s_i[k]| is the residual norm ||A y_i - theta_i y_i|| of the Ritz pair (y_i = Q_k s_i).
 *
 * <p>The iteration stops after {@code min(steps, n)} steps, or earlier when
 * <ul>
 *   <li>beta_k &lt;= n eps g, where g = max over i of |alpha_i| + beta_{i-1} + beta_i bounds ||T_k|| (Gershgorin):
 *       the Krylov subspace is invariant to rounding, and the Ritz values are eigenvalues of A (after n steps this
 *       is the normal outcome); or</li>
 *   <li>the residual norms of both extreme Ritz values are at most {@code tolerance} max(|theta_min|,
 *       |theta_max|).</li>
 * </ul>
 * Both count as converged. The Ritz values are examined after each of the first 32 steps and then after every
 * k/8 further steps (eigen-decomposing T_k costs O(k^3)), so up to an eighth more steps than necessary may be
 * taken. Each step costs one application of A, and O(n k) work and memory for the reorthogonalisation.
 *
 * <p>Accuracy: by interlacing, theta_min &gt;= lambda_min and theta_max &lt;= lambda_max, and there is an eigenvalue
 * of A within the residual bound r of each Ritz value (with a gap delta to the rest of the spectrum, within
 * r^2 / delta). It is the extreme eigenvalue unless the start vector is nearly orthogonal to that eigenvalue's
 * eigenvector, which a random start makes improbable. These bounds hold up to rounding errors of order
 * n eps ||A||.
 */
public final class Lanczos {
    /** Default relative tolerance on the residual bounds. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    private static final String PREFIX = "lanczos: ";
    /** The Ritz values are examined after every step up to this one. */
    private static final int EVERY_STEP_UNTIL = 32;

    private Lanczos() {
    }

    /**
     * The extreme Ritz values and their residual bounds.
     *
     * @param smallest         theta_min, an upper bound on (and estimate of) the smallest eigenvalue
     * @param largest          theta_max, a lower bound on (and estimate of) the largest eigenvalue
     * @param smallestResidual |beta_k s_min[k]|, the residual norm of the smallest Ritz pair; an eigenvalue lies
     *                         within it of {@code smallest}
     * @param largestResidual  the same for {@code largest}
     * @param applications     how many times the operator was applied (the number of Lanczos steps)
     * @param converged        whether an invariant subspace was found or both residuals met the tolerance
     */
    public record Result(double smallest, double largest, double smallestResidual, double largestResidual,
                         int applications, boolean converged) {
    }

    /**
     * The extreme eigenvalues, with the {@link #DEFAULT_TOLERANCE default tolerance}.
     *
     * @see #extremes(LinearOperator, int, double, long)
     */
    public static Result extremes(LinearOperator a, int steps, long seed) {
        return extremes(a, steps, DEFAULT_TOLERANCE, seed);
    }

    /**
     * The extreme eigenvalues of a symmetric operator.
     *
     * @param a         the operator, of dimension n &gt;= 1
     * @param steps     the most steps (applications of {@code a}), &gt;= 1; more than n is taken as n
     * @param tolerance the relative tolerance on the residual bounds, &gt;= 0 (0: run until an invariant subspace
     *                  or the step limit)
     * @param seed      the seed of the start vector; the same seed gives the same result
     * @return the extreme Ritz values, their residual bounds, the applications and whether they converged
     * @throws NullPointerException     if {@code a} is null
     * @throws IllegalArgumentException if the dimension is less than 1, {@code steps} is less than 1, the tolerance
     *                                  is negative or NaN, or the operator returns a vector of the wrong length
     * @throws ArithmeticException      if the operator returns a NaN or infinite entry
     */
    public static Result extremes(LinearOperator a, int steps, double tolerance, long seed) {
        Objects.requireNonNull(a, PREFIX + "the operator is null");
        int n = a.dimension();
        if (n < 1) {
            throw new IllegalArgumentException(PREFIX + "the operator has dimension " + n + ", need at least 1");
        }
        if (steps < 1) {
            throw new IllegalArgumentException(PREFIX + "steps must be >= 1, got " + steps);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException(PREFIX + "tolerance must be >= 0, got " + tolerance);
        }
        int m = Math.min(steps, n);
        double[] q = startVector(n, seed);
        double[][] basis = new double[m][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double gershgorin = 0.0;
        int nextCheck = 1;
        for (int k = 0; k < m; k++) {
            basis[k] = q;
            double[] w = Matrices.applyChecked(a, q, PREFIX, k + 1);
            double ak = Matrices.dot(q, w);
            for (int i = 0; i < n; i++) {
                w[i] -= ak * q[i] + (k > 0 ? beta[k - 1] * basis[k - 1][i] : 0.0);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j <= k; j++) {
                    double[] qj = basis[j];
                    double c = Matrices.dot(qj, w);
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * qj[i];
                    }
                    if (j == k) {
                        ak += c;
                    }
                }
            }
            alpha[k] = ak;
            double bk = Matrices.norm(w);
            beta[k] = bk;
            gershgorin = Math.max(gershgorin, Math.abs(ak) + bk + (k > 0 ? beta[k - 1] : 0.0));
            boolean invariant = bk <= n * Matrices.EPS * gershgorin;
            int taken = k + 1;
            if (invariant || taken == m || taken >= nextCheck) {
                Result r = ritz(alpha, beta, taken, invariant, tolerance);
                if (r.converged() || taken == m) {
                    return r;
                }
                nextCheck = taken + (taken < EVERY_STEP_UNTIL ? 1 : taken / 8);
            }
            q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = w[i] / bk;
            }
        }
        throw new AssertionError("unreachable: the last step returns");
    }

    /** The extreme Ritz values of T_k, their residual bounds and whether they meet the tolerance. */
    private static Result ritz(double[] alpha, double[] beta, int k, boolean invariant, double tolerance) {
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < k) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(t);
        double[] theta = eigen.values();
        double smallest = theta[0], largest = theta[k - 1];
        double rSmall = Math.abs(beta[k - 1] * eigen.vector(0)[k - 1]);
        double rLarge = Math.abs(beta[k - 1] * eigen.vector(k - 1)[k - 1]);
        double allowed = tolerance * Math.max(Math.abs(smallest), Math.abs(largest));
        boolean converged = invariant || (rSmall <= allowed && rLarge <= allowed);
        return new Result(smallest, largest, rSmall, rLarge, k, converged);
    }

    /** A unit vector with standard normal entries, normalised. */
    private static double[] startVector(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = random.nextGaussian();
        }
        double norm = Matrices.norm(q);
        if (norm == 0.0) {
            q[0] = norm = 1.0; // probability zero
        }
        for (int i = 0; i < n; i++) {
            q[i] /= norm;
        }
        return q;
    }
}
