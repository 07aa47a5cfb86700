package dev.autodiff.core.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three products against a naive triple loop, over sizes that exercise every edge of the blocking (empty, one,
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
        for (double[] actual : new double[][] {c1, c2, c3}) {
            for (int i = 0; i < expected.length; i++) {
                // sums of k products of magnitude <= ~10: rounding below 1e-13 k
                assertEquals(expected[i], actual[i], 1e-13 * (k + 1), "m " + m + ", k " + k + ", n " + n + ", at " + i);
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
