package dev.autodiff.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A differentiable operation on tensors: its forward computation and its backward rule, side by side. Built-in
 * operations are written this way, and so is a user's own (like PyTorch's {@code autograd.Function} or JAX's
 * {@code custom_vjp}); {@link #apply(Tensor...)} records either kind on the tape, and
 * {@link dev.autodiff.core.check.GradCheck} checks either kind.
 *
 * <pre>{@code
 * // f(x) = x^3, with its own backward rule
 * TensorOp cube = new TensorOp("cube") {
 *     protected Tensor forward(Context ctx, Tensor... inputs) {
 *         ctx.saveForBackward(inputs[0]);
 *         return inputs[0].mul(inputs[0]).mul(inputs[0]);
 *     }
 *     protected Tensor[] backward(Context ctx, Tensor grad) {
 *         Tensor x = ctx.saved(0);
 *         return new Tensor[] {grad.mul(x.mul(x)).mul(3)};
 *     }
 * };
 * Tensor y = cube.apply(x);
 * }</pre>
 *
 * <p>{@code forward} receives the inputs' values, detached from any tape, and must return a new tensor computed from
 * them. {@code backward} receives dL/d(output) and returns dL/d(input i) for every input, each of that input's
 * shape; it may return null for an input whose {@link Context#needsGradient(int)} is false. The engine checks both
 * and names the operation and the shapes when something does not fit. An operation whose inputs are all constants,
 * or applied inside a {@link Tape#noGrad()} scope, is computed but not recorded.
 */
public abstract class TensorOp {
    private final String name;

    /** @param name the operation's name, as errors and {@code toString} show it */
    protected TensorOp(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the operation's name */
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Computes the output from the inputs' values.
     *
     * @param ctx    where to save what backward needs
     * @param inputs the inputs' values, detached from any tape
     * @return the output, a new tensor
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * The backward rule: the gradient with respect to each input, given the gradient with respect to the output.
     *
     * @param ctx  what forward saved, the inputs' shapes, and which inputs need a gradient
     * @param grad dL/d(output), of the output's shape
     * @return dL/d(input i) for each input, of input i's shape (null where no gradient is needed)
     */
    protected abstract Tensor[] backward(Context ctx, Tensor grad);

    /**
     * Applies the operation, recording it when an input is a node of a tape.
     *
     * @param inputs the operands
     * @return the output; a node of the inputs' tape if any input is one
     * @throws TapeMisuseException if inputs belong to different tapes, or one is stale
     */
    public final Tensor apply(Tensor... inputs) {
        Tape tape = null;
        boolean[] needsGradient = new boolean[inputs.length];
        Tensor[] values = new Tensor[inputs.length];
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = Objects.requireNonNull(inputs[i], () -> name + ": input is null");
            if (in.tape != null) {
                if (tape == null) {
                    tape = in.tape;
                }
                tape.checkLive(name, in, in.tape, in.epoch);
                needsGradient[i] = true;
            }
            values[i] = in.detach();
            shapes[i] = in.shape;
        }
        Context ctx = new Context(needsGradient, shapes);
        Tensor out = forward(ctx, values);
        if (out == null || out.tape != null) {
            throw new IllegalStateException(name + ": forward must return a new tensor computed from its inputs'"
                    + " values, got " + out);
        }
        if (tape == null || !tape.isRecording()) {
            return out;
        }
        int base = tape.newNodes(name, out.size());
        Tensor result = new Tensor(out.shape, out.data, tape, base, tape.epoch());
        tape.record(new Node(this, ctx, inputs, base, out.shape));
        return result;
    }

    /** Per-application state: what forward saved for backward, and facts about the inputs. */
    public static final class Context {
        private final boolean[] needsGradient;
        private final int[][] inputShapes;
        private Tensor[] saved;

        Context(boolean[] needsGradient, int[][] inputShapes) {
            this.needsGradient = needsGradient;
            this.inputShapes = inputShapes;
        }

        /**
         * Keeps tensors for backward; called at most once, in forward.
         *
         * @param tensors the tensors backward needs (inputs or the output, typically)
         * @throws IllegalStateException if called twice
         */
        public void saveForBackward(Tensor... tensors) {
            if (saved != null) {
                throw new IllegalStateException("saveForBackward: called twice");
            }
            saved = tensors.clone();
        }

        /**
         * @param i the position in the {@link #saveForBackward} call
         * @return that saved tensor
         */
        public Tensor saved(int i) {
            if (saved == null || i < 0 || i >= saved.length) {
                throw new IndexOutOfBoundsException("saved: no saved tensor " + i + " (saved "
                        + (saved == null ? "none" : saved.length) + ")");
            }
            return saved[i];
        }

        /** @return the number of inputs */
        public int inputCount() {
            return inputShapes.length;
        }

        /**
         * @param i an input's position
         * @return whether a gradient with respect to that input is wanted
         */
        public boolean needsGradient(int i) {
            return needsGradient[i];
        }

        /**
         * @param i an input's position
         * @return that input's shape (a copy)
         */
        public int[] inputShape(int i) {
            return inputShapes[i].clone();
        }

        int[] inputShapeShared(int i) {
            return inputShapes[i];
        }
    }

    /** The recorded application: runs backward when the sweep reaches it. */
    private static final class Node implements Tape.Backward {
        private final TensorOp op;
        private final Context ctx;
        private final Tensor[] inputs;
        private final int base;
        private final int[] shape;

        Node(TensorOp op, Context ctx, Tensor[] inputs, int base, int[] shape) {
            this.op = op;
            this.ctx = ctx;
            this.inputs = inputs.clone();
            this.base = base;
            this.shape = shape;
        }

        @Override
        public int outputBase() {
            return base;
        }

        @Override
        public void run(double[] adjoint) {
            int size = Tensor.sizeOf(shape);
            Tensor grad = new Tensor(shape, Arrays.copyOfRange(adjoint, base, base + size), null, -1, 0);
            Tensor[] grads = op.backward(ctx, grad);
            String where = op.name + " backward";
            if (grads == null || grads.length != inputs.length) {
                throw new IllegalStateException(where + ": expected " + inputs.length + " gradients, got "
                        + (grads == null ? "null" : grads.length));
            }
            for (int i = 0; i < inputs.length; i++) {
                if (!ctx.needsGradient[i]) {
                    continue;
                }
                Tensor g = grads[i];
                if (g == null) {
                    throw new IllegalStateException(where + ": no gradient for input " + i + " of shape "
                            + Arrays.toString(inputs[i].shape) + ", which needs one");
                }
                if (!Arrays.equals(g.shape, inputs[i].shape)) {
                    throw new ShapeMismatchException(where, "the gradient of input " + i
                            + " must have the input's shape", g.shape, inputs[i].shape);
                }
                int in = inputs[i].base;
                double[] d = g.data;
                for (int j = 0; j < d.length; j++) {
                    adjoint[in + j] += d[j];
                }
            }
        }
    }
}
