package dev.autodiff.core;

import dev.autodiff.core.check.GradCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The custom-op API: a user's op is recorded, swept and checked like a built-in, and its mistakes are caught. */
class TensorOpTest {

    /** f(x) = x^3 with its own backward rule. */
    static final TensorOp CUBE = new TensorOp("cube") {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.saveForBackward(inputs[0]);
            return inputs[0].mul(inputs[0]).mul(inputs[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0);
            return new Tensor[] {grad.mul(x.mul(x)).mul(3)};
        }
    };

    @Test
    void aCustomOpIsDifferentiatedAndChecked() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1, -2, 0.5));
            Tensor y = CUBE.apply(x);
            assertEquals(3 + 3, tape.size(), "x, then one node per element of the output; nothing for the inner ops");
            assertArrayEquals(new double[] {3, 12, 0.75}, tape.gradient(y.sum().item()).of(x).toArray(), 1e-15);
        }
        GradCheck.check(in -> CUBE.apply(in[0].sin()).mul(in[1]), Tensor.vector(0.3, -1.1),
                Tensor.vector(2, 3)).assertPassed();
        assertTrue(CUBE.apply(Tensor.vector(2)).isConstant(), "constants in, constant out, nothing recorded");
    }

    @Test
    void aWrongBackwardIsCaughtByGradCheck() {
        TensorOp wrongCube = new TensorOp("wrongCube") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].pow(3);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad.mul(ctx.saved(0).square())};       // forgot the 3
            }
        };
        assertFalse(GradCheck.check(in -> wrongCube.apply(in[0]).sum(), Tensor.vector(0.5, 2)).passed());
    }

    @Test
    void backwardMistakesNameTheOpAndShapes() {
        TensorOp badShape = new TensorOp("badShape") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].sum();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad};                                    // rank 0, not the input's shape
            }
        };
        TensorOp missing = new TensorOp("missing") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].add(inputs[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad, null};
            }
        };
        TensorOp leaky = new TensorOp("leaky") {
            Tensor captured;

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return captured;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad};
            }
        };
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1, 2));
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                    () -> tape.gradient(badShape.apply(x).item()));
            assertEquals("badShape backward", e.op());
            assertArrayEquals(new int[0], e.shapes().get(0));
            assertArrayEquals(new int[] {2}, e.shapes().get(1));
            IllegalStateException ise = assertThrows(IllegalStateException.class,
                    () -> tape.gradient(missing.apply(x, x).sum().item()));
            assertTrue(ise.getMessage().startsWith("missing backward: no gradient for input 1"), ise.getMessage());
            assertThrows(IllegalStateException.class, () -> leaky.apply(x), "forward returned null");
        }
    }

    @Test
    void contextRules() {
        TensorOp twice = new TensorOp("twice") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                ctx.saveForBackward(inputs[0]);
                return inputs[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad};
            }
        };
        assertThrows(IllegalStateException.class, () -> twice.apply(Tensor.vector(1)));
        assertEquals("cube", CUBE.name());
    }
}
