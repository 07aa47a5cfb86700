package dev.autodiff.core.linalg;

import org.junit.jupiter.api.Test;

import static dev.autodiff.core.linalg.SymmetricEigenTest.assertContains;
import static dev.autodiff.core.linalg.TestMatrices.EPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LU}: known solutions and determinants, condition estimates, singular matrices and shape errors. */
class LUTest {

    @Test
    void solvesAKnownSystem() {
        double[][] a = {{2, 1, 1}, {4, -6, 0}, {-2, 7, 2}};
        double[] b = {2 + 2 + 3, 4 - 12, -2 + 14 + 6}; // A (1, 2, 3)
        double[][] before = TestMatrices.copy(a);
        double[] bBefore = b.clone();
        LU lu = LU.of(a);
        assertArrayEquals(new double[] {1, 2, 3}, lu.solve(b), 16 * EPS);
        assertArrayEquals(new double[] {-1, 0, 0.5}, lu.solve(TestMatrices.multiply(a, new double[] {-1, 0, 0.5})),
                16 * EPS);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(before[i], a[i], 0.0, "A unchanged");
        }
        assertArrayEquals(bBefore, b, 0.0, "b unchanged");
        assertEquals(3, lu.size());
        // det = 2 (-12 - 0) - 1 (8 - 0) + 1 (28 - 12) = -16
        assertEquals(-16, lu.determinant(), 64 * EPS);
    }

    @Test
    void determinantsWithTheSignOfThePivoting() {
        assertEquals(-2, LU.of(new double[][] {{1, 2}, {3, 4}}).determinant(), 8 * EPS);   // rows swapped
        assertEquals(-1, LU.of(new double[][] {{0, 1}, {1, 0}}).determinant(), 0.0);       // a transposition
        assertEquals(1, LU.of(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}).determinant(), 0.0); // a 3-cycle
        assertEquals(24, LU.of(TestMatrices.diagonal(2, 3, 4)).determinant(), 0.0);
        assertEquals(-30, LU.of(new double[][] {{2, 7, -1}, {0, -3, 4}, {0, 0, 5}}).determinant(), 0.0);
        assertEquals(-7.5, LU.of(new double[][] {{-7.5}}).determinant(), 0.0);
        // det(A B) = det A det B
        double[][] a = TestMatrices.random(6, 1), b = TestMatrices.random(6, 2);
        double dab = LU.of(TestMatrices.multiply(a, b)).determinant();
        double product = LU.of(a).determinant() * LU.of(b).determinant();
        assertEquals(product, dab, 1e-12 * Math.abs(product));
        // an orthogonal matrix has determinant +-1
        assertEquals(1, Math.abs(LU.of(TestMatrices.randomOrthogonal(9, 3)).determinant()), 64 * EPS);
    }

    /** The n x n Hilbert matrix 1 / (i + j + 1). */
    static double[][] hilbert(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        return h;
    }

    static long binomial(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** The exact inverse of the Hilbert matrix, integer entries (1-based formula). */
    static long[][] hilbertInverse(int n) {
        long[][] inv = new long[n][n];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                long c = binomial(i + j - 2, i - 1);
                inv[i - 1][j - 1] = ((i + j) % 2 == 0 ? 1 : -1) * (i + j - 1) * binomial(n + i - 1, n - j)
                        * binomial(n + j - 1, n - i) * c * c;
            }
        }
        return inv;
    }

    @Test
    void hilbertMatrix() {
        int n = 6;
        double[][] h = hilbert(n);
        long[][] inv = hilbertInverse(n);
        LU lu = LU.of(h);
        // det H_6 = 1 / 186313420339200000
        assertEquals(1 / 186313420339200000.0, lu.determinant(), 1e-8 / 186313420339200000.0);
        // H x = e_0 gives column 0 of H^-1, to about cond(H) eps = 3e-8 relative
        double[] x = lu.solve(new double[] {1, 0, 0, 0, 0, 0});
        for (int i = 0; i < n; i++) {
            assertEquals(inv[i][0], x[i], 1e-8 * Math.abs(inv[i][0]), "x[" + i + "]");
        }
        double hNorm = 0, invNorm = 0;
        for (int j = 0; j < n; j++) {
            double hc = 0, ic = 0;
            for (int i = 0; i < n; i++) {
                hc += h[i][j];
                ic += Math.abs(inv[i][j]);
            }
            hNorm = Math.max(hNorm, hc);
            invNorm = Math.max(invNorm, ic);
        }
        double rcond = 1 / (hNorm * invNorm); // about 3.4e-8
        double estimate = lu.reciprocalCondition();
        assertTrue(estimate >= rcond * (1 - 1e-6) && estimate <= 3 * rcond, estimate + " vs exact " + rcond);
    }

    @Test
    void conditionOfDiagonalAndOrthogonalMatrices() {
        // diag(d): ||A||_1 ||A^-1||_1 = max|d| / min|d|, and Hager's estimator is exact for it
        assertEquals(0.001 / 4, LU.of(TestMatrices.diagonal(1, -4, 0.001, 2)).reciprocalCondition(), 1e-15);
        assertEquals(1.0, LU.of(TestMatrices.diagonal(-3)).reciprocalCondition(), 0.0);
        assertEquals(1.0, LU.of(new double[0][]).reciprocalCondition(), 0.0);
        double well = LU.of(TestMatrices.randomOrthogonal(8, 8)).reciprocalCondition();
        assertTrue(well > 1.0 / 8 / 3 && well <= 1, "an orthogonal matrix has 1-norm condition at most n: " + well);
    }

    @Test
    void conditionEstimatesAreUsuallyWithinAFactorOfThree() {
        // a lower bound on ||A^-1||_1 always (so never below the true reciprocal condition), and in practice
        // close: over 2000 fixed random matrices, within 3 for 99% and within 20 for all
        int within3 = 0, count = 2000;
        for (int seed = 0; seed < count; seed++) {
            int n = 2 + seed % 11;
            double[][] a = TestMatrices.random(n, seed);
            double ratio = LU.of(a).reciprocalCondition() / LUProperties.exactReciprocalCondition(a);
            assertTrue(ratio >= 1 - 1e-6 && ratio <= 20, "seed " + seed + ": ratio " + ratio);
            within3 += ratio <= 3 ? 1 : 0;
        }
        assertTrue(within3 >= 0.99 * count, within3 + " of " + count + " within a factor of 3");
    }

    @Test
    void emptySystem() {
        LU lu = LU.of(new double[0][]);
        assertEquals(0, lu.size());
        assertEquals(1.0, lu.determinant(), 0.0);
        assertEquals(0, lu.solve(new double[0]).length);
    }

    static String singular(double[][] a) {
        String m = assertThrows(ArithmeticException.class, () -> LU.of(a)).getMessage();
        assertTrue(m.startsWith("solve: ") && m.contains("singular"), m);
        return m;
    }

    @Test
    void singularMatrices() {
        // (1, 2) pivots on row 1, leaving 1 - 0.5 * 2 = 0 in column 1
        assertContains(singular(new double[][] {{1, 2}, {2, 4}}), "column 1 is 0.0");
        assertContains(singular(new double[4][4]), "column 0 is 0.0");
        assertContains(singular(new double[][] {{1, 0, 3}, {0, 0, 5}, {2, 0, 1}}), "column 1 is 0.0");
        // rank 2 in exact arithmetic, the last pivot rounding-sized
        String m = singular(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        assertContains(m, "column 2", "n = 3", String.valueOf(3 * EPS * 9));
        // just above the threshold n eps max|a| passes
        double[][] nearly = TestMatrices.diagonal(1, 1e-14);
        assertEquals(1e-14, LU.of(nearly).determinant(), 0.0);
        assertContains(singular(TestMatrices.diagonal(1, 1e-16)), "column 1 is 1.0E-16");
    }

    @Test
    void shapeAndValueErrors() {
        String notSquare = assertThrows(IllegalArgumentException.class,
                () -> LU.of(new double[][] {{1, 2}, {3, 4}, {5, 6}})).getMessage();
        assertContains(notSquare, "solve: ", "not square", "3 rows", "row 0 has length 2", "[2, 2, 2]");
        LU lu = LU.of(TestMatrices.diagonal(1, 2, 3));
        assertContains(assertThrows(IllegalArgumentException.class, () -> lu.solve(new double[2])).getMessage(),
                "solve: ", "b has length 2", "3 x 3");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> lu.solve(new double[] {0, Double.NaN, 0})).getMessage(), "solve: b[1] is NaN");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> LU.of(new double[][] {{1, Double.NaN}, {0, 1}})).getMessage(), "solve: entry (0, 1) is NaN");
        assertThrows(NullPointerException.class, () -> LU.of(null));
        assertThrows(NullPointerException.class, () -> lu.solve(null));
    }
}
