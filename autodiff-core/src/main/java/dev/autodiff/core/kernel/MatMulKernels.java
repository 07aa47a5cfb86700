package dev.autodiff.core.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Allocation-free matrix products over row-major {@code double[]} with explicit offsets, including the transposed
 * variants that a product's backward pass needs, so that no transposed matrix is ever materialized. Each method adds
 * into its output ({@code c += ...}); clear the output first for a plain product. Outputs must not alias inputs.
 *
 * <h2>How</h2>
 * The product is blocked for the caches: KC rows of B by NC columns (256 KB) stay in L2 while every row of A streams
 * past them. With the JVM flag {@code --add-modules jdk.incubator.vector}, the innermost kernel holds a 4 x 2V tile
 * of C in vector registers over the block's whole k extent (V doubles per vector), with fused multiply-adds
 * ({@link #isVectorized()}). Without it, a pure-Java kernel updates a 4 x NC tile of C from two rows of the B block at
 * a time, so each element of B loaded feeds 8 multiply-adds, in a plain unit-stride loop that the JIT compiles to SIMD
 * instructions where it can; it also takes the columns left over by the vector tile. For B^T, each block of B is first packed, transposed, into a per-thread buffer (as
 * BLAS packs its panels); A^T needs no packing, as the kernel reads only 8 elements of A per pass over a tile. Products
 * of more than {@value #PARALLEL_FLOPS} flops split the rows of C among the available processors.
 *
 * <p>These kernels know nothing about tapes.
 */
public final class MatMulKernels {
    private MatMulKernels() {
    }

    /** Rows of a B block (the k extent). */
    private static final int KC = 128;
    /** Columns of a B block and of a C tile. */
    private static final int NC = 256;
    /** Products at least this large (2 m k n) use all processors. */
    public static final long PARALLEL_FLOPS = 1L << 22;
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    private static final ThreadLocal<double[]> PACK = ThreadLocal.withInitial(() -> new double[KC * NC]);
    /** Whether the SIMD tile is used: the JVM resolved jdk.incubator.vector (package-private for tests). */
    static boolean vectorized = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * @return whether the Vector API kernel is in use, which needs the JVM flag
     *         {@code --add-modules jdk.incubator.vector}; otherwise the pure-Java kernel is (about 2-3x slower)
     */
    public static boolean isVectorized() {
        return vectorized;
    }

    /**
     * c[m x n] += a[m x k] b[k x n].
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public static void multAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        gemm(false, false, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    /**
     * c[m x n] += a^T b, where a is stored as [k x m] and b as [k x n].
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public static void multTransAAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                     int m, int k, int n) {
        gemm(true, false, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    /**
     * c[m x n] += a b^T, where a is stored as [m x k] and b as [n x k].
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public static void multTransBAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                     int m, int k, int n) {
        gemm(false, true, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    /**
     * c[m x n] += op(a) op(b), where op transposes when asked ({@code a} stored as [k x m] if {@code transA}, else
     * [m x k]; {@code b} as [n x k] if {@code transB}, else [k x n]), with the convention of backward passes that an
     * adjoint of exactly 0 passes nothing on: a term whose factor from the guarded operand (the adjoint) is 0
     * contributes nothing, even where the other factor is infinite or NaN (a plain product would add 0 * inf = NaN).
     * Plain loops: for operands that hold a non-finite value ({@link #allFinite}), where the fast kernels cannot be
     * used.
     *
     * @param guardA true if {@code a} is the adjoint whose zeros are guarded, false if {@code b} is
     * @param a      not modified
     * @param b      not modified
     * @param c      modified
     */
    public static void multAddGuarded(boolean transA, boolean transB, boolean guardA, double[] a, int aOff,
                                      double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double x = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (guardA && x == 0.0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double y = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    if (guardA || y != 0.0) {
                        c[ci + j] += x * y;
                    }
                }
            }
        }
    }

    /**
     * @param x    not modified
     * @param from the first element
     * @param to   past the last element
     * @return whether x[from, to) holds no infinity and no NaN
     */
    public static boolean allFinite(double[] x, int from, int to) {
        // x * 0 is 0 for a finite x and NaN for an infinity or NaN; four sums keep the adds independent
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += x[i] * 0.0;
            s1 += x[i + 1] * 0.0;
            s2 += x[i + 2] * 0.0;
            s3 += x[i + 3] * 0.0;
        }
        for (; i < to; i++) {
            s0 += x[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    private static void gemm(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, int m, int k, int n) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        long flops = 2L * m * k * n;
        int parts = flops >= PARALLEL_FLOPS ? Math.min(PROCESSORS, m / 4) : 1;
        if (parts <= 1) {
            rows(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, 0, m);
            return;
        }
        int step = (m / parts + 3) & ~3;
        Future<?>[] others = new Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int i0 = Math.min(m, t * step), i1 = t == parts - 1 ? m : Math.min(m, (t + 1) * step);
            others[t - 1] = ForkJoinPool.commonPool().submit(
                    () -> rows(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, i0, i1));
        }
        rows(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, 0, Math.min(m, step));
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("matmul: interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("matmul: a worker failed", e.getCause());
            }
        }
    }

    /** Rows [i0, i1) of C, blocked over k and n. */
    private static void rows(boolean transA, boolean transB, double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, int m, int k, int n, int i0, int i1) {
        double[] pack = transB ? PACK.get() : null;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int j0 = 0; j0 < n; j0 += NC) {
                int nc = Math.min(NC, n - j0);
                double[] bb;
                int bBase, ldb;
                if (transB) {            // pack b[j0 .. j0+nc][p0 .. p0+kc] as a [kc x nc] row-major block
                    for (int j = 0; j < nc; j++) {
                        int src = bOff + (j0 + j) * k + p0;
                        for (int p = 0; p < kc; p++) {
                            pack[p * nc + j] = b[src + p];
                        }
                    }
                    bb = pack;
                    bBase = 0;
                    ldb = nc;
                } else {
                    bb = b;
                    bBase = bOff + p0 * n + j0;
                    ldb = n;
                }
                // a(i, p) is at aOff + i * lda + p * strideP
                int lda = transA ? 1 : k, strideP = transA ? m : 1;
                int aBase = aOff + p0 * strideP;
                boolean simd = vectorized;
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    int done = simd ? VectorTiles.tile4(a, aBase + i * lda, lda, strideP, bb, bBase, ldb, c,
                            cOff + i * n + j0, n, kc, nc) : 0;
                    tile4(a, aBase + i * lda, lda, strideP, bb, bBase + done, ldb, c, cOff + i * n + j0 + done, n, kc,
                            nc - done);
                }
                for (; i < i1; i++) {
                    tile1(a, aBase + i * lda, strideP, bb, bBase, ldb, c, cOff + i * n + j0, kc, nc);
                }
            }
        }
    }

    /** c[0..3][0..nc) += a[0..3][0..kc) b[0..kc)[0..nc), two k-steps at a time. */
    private static void tile4(double[] a, int a0, int lda, int sp, double[] b, int b0, int ldb,
                              double[] c, int c0, int ldc, int kc, int nc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int ap = a0 + p * sp, aq = ap + sp;
            double x00 = a[ap], x01 = a[aq];
            double x10 = a[ap + lda], x11 = a[aq + lda];
            double x20 = a[ap + 2 * lda], x21 = a[aq + 2 * lda];
            double x30 = a[ap + 3 * lda], x31 = a[aq + 3 * lda];
            int bp = b0 + p * ldb, bq = bp + ldb;
            for (int j = 0; j < nc; j++) {
                double u = b[bp + j], v = b[bq + j];
                c[c0 + j] += x00 * u + x01 * v;
                c[c1 + j] += x10 * u + x11 * v;
                c[c2 + j] += x20 * u + x21 * v;
                c[c3 + j] += x30 * u + x31 * v;
            }
        }
        if (p < kc) {
            int ap = a0 + p * sp;
            double x0 = a[ap], x1 = a[ap + lda], x2 = a[ap + 2 * lda], x3 = a[ap + 3 * lda];
            int bp = b0 + p * ldb;
            for (int j = 0; j < nc; j++) {
                double u = b[bp + j];
                c[c0 + j] += x0 * u;
                c[c1 + j] += x1 * u;
                c[c2 + j] += x2 * u;
                c[c3 + j] += x3 * u;
            }
        }
    }

    /** One row: c[0..nc) += a[0..kc) b[0..kc)[0..nc). */
    private static void tile1(double[] a, int a0, int sp, double[] b, int b0, int ldb, double[] c, int c0,
                              int kc, int nc) {
        for (int p = 0; p < kc; p++) {
            double x = a[a0 + p * sp];
            int bp = b0 + p * ldb;
            for (int j = 0; j < nc; j++) {
                c[c0 + j] += x * b[bp + j];
            }
        }
    }
}
