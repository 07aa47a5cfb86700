package dev.autodiff.core;

import dev.autodiff.core.kernel.MatMulKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 *
 * <h2>Derivatives of higher order</h2>
 * A backward written with tensor operations, as above, is differentiable too: when a sweep records itself
 * ({@link Tape#recordGradient(Scalar, Tensor...)}), backward receives the gradient as a recorded tensor, and each
 * saved tensor that is an input or the output as that recorded input or output, so that what it computes is recorded
 * in turn. Other saved tensors are constants to such a sweep: save inputs and the output, and compute the rest in
 * backward. A recorded sweep hands a custom operation's backward the gradient as a node even where it is a constant;
 * since backward is linear in it, a non-zero result that is not recorded was computed from plain arrays, and is
 * refused with the operation's name rather than giving wrong second derivatives.
 */
public abstract class TensorOp {
    private final String name;
    /** Whether this is a built-in operation, whose backward is known to be written with tensor operations. */
    private final boolean builtIn;

    /** @param name the operation's name, as errors and {@code toString} show it */
    protected TensorOp(String name) {
        this(name, false);
    }

    TensorOp(String name, boolean builtIn) {
        this.name = Objects.requireNonNull(name, "name");
        this.builtIn = builtIn;
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
     * The backward rule for a sweep that records nothing, on constant tensors: by default {@link #backward} itself
     * (whose tensor operations record nothing on constants). Built-in operations override it with loops over plain
     * arrays that compute the same numbers faster.
     */
    Tensor[] backwardOnValues(Context ctx, Tensor grad) {
        return backward(ctx, grad);
    }

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
        Tape.Origin origin = null;
        if (tape.isDetectingAnomalies()) {
            origin = new Tape.Origin(name, java.util.List.of(shapes), Tape.callerFrame());
            if (!MatMulKernels.allFinite(out.data, 0, out.data.length) && allFinite(values)) {
                throw new AnomalyException(AnomalyException.Phase.FORWARD, name, origin.shapes(), origin.at(),
                        "made an infinity or NaN from finite operands (" + firstNonFinite(out) + ")");
            }
        }
        int base = tape.newNodes(name, out.size());
        Tensor result = new Tensor(out.shape, out.data, tape, base, tape.epoch());
        ctx.inputs = inputs.clone();
        if (!MatMulKernels.allFinite(out.data, 0, out.data.length)) {
            noteInfinities(tape, result, ctx.inputs);
        }
        tape.record(new Node(this, ctx, ctx.inputs, values, out, result, origin));
        return result;
    }

    private static boolean allFinite(Tensor[] tensors) {
        for (Tensor t : tensors) {
            if (!MatMulKernels.allFinite(t.data, 0, t.data.length)) {
                return false;
            }
        }
        return true;
    }

    /** "element i is v" for the first infinity or NaN of t. */
    private static String firstNonFinite(Tensor t) {
        for (int i = 0; i < t.data.length; i++) {
            if (!Double.isFinite(t.data[i])) {
                return "element " + i + " is " + t.data[i];
            }
        }
        return "none";
    }

    /**
     * Whether each output element is computed from the inputs' elements at its broadcast position only (the
     * elementwise operations and where), so that which of its infinities are overflows can be told element by element.
     */
    boolean elementwise() {
        return false;
    }

    /**
     * Marks the infinities of {@code result} that are overflows ({@link Tape#overflowed}): computed from finite values,
     * or from an overflow. Element by element for an {@link #elementwise()} operation; for the others, every infinity
     * of the output is an overflow unless an input holds an infinity the user gave and none holds an overflow.
     */
    private void noteInfinities(Tape tape, Tensor result, Tensor[] inputs) {
        double[] y = result.data;
        boolean anyOver = false, anyInherited = false;
        int[][] maps = new int[inputs.length][];
        boolean perElement = elementwise();
        if (perElement) {
            for (int i = 0; i < inputs.length; i++) {
                maps[i] = Broadcasting.indexMap(inputs[i].shape, result.shape);
            }
        } else {
            for (Tensor in : inputs) {
                for (int k = 0; k < in.data.length; k++) {
                    if (Double.isInfinite(in.data[k])) {
                        boolean over = in.tape != null && tape.overflowed(in.base + k);
                        anyOver |= over;
                        anyInherited |= !over;
                    }
                }
            }
        }
        for (int j = 0; j < y.length; j++) {
            if (!Double.isInfinite(y[j])) {
                continue;
            }
            boolean over = anyOver, inherited = anyInherited;
            if (perElement) {
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    int k = maps[i][j];
                    boolean o = in.tape != null && tape.overflowed(in.base + k);
                    over |= o;
                    inherited |= Double.isInfinite(in.data[k]) && !o;
                }
            }
            if (over || !inherited) {
                tape.markOverflowed(result.base + j);
            }
        }
    }

    /** Per-application state: what forward saved for backward, and facts about the inputs. */
    public static final class Context {
        private final boolean[] needsGradient;
        private final int[][] inputShapes;
        private Tensor[] saved;
        /** The inputs as recorded, once the operation is; for {@link #overflowed(int, int)}. */
        private Tensor[] inputs;

        Context(boolean[] needsGradient, int[][] inputShapes) {
            this.needsGradient = needsGradient;
            this.inputShapes = inputShapes;
        }

        /**
         * This context for a recorded sweep: each saved tensor that is one of {@code values} (the detached inputs
         * forward saw) or {@code out} (its output) replaced by the recorded input or output.
         */
        Context recorded(Tensor[] values, Tensor[] inputs, Tensor out, Tensor result) {
            Context c = new Context(needsGradient, inputShapes);
            c.inputs = this.inputs;
            if (saved != null) {
                c.saved = saved.clone();
                for (int j = 0; j < saved.length; j++) {
                    if (saved[j] == out) {
                        c.saved[j] = result;
                    }
                    for (int i = 0; i < values.length; i++) {
                        if (saved[j] == values[i]) {
                            c.saved[j] = inputs[i];
                        }
                    }
                }
            }
            return c;
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

        /**
         * @param input   an input's position
         * @param element an element of that input
         * @return whether that element is an overflowed infinity ({@link Tape#overflowed(int)})
         */
        boolean overflowed(int input, int element) {
            Tensor in = inputs == null ? null : inputs[input];
            return in != null && in.tape != null && in.tape.overflowed(in.base + element);
        }
    }

    /** The recorded application: runs backward when the sweep reaches it. */
    private static final class Node implements Tape.Backward {
        private final TensorOp op;
        private final Context ctx;
        private final Tensor[] inputs;
        /** The detached inputs and the output forward saw, to recognise them among the saved tensors. */
        private final Tensor[] values;
        private final Tensor out;
        private final Tensor result;
        /** Where it was recorded, if anomalies were being detected; else null. */
        private final Tape.Origin origin;

        Node(TensorOp op, Context ctx, Tensor[] inputs, Tensor[] values, Tensor out, Tensor result,
             Tape.Origin origin) {
            this.op = op;
            this.ctx = ctx;
            this.inputs = inputs;                        // the context's copy of the caller's array
            this.values = values;
            this.out = out;
            this.result = result;
            this.origin = origin;
        }

        @Override
        public int outputBase() {
            return result.base;
        }

        @Override
        public int outputSize() {
            return result.size();
        }

        @Override
        public void run(double[] adjoint) {
            int base = result.base, size = result.size();
            Tensor grad = Tensor.wrap(Arrays.copyOfRange(adjoint, base, base + size), result.shape);
            Tensor[] grads = checked(op.backwardOnValues(ctx, grad), grad);
            if (result.tape.isDetectingAnomalies() && MatMulKernels.allFinite(grad.data, 0, size)) {
                checkBackward(grads);
            }
            for (int i = 0; i < inputs.length; i++) {
                if (grads[i] != null) {
                    int in = inputs[i].base;
                    double[] d = grads[i].data;
                    for (int j = 0; j < d.length; j++) {
                        adjoint[in + j] += d[j];
                    }
                }
            }
        }

        @Override
        public void runGraph(GraphSweep sweep) {
            Tensor grad = sweep.tensorAdjoint(result.base, result.shape);
            if (grad == null) {
                return;
            }
            Tape tape = result.tape;
            boolean checkUser = !op.builtIn && tape.isRecording();
            if (checkUser && grad.tape == null) {
                // a user's backward is linear in grad: given grad as a node, a non-zero result must be recorded, or
                // it was computed from plain values (built-ins are tested to be differentiable)
                grad = tape.variable(grad);
            }
            Tensor[] grads = checked(op.backward(ctx.recorded(values, inputs, out, result), grad), grad);
            for (int i = 0; i < inputs.length; i++) {
                if (grads[i] != null) {
                    if (checkUser && grads[i].tape == null && !isZero(grads[i])) {
                        throw new IllegalStateException(op.name + " backward: the gradient of input " + i
                                + " is a constant computed from plain values, so it cannot be differentiated again;"
                                + " write backward with tensor operations on the gradient and saved tensors");
                    }
                    sweep.accumulate(inputs[i], grads[i]);
                }
            }
        }

        /** In anomaly detection, given a finite gradient: throws at the first input gradient that is not finite. */
        private void checkBackward(Tensor[] grads) {
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] != null && !MatMulKernels.allFinite(grads[i].data, 0, grads[i].data.length)) {
                    List<int[]> shapes = new ArrayList<>();
                    for (Tensor in : inputs) {
                        shapes.add(in.shape.clone());
                    }
                    throw new AnomalyException(AnomalyException.Phase.BACKWARD, op.name, shapes,
                            origin == null ? null : origin.at(), "made an infinity or NaN in the gradient of input "
                            + i + " (" + firstNonFinite(grads[i]) + ") from a finite gradient of the output");
                }
            }
        }

        /** Checks backward's result: one gradient per input that needs one, of that input's shape. */
        private Tensor[] checked(Tensor[] grads, Tensor grad) {
            String where = op.name + " backward";
            if (grads == null || grads.length != inputs.length) {
                throw new IllegalStateException(where + ": expected " + inputs.length + " gradients, got "
                        + (grads == null ? "null" : grads.length));
            }
            Tensor[] needed = new Tensor[inputs.length];
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
                needed[i] = g;
            }
            return needed;
        }

        private static boolean isZero(Tensor t) {
            for (double v : t.data) {
                if (v != 0.0) {
                    return false;
                }
            }
            return true;
        }
    }
}
