package dev.autodiff.core.linalg;

import java.util.Objects;

/**
 * The LU decomposition P A = L U of a square matrix, by Gaussian elimination with partial pivoting, for solving
 * A x = b.
 *
 * <p>At column k the row with the largest |a_ik| (i &gt;= k, the first on a tie) becomes the pivot row; L is unit
 * lower triangular with |l_ij| &lt;= 1. The factorisation costs about n^3 / 3 multiplications and a solve n^2. A
 * pivot |u_kk| &lt;= n eps max|a_ij| makes the matrix numerically singular, and the factorisation throws an
 * {@link ArithmeticException} rather than return a solution dominated by rounding.
 *
 * <p>Accuracy: partial pivoting is backward stable in practice, so that the computed x solves (A + E) x = b with
 * ||E|| a modest multiple of n eps ||A||; the forward error ||x - x_true|| / ||x_true|| is then about
 * n eps / {@link #reciprocalCondition()}.
 */
public final class LU {
    private static final String PREFIX = "solve: ";

    /** L below the diagonal (its unit diagonal implied) and U on and above it. */
    private final double[][] lu;
    /** Row i of P A is row perm[i] of A. */
    private final int[] perm;
    /** +1 or -1, the determinant of P. */
    private final int sign;
    /** ||A||_1, the largest column sum of |a_ij|. */
    private final double norm1;

    private LU(double[][] lu, int[] perm, int sign, double norm1) {
        this.lu = lu;
        this.perm = perm;
        this.sign = sign;
        this.norm1 = norm1;
    }

