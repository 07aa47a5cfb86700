package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A sweep touches only what the result depends on: an operation recorded but unused (for logging, say) runs no
 * backward, so whatever it would compute from NaN, infinities or a failing rule never reaches a gradient.
 */
class SweepReachabilityTest {

    /** A user's sqrt whose backward divides by the output: 0 * inf = NaN at 0 if it ran with a zero gradient. */
    static final TensorOp NAIVE_SQRT = new TensorOp("naiveSqrt") {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            Tensor y = inputs[0].sqrt();
            ctx.saveForBackward(y);
            return y;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.mul(0.5).div(ctx.saved(0))};
        }
    };

    /** A user's op whose backward always fails. */
    static final TensorOp FAILING = new TensorOp("failing") {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            return inputs[0].mul(2);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            throw new IllegalStateException("failing: no backward");
        }
    };

    /** The gradient of sum(w^2) at w = [0.5, -1] after recording {@code unused(w)}, by both kinds of sweep. */
    private static void assertUnusedChangesNothing(Function<Tensor, Tensor> unused) {
        double[] expected = {1, -2};
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.matrix(new double[][] {{0.5, -1}}));
            unused.apply(w);
            Scalar loss = w.square().sum().item();
            assertArrayEquals(expected, tape.gradient(loss).of(w).toArray(), "full sweep");
            assertArrayEquals(expected, tape.gradient(loss, w)[0].toArray(), "sweep for w");
            assertArrayEquals(expected, tape.recordGradient(loss, w)[0].toArray(), "recorded sweep");
        }
    }

    @Test
    void anUnusedLinearWithNaNInputsChangesNoGradient() {
        assertUnusedChangesNothing(w -> Tensor.matrix(new double[][] {{Double.NaN, 1}}).linear(w, null));
    }

    @Test
    void anUnusedMatmulAgainstAnInfiniteConstantChangesNoGradient() {
        assertUnusedChangesNothing(w -> w.matmul(Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY}, {1}})));
    }

    @Test
    void anUnusedCustomOpAtItsSingularityChangesNoGradient() {
        assertUnusedChangesNothing(w -> NAIVE_SQRT.apply(w.mul(0)));
    }

    @Test
    void anUnusedScalarOperationChangesNoGradient() {
        assertUnusedChangesNothing(w -> {
            w.element(0, 0).mul(0).sqrt();                   // sqrt'(0) = inf, never reached
            return w;
        });
    }

    @Test
    void aFailingBackwardDoesNotPoisonTheTape() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1, 2));
            Scalar bad = FAILING.apply(x).sum().item();
            Scalar good = x.square().sum().item();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.gradient(bad));
            assertEquals("failing: no backward", e.getMessage());
            assertArrayEquals(new double[] {2, 4}, tape.gradient(good).of(x).toArray(), "after the failure");
            assertArrayEquals(new double[] {2, 4}, tape.gradient(good, x)[0].toArray());
            assertArrayEquals(new double[] {2, 4}, tape.recordGradient(good, x)[0].toArray());
            assertThrows(IllegalStateException.class, () -> tape.gradient(bad), "the failing op still fails");
        }
    }

    @Test
    void aSweepForChosenNodesSkipsWhatCannotReachThem() {
        try (Tape tape = Tape.open()) {
            Tensor data = tape.variable(Tensor.vector(1, 2));
            Scalar penalty = FAILING.apply(data).sum().item();    // recorded before w: cannot depend on w
            Tensor w = tape.variable(Tensor.vector(3, -1));
            Scalar loss = w.square().sum().item().add(penalty);
            assertArrayEquals(new double[] {6, -2}, tape.gradient(loss, w)[0].toArray());
            assertThrows(IllegalStateException.class, () -> tape.gradient(loss, data), "data's gradient needs it");
        }
    }

    @Test
    void aPartlyReachedOperationStillRuns() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(4, 9));
            Tensor y = NAIVE_SQRT.apply(x);
            Scalar f = y.element(1);                          // only the second element is used
            assertArrayEquals(new double[] {0, 1.0 / 6}, tape.gradient(f).of(x).toArray(), 1e-17);
        }
    }
}
