package dev.autodiff.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matmul micro-kernel with explicit SIMD, by the incubating Vector API: a 4 x 2V tile of C (V doubles per
 * vector) is accumulated in eight vector registers over the whole k extent of a block, with one fused multiply-add
 * per register per k-step, and added into C once. Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; see {@link MatMulKernels}.
 */
final class VectorTiles {
    private VectorTiles() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int V = S.length();

    /**
     * c[0..3][0..cols) += a[0..3][0..kc) b[0..kc)[0..cols) for cols a multiple of 2V; returns cols.
     * a(r, p) is at a0 + r lda + p sp; b(p, j) at b0 + p ldb + j; c(r, j) at c0 + r ldc + j.
     */
    static int tile4(double[] a, int a0, int lda, int sp, double[] b, int b0, int ldb,
                     double[] c, int c0, int ldc, int kc, int nc) {
        int cols = nc - nc % (2 * V);
        for (int j = 0; j < cols; j += 2 * V) {
            DoubleVector s00 = DoubleVector.zero(S), s01 = DoubleVector.zero(S);
            DoubleVector s10 = DoubleVector.zero(S), s11 = DoubleVector.zero(S);
            DoubleVector s20 = DoubleVector.zero(S), s21 = DoubleVector.zero(S);
            DoubleVector s30 = DoubleVector.zero(S), s31 = DoubleVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int bp = b0 + p * ldb + j, ap = a0 + p * sp;
                DoubleVector u = DoubleVector.fromArray(S, b, bp), w = DoubleVector.fromArray(S, b, bp + V);
                DoubleVector x0 = DoubleVector.broadcast(S, a[ap]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[ap + lda]);
                DoubleVector x2 = DoubleVector.broadcast(S, a[ap + 2 * lda]);
                DoubleVector x3 = DoubleVector.broadcast(S, a[ap + 3 * lda]);
                s00 = x0.fma(u, s00);
                s01 = x0.fma(w, s01);
                s10 = x1.fma(u, s10);
                s11 = x1.fma(w, s11);
                s20 = x2.fma(u, s20);
                s21 = x2.fma(w, s21);
                s30 = x3.fma(u, s30);
                s31 = x3.fma(w, s31);
            }
            addInto(c, c0 + j, s00, s01);
            addInto(c, c0 + ldc + j, s10, s11);
            addInto(c, c0 + 2 * ldc + j, s20, s21);
            addInto(c, c0 + 3 * ldc + j, s30, s31);
        }
        return cols;
    }

    private static void addInto(double[] c, int at, DoubleVector lo, DoubleVector hi) {
        DoubleVector.fromArray(S, c, at).add(lo).intoArray(c, at);
        DoubleVector.fromArray(S, c, at + V).add(hi).intoArray(c, at + V);
    }
}
