package dev.autodiff.core.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The eigen-decomposition A = V diag(lambda) V^T of a small dense symmetric matrix, by the cyclic Jacobi method.
 *
 * <p>Each rotation J(p, q, theta) zeroes a_pq, using the stable formulas t = sgn(theta) / (|theta| + sqrt(theta^2 +
 * 1)) for theta = (a_qq - a_pp) / 2 a_pq, c = 1 / sqrt(t^2 + 1), s = t c, and the updates a_pp -= t a_pq,
 * a_qq += t a_pq, a_rp -= s (a_rq + tau a_rp), a_rq += s (a_rp - tau a_rq) with tau = s / (1 + c). Sweeps visit
 * every pair p &lt; q in row order; the first three skip entries below 0.2 off(A) / n^2 (threshold Jacobi), and from
 * the fifth an entry negligible next to both a_pp and a_qq is set to zero without a rotation. The iteration stops
 * when off(A) = sqrt(sum over i != j of a_ij^2) &lt;= eps ||A||_F; convergence is quadratic, typically 5 to 10
 * sweeps, and {@value #MAX_SWEEPS} sweeps without it throw an {@link ArithmeticException}. Each sweep costs about
 * 4 n^3 multiplications, so the method suits matrices up to a few hundred rows.
 *
 * <p>Accuracy: the method is backward stable. The computed pairs are exact for A + E with ||E||_F about n eps
 * ||A||_F, so the residual ||A v_i - lambda_i v_i|| is about n eps ||A||_F, V^T V = I to about n eps, and (by
 * Weyl's inequality) each eigenvalue is within ||E||_2 of the true one. Entries are first scaled by a power of two
 * (exactly), so no intermediate overflows or underflows; an eigenvalue can overflow only if n max|a_ij| does.
 *
 * <p>The eigenvalues are in ascending order. Each eigenvector is a unit vector whose entry of largest magnitude (the
 * first, on a tie) is positive; within a repeated eigenvalue the vectors are some orthonormal basis of its
 * eigenspace.
 */
public final class SymmetricEigen {
    /** The sweep limit; quadratic convergence makes it unreachable in practice. */
    public static final int MAX_SWEEPS = 60;

    private static final String PREFIX = "eigen: ";

    private final double[] values;
    /** vectors[i] is the unit eigenvector of values[i]. */
    private final double[][] vectors;
    private final int sweeps;

    private SymmetricEigen(double[] values, double[][] vectors, int sweeps) {
        this.values = values;
        this.vectors = vectors;
        this.sweeps = sweeps;
    }

    /**
     * Decomposes a symmetric matrix. Asymmetry within 1e-10 max(1, max|a_ij|) is rounding, and the matrix decomposed
     * is (A + A^T) / 2. A 0 x 0 matrix has no eigenvalues.
     *
     * @param a the matrix, n x n; not modified
     * @return the decomposition
     * @throws NullPointerException     if {@code a} is null
     * @throws IllegalArgumentException if a row is null, the matrix is not square, an entry is NaN or infinite, or
     *                                  |a_ij - a_ji| &gt; 1e-10 max(1, max|a_ij|) for some entry (the message names
     *                                  the most asymmetric entry, both values and the tolerance)
     * @throws ArithmeticException      if {@value #MAX_SWEEPS} sweeps do not converge
     */
    public static SymmetricEigen of(double[][] a) {
        return of(a, MAX_SWEEPS);
    }

    /** {@link #of(double[][])} with another sweep limit, so that tests can reach it. */
    static SymmetricEigen of(double[][] a, int maxSweeps) {
        double[][] m = Matrices.symmetricCopy(a, PREFIX);
        int n = m.length;
        double[][] v = new double[n][n]; // columns are the eigenvectors
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        double max = Matrices.maxAbs(m);
        int exponent = max == 0.0 ? 0 : Math.getExponent(max);
        if (exponent != 0) {
            for (double[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = Math.scalb(row[j], -exponent); // exact unless an entry underflows, negligibly
                }
            }
        }
        int sweeps = jacobi(m, v, maxSweeps);
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.scalb(m[i][i], exponent);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> lambda[i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int col = order[k];
            values[k] = lambda[col];
            int big = 0;
            for (int r = 0; r < n; r++) {
                vectors[k][r] = v[r][col];
                if (Math.abs(vectors[k][r]) > Math.abs(vectors[k][big])) {
                    big = r;
                }
            }
            if (vectors[k][big] < 0) {
                for (int r = 0; r < n; r++) {
                    vectors[k][r] = -vectors[k][r];
                }
            }
        }
        return new SymmetricEigen(values, vectors, sweeps);
    }

    /** Diagonalises the symmetric m in place, accumulating the rotations in v; returns the sweeps taken. */
    private static int jacobi(double[][] m, double[][] v, int maxSweeps) {
        int n = m.length;
        double frobenius = 0.0;
        for (double[] row : m) {
            for (double x : row) {
                frobenius += x * x;
            }
        }
        frobenius = Math.sqrt(frobenius);
        for (int sweep = 0; ; sweep++) {
            double off = 0.0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += 2.0 * m[p][q] * m[p][q];
                }
            }
            off = Math.sqrt(off);
            if (off <= Matrices.EPS * frobenius) {
                return sweep;
            }
            if (sweep >= maxSweeps) {
                throw new ArithmeticException(PREFIX + "no convergence after " + sweep + " sweeps: off-diagonal norm "
                        + off + " > eps ||A||_F = " + Matrices.EPS * frobenius + " (of the matrix scaled to "
                        + "max|a_ij| in [1, 2))");
            }
            double threshold = sweep < 3 ? 0.2 * off / ((double) n * n) : 0.0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    double g = 100.0 * Math.abs(apq);
                    if (sweep > 3 && Math.abs(m[p][p]) + g == Math.abs(m[p][p])
                            && Math.abs(m[q][q]) + g == Math.abs(m[q][q])) {
                        m[p][q] = 0.0;
                        m[q][p] = 0.0;
                    } else if (Math.abs(apq) > threshold) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
    }

    /** The Jacobi rotation in the (p, q) plane that zeroes m[p][q]. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double apq = m[p][q];
        double h = m[q][q] - m[p][p];
        double t;
        if (Math.abs(h) + 100.0 * Math.abs(apq) == Math.abs(h)) {
            t = apq / h; // theta = h / 2 apq is so large that 1 / 2 theta is exact to rounding
        } else {
            double theta = 0.5 * h / apq;
            t = 1.0 / (Math.abs(theta) + Math.sqrt(1.0 + theta * theta));
            if (theta < 0.0) {
                t = -t;
            }
        }
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        double tau = s / (1.0 + c);
        m[p][p] -= t * apq;
        m[q][q] += t * apq;
        m[p][q] = 0.0;
        m[q][p] = 0.0;
        for (int r = 0; r < n; r++) {
            if (r != p && r != q) {
                double arp = m[r][p], arq = m[r][q];
                double np = arp - s * (arq + tau * arp);
                double nq = arq + s * (arp - tau * arq);
                m[r][p] = np;
                m[p][r] = np;
                m[r][q] = nq;
                m[q][r] = nq;
            }
        }
        for (int r = 0; r < n; r++) {
            double vrp = v[r][p], vrq = v[r][q];
            v[r][p] = vrp - s * (vrq + tau * vrp);
            v[r][q] = vrq + s * (vrp - tau * vrq);
        }
    }

    /** @return n, the order of the matrix */
    public int size() {
        return values.length;
    }

    /** @return the eigenvalues in ascending order; a copy */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param i the index of an eigenvalue in {@link #values()}
     * @return its unit eigenvector; a copy
     * @throws IndexOutOfBoundsException unless 0 &lt;= i &lt; n
     */
    public double[] vector(int i) {
        if (i < 0 || i >= values.length) {
            throw new IndexOutOfBoundsException(PREFIX + "eigenvector " + i + " of a " + values.length + " x "
                    + values.length + " matrix");
        }
        return vectors[i].clone();
    }

    /** @return V, the n x n orthogonal matrix whose column i is {@link #vector(int) vector(i)}; a copy */
    public double[][] vectors() {
        int n = values.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < n; r++) {
                v[r][i] = vectors[i][r];
            }
        }
        return v;
    }

    /** @return the number of Jacobi sweeps the decomposition took, 0 for a diagonal matrix */
    public int sweeps() {
        return sweeps;
    }

    @Override
    public String toString() {
        return "SymmetricEigen" + Arrays.toString(values);
    }
}
