package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zero-adjoint convention holds for every built-in, not only the elementwise ones: where a mask zeroes the
 * adjoint of a row, that row's NaN or infinity in an operand of a product passes nothing on, in the numeric and in
 * the recorded sweep.
 */
class ZeroAdjointTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    /** Keeps row 1 of a [2, 1] result, drops row 0. */
    private static final Tensor SECOND_ROW = Tensor.matrix(new double[][] {{0}, {1}});

    @Test
    void aMaskedRowOfLinearTakesNoNaNFromTheInput() {
        try (Tape tape = Tape.open()) {
            Tensor x = Tensor.matrix(new double[][] {{NAN, NAN}, {1, 2}});
            Tensor w = tape.variable(Tensor.matrix(new double[][] {{0.5, -1}}));
            Tensor y = Tensor.where(SECOND_ROW, x.linear(w, null), Tensor.scalar(0));
            assertArrayEquals(new double[] {1, 2}, tape.gradient(y.sum().item(), w)[0].toArray());
            assertArrayEquals(new double[] {1, 2}, tape.recordGradient(y.sum().item(), w)[0].toArray(), "recorded");
        }
    }

    @Test
    void aMaskedRowOfLinearTakesNoNaNFromTheWeight() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.matrix(new double[][] {{1, 2}}));
            Tensor w = Tensor.matrix(new double[][] {{INF, NAN}, {3, 4}});
            Tensor keepSecondColumn = Tensor.matrix(new double[][] {{0, 1}});
            Tensor y = Tensor.where(keepSecondColumn, x.linear(w, null), Tensor.scalar(0));
            assertArrayEquals(new double[] {3, 4}, tape.gradient(y.sum().item(), x)[0].toArray());
            assertArrayEquals(new double[] {3, 4}, tape.recordGradient(y.sum().item(), x)[0].toArray(), "recorded");
        }
    }

    @Test
    void aMaskedRowOfMatmulTakesNoNaNFromEitherOperand() {
        try (Tape tape = Tape.open()) {
            Tensor a = tape.variable(Tensor.matrix(new double[][] {{NAN, INF}, {1, 2}}));
            Tensor b = tape.variable(Tensor.matrix(new double[][] {{3}, {4}}));
            Tensor y = Tensor.where(SECOND_ROW, a.matmul(b), Tensor.scalar(0));
            for (Tensor[] g : new Tensor[][] {tape.gradient(y.sum().item(), a, b),
                    tape.recordGradient(y.sum().item(), a, b)}) {
                assertArrayEquals(new double[] {0, 0, 3, 4}, g[0].toArray(), "dA = G B^T");
                assertArrayEquals(new double[] {1, 2}, g[1].toArray(), "dB = A^T G, row 0 of A masked");
            }
        }
    }

    @Test
    void aMaskedMatrixOfABatchedMatmulTakesNoNaN() {
        try (Tape tape = Tape.open()) {
            Tensor a = Tensor.of(new double[] {NAN, NAN, 1, 2}, 2, 1, 2);        // two [1, 2] matrices
            Tensor b = tape.variable(Tensor.of(new double[] {3, 4}, 2, 1));       // broadcast over the batch
            Tensor keepSecond = Tensor.of(new double[] {0, 1}, 2, 1, 1);
            Tensor y = Tensor.where(keepSecond, a.matmul(b), Tensor.scalar(0));
            assertArrayEquals(new double[] {1, 2}, tape.gradient(y.sum().item(), b)[0].toArray());
            assertArrayEquals(new double[] {1, 2}, tape.recordGradient(y.sum().item(), b)[0].toArray(), "recorded");
        }
    }

    /**
     * Second order through a guarded product: with x's NaN row masked, f = sum(where(mask, x W^T, 0)^2) has the
     * Hessian of the kept row alone: d2f/dw_i dw_j = 2 x1_i x1_j.
     */
    @Test
    void theRecordedGuardedProductDifferentiatesAgain() {
        try (Tape tape = Tape.open()) {
            Tensor x = Tensor.matrix(new double[][] {{NAN, NAN}, {1, 2}});
            Tensor w = tape.variable(Tensor.matrix(new double[][] {{0.5, -1}}));
            Tensor y = Tensor.where(SECOND_ROW, x.linear(w, null), Tensor.scalar(0));
            Tensor g = tape.recordGradient(y.square().sum().item(), w)[0];      // 2 (x1 . w) x1 = [-3, -6]
            assertArrayEquals(new double[] {-3, -6}, g.toArray(), 1e-15);
            Tensor h0 = tape.gradient(g.element(0, 0), w)[0];
            assertArrayEquals(new double[] {2, 4}, h0.toArray(), 1e-15);
        }
    }

    @Test
    void aNaNThatReachesTheResultStillPropagates() {
        try (Tape tape = Tape.open()) {
            Tensor x = Tensor.matrix(new double[][] {{NAN, NAN}, {1, 2}});
            Tensor w = tape.variable(Tensor.matrix(new double[][] {{0.5, -1}}));
            double[] g = tape.gradient(x.linear(w, null).sum().item(), w)[0].toArray();
            assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[1]), "row 0 is used: its NaN is in the gradient");
        }
    }
}
