package dev.autodiff.core.linalg;

import org.junit.jupiter.api.Test;

import static dev.autodiff.core.linalg.TestMatrices.EPS;
import static dev.autodiff.core.linalg.TestMatrices.diagonal;
import static dev.autodiff.core.linalg.TestMatrices.dot;
import static dev.autodiff.core.linalg.TestMatrices.randomSymmetric;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed-form decompositions, edge cases and validation of {@link SymmetricEigen}. */
class SymmetricEigenTest {

    /** |u . v| = 1: the same unit vector up to sign. */
    static void assertParallel(double[] expected, double[] actual, double tolerance) {
        assertEquals(1.0, Math.abs(dot(expected, actual)), tolerance,
                java.util.Arrays.toString(actual) + " is not +-" + java.util.Arrays.toString(expected));
        assertEquals(1.0, dot(actual, actual), tolerance, "unit length");
    }

    @Test
    void twoByTwo() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {1, 3}, e.values(), 4 * EPS);
        double r = Math.sqrt(0.5);
        assertParallel(new double[] {r, -r}, e.vector(0), 4 * EPS);
        assertParallel(new double[] {r, r}, e.vector(1), 4 * EPS);
        assertEquals(2, e.size());
    }

    @Test
    void zeroDiagonal() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{0, -2}, {-2, 0}});
        assertArrayEquals(new double[] {-2, 2}, e.values(), 8 * EPS);
        double r = Math.sqrt(0.5);
        assertParallel(new double[] {r, r}, e.vector(0), 4 * EPS);
        assertParallel(new double[] {r, -r}, e.vector(1), 4 * EPS);
    }

    @Test
    void diagonalMatrixIsSortedWithoutRotations() {
        SymmetricEigen e = SymmetricEigen.of(diagonal(3, -1, 2, 0));
        assertArrayEquals(new double[] {-1, 0, 2, 3}, e.values(), 0.0);
        assertEquals(0, e.sweeps());
        // the sign convention makes each vector the positive unit vector
        assertArrayEquals(new double[] {0, 1, 0, 0}, e.vector(0), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 1}, e.vector(1), 0.0);
        assertArrayEquals(new double[] {0, 0, 1, 0}, e.vector(2), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0}, e.vector(3), 0.0);
    }

    @Test
    void secondDifferenceMatrix() {
        // tridiag(-1, 2, -1) of order 3: eigenvalues 2 - 2 cos(k pi / 4), vectors sin(j k pi / 4)
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}});
        double s = Math.sqrt(2);
        assertArrayEquals(new double[] {2 - s, 2, 2 + s}, e.values(), 16 * EPS);
        assertParallel(new double[] {0.5, s / 2, 0.5}, e.vector(0), 16 * EPS);
        assertParallel(new double[] {1 / s, 0, -1 / s}, e.vector(1), 16 * EPS);
        assertParallel(new double[] {0.5, -s / 2, 0.5}, e.vector(2), 16 * EPS);
        // the sign convention: the entry of largest magnitude is positive
        assertTrue(e.vector(0)[1] > 0 && e.vector(2)[1] > 0, "signs");
    }

    @Test
    void repeatedEigenvalueHasAnOrthonormalEigenspace() {
        // 3 I + J (J all ones): eigenvalue 6 on (1, 1, 1), and 3 twice on its orthogonal complement
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{4, 1, 1}, {1, 4, 1}, {1, 1, 4}});
        assertArrayEquals(new double[] {3, 3, 6}, e.values(), 32 * EPS);
        double r = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {r, r, r}, e.vector(2), 16 * EPS);
        double[] u = e.vector(0), v = e.vector(1);
        assertEquals(0, dot(u, v), 16 * EPS);
        assertEquals(0, u[0] + u[1] + u[2], 16 * EPS);
        assertEquals(0, v[0] + v[1] + v[2], 16 * EPS);
    }

    @Test
    void multipleOfTheIdentity() {
        double[][] a = diagonal(-2.5, -2.5, -2.5, -2.5, -2.5);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(new double[] {-2.5, -2.5, -2.5, -2.5, -2.5}, e.values(), 0.0);
        double[][] v = e.vectors();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i == j ? 1.0 : 0.0, v[i][j], 0.0);
            }
        }
    }

    @Test
    void zeroMatrix() {
        SymmetricEigen e = SymmetricEigen.of(new double[4][4]);
        assertArrayEquals(new double[4], e.values(), 0.0);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, dot(e.vector(i), e.vector(i)), 0.0);
        }
    }

    @Test
    void oneByOneAndEmpty() {
        SymmetricEigen one = SymmetricEigen.of(new double[][] {{-7.5}});
        assertArrayEquals(new double[] {-7.5}, one.values(), 0.0);
        assertArrayEquals(new double[] {1.0}, one.vector(0), 0.0);
        SymmetricEigen empty = SymmetricEigen.of(new double[0][]);
        assertEquals(0, empty.size());
        assertEquals(0, empty.values().length);
        assertEquals(0, empty.vectors().length);
        assertThrows(IndexOutOfBoundsException.class, () -> empty.vector(0));
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        // ||A||_F = 2e300 would overflow if formed directly, and 1e-600 would underflow
        SymmetricEigen big = SymmetricEigen.of(new double[][] {{1e300, 1e300}, {1e300, 1e300}});
        assertArrayEquals(new double[] {0, 2e300}, big.values(), 8 * EPS * 2e300);
        SymmetricEigen tiny = SymmetricEigen.of(new double[][] {{1e-300, 2e-300}, {2e-300, 1e-300}});
        assertArrayEquals(new double[] {-1e-300, 3e-300}, tiny.values(), 8 * EPS * 3e-300);
    }

    @Test
    void inputIsNotModifiedAndResultsAreCopies() {
        double[][] a = randomSymmetric(5, 1, 7);
        a[0][1] += 1e-12; // within the symmetry tolerance
        double[][] before = TestMatrices.copy(a);
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(before[i], a[i], 0.0);
        }
        double[] values = e.values();
        values[0] = 99;
        e.vector(0)[0] = 99;
        e.vectors()[0][0] = 99;
        assertTrue(e.values()[0] != 99 && e.vector(0)[0] != 99 && e.vectors()[0][0] != 99);
        assertArrayEquals(e.vector(3), column(e.vectors(), 3), 0.0);
    }

    static double[] column(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }

    @Test
    void asymmetryWithinTheToleranceIsSymmetrised() {
        double d = 5e-11;
        SymmetricEigen skewed = SymmetricEigen.of(new double[][] {{1, 2 + d}, {2 - d, 1}});
        SymmetricEigen symmetric = SymmetricEigen.of(new double[][] {{1, 2}, {2, 1}});
        assertArrayEquals(symmetric.values(), skewed.values(), 4 * EPS);
    }

    @Test
    void sweepLimit() {
        double[][] a = randomSymmetric(8, 1, 11);
        assertTrue(SymmetricEigen.of(a).sweeps() > 1, "needs more than one sweep");
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> SymmetricEigen.of(a, 1));
        assertTrue(e.getMessage().startsWith("eigen: no convergence after 1 sweeps"), e.getMessage());
    }

    static String message(double[][] a) {
        return assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(a)).getMessage();
    }

    static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "\"" + message + "\" should contain \"" + part + "\"");
        }
    }

    @Test
    void notSquare() {
        String ragged = message(new double[][] {{1, 2}, {3}});
        assertTrue(ragged.startsWith("eigen: "), ragged);
        assertContains(ragged, "not square", "2 rows", "row 1 has length 1", "[2, 1]");
        assertContains(message(new double[][] {{1, 2, 3}, {4, 5, 6}}), "2 rows", "row 0 has length 3", "[3, 3]");
        assertContains(message(new double[][] {{1, 2}, null}), "eigen: row 1 is null");
        assertThrows(NullPointerException.class, () -> SymmetricEigen.of(null));
    }

    @Test
    void notSymmetric() {
        String m = message(new double[][] {{1, 2, 0}, {3, 1, 0}, {0, 0, 1}});
        assertTrue(m.startsWith("eigen: "), m);
        // the tolerance is 1e-10 max(1, max|a_ij|) = 3e-10
        assertContains(m, "not symmetric", "(0, 1) is 2.0", "(1, 0) is 3.0", "tolerance 3.0E-10");
        // the most asymmetric entry is named
        assertContains(message(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1.5, 0}}), "(1, 2) is 1.0",
                "(2, 1) is 1.5");
        // just outside the tolerance of a matrix with max|a_ij| below 1: absolute 1e-10
        assertContains(message(new double[][] {{0.5, 0.5 + 2e-10}, {0.5, 0.5}}), "tolerance 1.0E-10");
    }

    @Test
    void nonFiniteEntry() {
        assertContains(message(new double[][] {{1, 0, 0}, {0, 1, Double.NaN}, {0, Double.NaN, 1}}),
                "eigen: entry (1, 2) is NaN");
        assertContains(message(new double[][] {{1, 0}, {0, Double.NEGATIVE_INFINITY}}),
                "eigen: entry (1, 1) is -Infinity");
    }
}
