package dev.autodiff.core.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three products and the guarded one against a naive triple loop, over sizes that exercise every edge of the blocking (empty, one,
 * odd, not multiples of the tile or block, large enough to run in parallel), with offsets and accumulation, on the
 * SIMD tile and on the pure-Java kernel.
 */
class MatMulKernelsTest {
    private static final boolean INITIAL = MatMulKernels.vectorized;

    @AfterEach
    void restore() {
        MatMulKernels.vectorized = INITIAL;
    }

    @Test
    void theSimdTileIsAvailableUnderTest() {
        // Surefire runs with --add-modules jdk.incubator.vector, so the fast path is the one tested by default
        assertTrue(MatMulKernels.isVectorized());
    }

    @Test
    void simdKernel() {
        MatMulKernels.vectorized = true;
        checkAllSizes();
    }

    @Test
    void pureJavaKernel() {
        MatMulKernels.vectorized = false;
        checkAllSizes();
    }

    private static void checkAllSizes() {
        int[] sizes = {0, 1, 3, 4, 5, 17, 33, 130, 257};
        Random rng = new Random(7);
        for (int m : sizes) {
            for (int k : sizes) {
                for (int n : new int[] {0, 1, 7, 16, 19, 300}) {
                    if ((long) m * k * n <= 3_000_000) {
                        check(rng, m, k, n);
                    }
                }
            }
        }
        check(rng, 260, 300, 270);     // 2 m k n above the parallel threshold
    }

    private static void check(Random rng, int m, int k, int n) {
        int off = 3;
        double[] a = random(rng, off + m * k), b = random(rng, off + k * n), c = random(rng, off + m * n);
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[off + i * k + p] * b[off + p * n + j];
                }
                expected[off + i * n + j] += s;
            }
        }
        // the same product three ways: A B, (A^T)^T B with A^T stored, A (B^T)^T with B^T stored
        double[] at = transpose(a, off, m, k), bt = transpose(b, off, k, n);
        double[] c1 = c.clone(), c2 = c.clone(), c3 = c.clone();
        MatMulKernels.multAdd(a, off, b, off, c1, off, m, k, n);
        MatMulKernels.multTransAAdd(at, off, b, off, c2, off, m, k, n);
        MatMulKernels.multTransBAdd(a, off, bt, off, c3, off, m, k, n);
        // and the guarded kernel, in all four layouts, guarding either operand: on finite operands it is the product
        double[] c4 = c.clone(), c5 = c.clone(), c6 = c.clone(), c7 = c.clone();
        MatMulKernels.multAddGuarded(false, false, true, a, off, b, off, c4, off, m, k, n);
        MatMulKernels.multAddGuarded(true, false, false, at, off, b, off, c5, off, m, k, n);
        MatMulKernels.multAddGuarded(false, true, true, a, off, bt, off, c6, off, m, k, n);
        MatMulKernels.multAddGuarded(true, true, false, at, off, bt, off, c7, off, m, k, n);
        for (double[] actual : new double[][] {c1, c2, c3, c4, c5, c6, c7}) {
            for (int i = 0; i < expected.length; i++) {
                // sums of k products of magnitude <= ~10: rounding below 1e-13 k
                assertEquals(expected[i], actual[i], 1e-13 * (k + 1), "m " + m + ", k " + k + ", n " + n + ", at " + i);
            }
        }
    }

    @Test
    void theGuardedKernelPassesNothingOnFromAZeroOfTheGuardedOperand() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        double[] g = {0, 0, 1, 2};                    // [2 x 2], first row zero (masked)
        double[] w = {nan, inf, 3, 4};                // [2 x 2]
        double[] c = new double[4];
        MatMulKernels.multAddGuarded(false, false, true, g, 0, w, 0, c, 0, 2, 2, 2);      // g w
        assertArrayEquals(new double[] {0, 0, nan, inf}, c, "row 0 of g is zero; row 1 meets nan and inf");
        double[] x = {nan, nan, 1, 2};                // [2 x 2], first row of NaN where g's row is zero
        double[] d = new double[4];
        MatMulKernels.multAddGuarded(true, false, false, x, 0, g, 0, d, 0, 2, 2, 2);     // x^T g
        assertArrayEquals(new double[] {1, 2, 2, 4}, d);
        double[] plain = new double[4];
        MatMulKernels.multTransAAdd(x, 0, g, 0, plain, 0, 2, 2, 2);
        assertTrue(Double.isNaN(plain[0]), "the fast kernel adds 0 * NaN: that is why the guarded one exists");
    }

    @Test
    void allFiniteFindsEveryInfinityAndNaN() {
        for (int n = 0; n < 11; n++) {
            double[] x = new double[n + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 2 == 0 ? -1e308 : 0.0;
            }
            x[0] = Double.NaN;                          // outside [1, n + 1)
            x[n + 1] = Double.POSITIVE_INFINITY;
            assertTrue(MatMulKernels.allFinite(x, 1, n + 1), "n " + n);
            for (int i = 1; i <= n; i++) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double[] y = x.clone();
                    y[i] = bad;
                    assertFalse(MatMulKernels.allFinite(y, 1, n + 1), "n " + n + ", " + bad + " at " + i);
                }
            }
        }
    }

    private static double[] transpose(double[] x, int off, int rows, int cols) {
        double[] t = new double[x.length];
        System.arraycopy(x, 0, t, 0, off);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[off + j * rows + i] = x[off + i * cols + j];
            }
        }
        return t;
    }

    private static double[] random(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