    /**
     * Factorises a square matrix. A 0 x 0 matrix has determinant 1 and solves only the empty system.
     *
     * @param a the matrix, n x n; not modified
     * @return the decomposition
     * @throws NullPointerException     if {@code a} is null
     * @throws IllegalArgumentException if a row is null, the matrix is not square (the message gives the row
     *                                  lengths) or an entry is NaN or infinite
     * @throws ArithmeticException      if the matrix is singular to working precision: the message starts "solve: "
     *                                  and gives the column of the first pivot |u_kk| &lt;= n eps max|a_ij| and its
     *                                  value
     */
    public static LU of(double[][] a) {
        double[][] m = Matrices.squareCopy(a, PREFIX);
        int n = m.length;
        double norm1 = 0.0;
        for (int j = 0; j < n; j++) {
            double column = 0.0;
            for (double[] row : m) {
                column += Math.abs(row[j]);
            }
            norm1 = Math.max(norm1, column);
        }
        double threshold = n * Matrices.EPS * Matrices.maxAbs(m);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int sign = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
                    p = i;
                }
            }
            if (!(Math.abs(m[p][k]) > threshold)) {
                throw new ArithmeticException(PREFIX + "the matrix is singular to working precision: the pivot in "
                        + "column " + k + " is " + m[p][k] + ", |pivot| <= n eps max|a_ij| = " + threshold
                        + " (n = " + n + ")");
            }
            if (p != k) {
                double[] row = m[p];
                m[p] = m[k];
                m[k] = row;
                int t = perm[p];
                perm[p] = perm[k];
                perm[k] = t;
                sign = -sign;
            }
            double pivot = m[k][k];
            double[] rk = m[k];
            for (int i = k + 1; i < n; i++) {
                double[] ri = m[i];
                double l = ri[k] / pivot;
                ri[k] = l;
                if (l != 0.0) {
                    for (int j = k + 1; j < n; j++) {
                        ri[j] -= l * rk[j];
                    }
                }
            }
        }
        return new LU(m, perm, sign, norm1);
    }

    /** @return n, the order of the matrix */
    public int size() {
        return perm.length;
    }

    /**
     * Solves A x = b by forward and back substitution.
     *
     * @param b the right-hand side, of length n; not modified
     * @return x
     * @throws NullPointerException     if {@code b} is null
     * @throws IllegalArgumentException if b's length is not n, or an entry of b is NaN or infinite
     */
    public double[] solve(double[] b) {
        Objects.requireNonNull(b, PREFIX + "b is null");
        int n = perm.length;
        if (b.length != n) {
            throw new IllegalArgumentException(PREFIX + "b has length " + b.length + " but the matrix is " + n + " x "
                    + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException(PREFIX + "b[" + i + "] is " + b[i]);
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = b[perm[i]];
        }
        return substitute(x);
    }

    /** Solves L U x = y in place: y is P b. */
    private double[] substitute(double[] x) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double s = x[i];
            double[] row = lu[i];
            for (int j = 0; j < i; j++) {
                s -= row[j] * x[j];
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            double[] row = lu[i];
            for (int j = i + 1; j < n; j++) {
                s -= row[j] * x[j];
            }
            x[i] = s / row[i];
        }
        return x;
    }

    /** Solves A^T x = c: U^T w = c, L^T v = w, x = P^T v. */
    private double[] solveTransposed(double[] c) {
        int n = c.length;
        double[] w = c.clone();
        for (int i = 0; i < n; i++) {
            double s = w[i];
            for (int j = 0; j < i; j++) {
                s -= lu[j][i] * w[j];
            }
            w[i] = s / lu[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = w[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[j][i] * w[j];
            }
            w[i] = s;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[perm[i]] = w[i];
        }
        return x;
    }

    /**
     * @return det A = det P prod u_kk, the sign of the permutation included; it overflows or underflows where the
     *         product does
     */
    public double determinant() {
        double d = sign;
        for (int k = 0; k < lu.length; k++) {
            d *= lu[k][k];
        }
        return d;
    }

    /**
     * An estimate of the reciprocal condition number in the 1-norm, 1 / (||A||_1 ||A^-1||_1), in (0, 1]: near 1 for
     * a well-conditioned matrix, near eps for one that is singular to working precision.
     *
     * <p>||A^-1||_1 comes from Hager's estimator with Higham's refinement (as in LAPACK's xGECON): at most 5
     * iterations of gradient ascent of ||A^-1 x||_1 over ||x||_1 = 1, each a solve with A and one with A^T, then the
     * larger of that and 2 ||A^-1 b||_1 / 3n for b_i = (-1)^i (1 + i / (n - 1)). It is a lower bound on ||A^-1||_1
     * (so the estimate is at least the true reciprocal condition number), usually within a factor of 3 of it, and
     * costs O(n^2). It is 1 for a 0 x 0 matrix.
     *
     * @return the estimate
     */
    public double reciprocalCondition() {
        int n = perm.length;
        if (n == 0) {
            return 1.0;
        }
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        double estimate = 0.0;
        int previous = -1;
        for (int iteration = 0; iteration < 5; iteration++) {
            double[] y = solveRaw(x);
            double norm = 0.0;
            double[] xi = new double[n];
            for (int i = 0; i < n; i++) {
                norm += Math.abs(y[i]);
                xi[i] = y[i] >= 0 ? 1.0 : -1.0;
            }
            if (iteration > 0 && norm <= estimate) {
                break; // no ascent
            }
            estimate = norm;
            double[] z = solveTransposed(xi);
            int j = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(z[i]) > Math.abs(z[j])) {
                    j = i;
                }
            }
            if (j == previous || (iteration > 0 && Math.abs(z[j]) <= Matrices.dot(z, x))) {
                break; // a local maximum
            }
            previous = j;
            java.util.Arrays.fill(x, 0.0);
            x[j] = 1.0;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + (n == 1 ? 0.0 : (double) i / (n - 1)));
        }
        double[] y = solveRaw(b);
        double alt = 0.0;
        for (double v : y) {
            alt += Math.abs(v);
        }
        estimate = Math.max(estimate, 2.0 * alt / (3.0 * n));
        return Math.min(1.0, 1.0 / (norm1 * estimate));
    }

    /** Solves A x = b without validating b. */
    private double[] solveRaw(double[] b) {
        double[] x = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = b[perm[i]];
        }
        return substitute(x);
    }

    @Override
    public String toString() {
        return "LU[" + perm.length + " x " + perm.length + "]";
    }
}
