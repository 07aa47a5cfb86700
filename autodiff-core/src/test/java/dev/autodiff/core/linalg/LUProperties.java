package dev.autodiff.core.linalg;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static dev.autodiff.core.linalg.TestMatrices.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LU} on random diagonally dominant matrices of order 1 to 12, generated from a reported seed. */
class LUProperties {

    /** A matrix with entries uniform in [-1, 1) whose diagonal exceeds the rest of its row by at least 0.1. */
    static double[][] diagonallyDominant(int n, long seed) {
        double[][] a = TestMatrices.random(n, seed);
        for (int i = 0; i < n; i++) {
            double off = 0;
            for (int j = 0; j < n; j++) {
                off += j == i ? 0 : Math.abs(a[i][j]);
            }
            a[i][i] = Math.copySign(off + 0.1 + Math.abs(a[i][i]), a[i][i]);
        }
        return a;
    }

    /**
     * 1 / (||A||_1 ||A^-1||_1), with A^-1 = sum of v_i u_i^T / sigma_i from Jacobi's decomposition of the symmetric
     * [[0, A], [A^T, 0]], whose positive eigenvalues are the singular values sigma_i of A with eigenvectors
     * (u_i; v_i) / sqrt 2: independent of LU, and accurate to about cond(A) eps.
     */
    static double exactReciprocalCondition(double[][] a) {
        int n = a.length;
        double[][] b = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][n + j] = a[i][j];
                b[n + j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(b);
        double[][] inverse = new double[n][n];
        for (int k = n; k < 2 * n; k++) {
            double sigma = e.values()[k];
            double[] w = e.vector(k);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    inverse[i][j] += 2 * w[n + i] * w[j] / sigma;
                }
            }
        }
        return 1 / (norm1(a) * norm1(inverse));
    }

    static double norm1(double[][] a) {
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            double s = 0;
            for (double[] row : a) {
                s += Math.abs(row[j]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    /**
     * The residual of the solution is at the level of backward stability:
     * ||A x - b||_inf &lt;= 2 n eps (||A||_inf ||x||_inf + ||b||_inf) (the largest ratio observed is about 0.5).
     */
    @Property(tries = 300)
    void residualIsAtRoundingLevel(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        double[][] a = diagonallyDominant(n, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 2 * random.nextDouble() - 1;
        }
        double[] x = LU.of(a).solve(b);
        double[] ax = TestMatrices.multiply(a, x);
        double residual = 0, aNorm = 0, xNorm = 0, bNorm = 0;
        for (int i = 0; i < n; i++) {
            residual = Math.max(residual, Math.abs(ax[i] - b[i]));
            double row = 0;
            for (double v : a[i]) {
                row += Math.abs(v);
            }
            aNorm = Math.max(aNorm, row);
            xNorm = Math.max(xNorm, Math.abs(x[i]));
            bNorm = Math.max(bNorm, Math.abs(b[i]));
        }
        assertTrue(residual <= 2 * n * EPS * (aNorm * xNorm + bNorm), "residual " + residual);
    }

    /** A x = b for a chosen x: the forward error is within n eps / rcond (times a small constant). */
    @Property(tries = 300)
    void recoversAKnownSolution(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        double[][] a = diagonallyDominant(n, seed);
        SplittableRandom random = new SplittableRandom(seed + 2);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        LU lu = LU.of(a);
        double[] solved = lu.solve(TestMatrices.multiply(a, x));
        double rcond = lu.reciprocalCondition();
        double xNorm = 0;
        for (double v : x) {
            xNorm = Math.max(xNorm, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], solved[i], 4 * n * EPS / rcond * xNorm, "x[" + i + "]");
        }
    }

    /** The condition estimate never exceeds the truth in ||A^-1||_1, so the reciprocal is at least the exact one. */
    @Property(tries = 300)
    void conditionEstimateIsALowerBoundOnTheInverseNorm(@ForAll @IntRange(min = 1, max = 12) int n,
                                                        @ForAll long seed) {
        double[][] a = diagonallyDominant(n, seed);
        double estimate = LU.of(a).reciprocalCondition();
        double exact = exactReciprocalCondition(a);
        assertTrue(estimate >= exact * (1 - 1e-8) && estimate <= 1, estimate + " vs exact " + exact);
    }
}
