package dev.autodiff.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Wengert list: the record of every operation applied to {@link Scalar} variables, from which one reverse sweep
 * yields the derivative of a result with respect to every variable and every intermediate node.
 *
 * <pre>{@code
 * try (Tape tape = Tape.open()) {
 *     Scalar x = tape.variable(1.5), y = tape.variable(-0.5);
 *     Scalar f = x.mul(y).sin().add(x.square());
 *     Gradients g = tape.gradient(f);      // one reverse sweep
 *     double dfdx = g.of(x), dfdy = g.of(y);
 * }
 * }</pre>
 *
 * <h2>Layout</h2>
 * Every variable and every recorded operation gets a node index, handed out in creation order. An operation also
 * appends one <em>edge</em> per non-constant operand: {@code (from = the new node, to = the operand, partial =
 * d node / d operand)}, with the partial evaluated when the operation runs. Edges live in one flat {@code long[]},
 * two slots each, so recording allocates no object per operation and the sweep is a single loop,
 * {@code adjoint[to] += partial * adjoint[from]}, over the edges in reverse. Creation order is a topological order,
 * so when the loop reaches a node's edges that node's adjoint is complete: there is no recursion, no visited set,
 * and programs of any depth run in constant stack. Variables and constants have no edges; constants are not on the
 * tape at all (see {@link Scalar#constant(double)}).
 *
 * <h2>Life cycle and confinement</h2>
 * A tape is opened with {@link #open()} and used in try-with-resources. {@link #reset()} forgets every node but keeps
 * the arrays, so a loop that records and sweeps again and again with {@link #gradient(Scalar, Scalar...)} settles into
 * no tape allocation at all. A tape
 * belongs to the thread that opened it; tapes on different threads are independent. Using a node after its tape was
 * reset or closed, combining nodes of two tapes, or touching a tape from another thread throws a
 * {@link TapeMisuseException} and records nothing: it never yields a wrong number. {@link Gradients} returned by a
 * sweep are immutable values and stay readable after the tape is reset or closed.
 */
public final class Tape implements AutoCloseable {
    private static final int INITIAL_EDGES = 1 << 10;
    /** Largest array length the JVM reliably allocates. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final Thread owner;
    /**
     * The owner while recording on the fast paths; null while a {@link NoGrad} scope is open, and always on a tape
     * that records derivative rules, so that the record paths check only this and everything else takes the slow path.
     */
    private Thread recorder;
    /** Whether scalar operations record their derivative rules, for {@link #recordGradient}: see {@link #openHigherOrder()}. */
    private final boolean higherOrder;
    /** Per node, the rule that forms its partials as nodes; only on a tape opened by {@link #openHigherOrder()}. */
    private GraphSweep.Rule[] rules;
    private int pauses;
    /** Open {@link #detectAnomalies()} scopes; while there is one, every operation takes the slow, checking path. */
    private int anomalyScopes;
    /** Per scalar node recorded while anomalies are detected: what recorded it, for {@link AnomalyException}. */
    private Origin[] origins;
    /** Incremented by {@link #reset()} and {@link #close()}; a {@link Scalar} is live only in the epoch that made it. */
    int epoch;
    private boolean closed;

    /** Number of node indices handed out in this epoch. */
    private int nodes;
    /** Number of edges recorded in this epoch; edges are stored in order of their {@code from} node. */
    private int edges;
    /**
     * The edges, two longs each: {@code edge[2e]} holds the bits of the partial, {@code edge[2e + 1]} the two node
     * indices, {@code from << 32 | to}. One interleaved array keeps recording to one sequential stream of stores and
     * the sweep to one sequential stream of loads.
     */
    private long[] edge;
    /** Adjoint buffer reused by {@link #gradient(Scalar, Scalar...)}. */
    private double[] scratch = new double[0];
    /**
     * One bit per node whose value overflowed: an infinity computed from finite values (exp(710), 1/0, log(0)), or
     * from such an infinity. Null until the first; see {@link #overflowed(int)}.
     */
    private long[] overflow;
    /** On a tape from {@link #open()}, the tensor blocks' node ranges [first, end), in node order: see {@link #blockOf}. */
    private int[] blockFirst = new int[16], blockEnd = new int[16];
    private int blockCount;
    /** Tensor operations' backward passes, in recording order, with the edge count when each was recorded. */
    private Backward[] hooks = new Backward[16];
    private int[] hookEdge = new int[16];
    private int hookCount;

    /**
     * A tensor operation's backward pass, run by the sweep at the point where the operation was recorded: after
     * every node recorded later has passed its adjoint on, before any node recorded earlier.
     */
    interface Backward {
        /** @return the first node index of the operation's output */
        int outputBase();

        /** @return the number of nodes of the operation's output */
        int outputSize();

        /**
         * Adds the operation's contributions to its inputs' adjoints.
         *
         * @param adjoint the adjoints of every node; the output's block is complete
         */
        void run(double[] adjoint);

        /**
         * The same, recorded: adds the operation's contributions, as nodes, to its inputs' adjoints in a sweep that
         * records itself.
         *
         * @param sweep the sweep; the output's adjoint is complete
         */
        void runGraph(GraphSweep sweep);
    }

    private Tape(boolean higherOrder) {
        this.owner = Thread.currentThread();
        this.higherOrder = higherOrder;
        this.recorder = higherOrder ? null : owner;
        this.edge = new long[2 * INITIAL_EDGES];
        this.rules = higherOrder ? new GraphSweep.Rule[INITIAL_EDGES] : null;
    }

    /**
     * Opens an empty tape owned by the calling thread.
     *
     * @return a new tape; close it (try-with-resources) when done
     */
    public static Tape open() {
        return new Tape(false);
    }

    /**
     * Opens an empty tape on which gradients can be differentiated again: every scalar operation also records its
     * derivative rule, so that {@link #recordGradient(Scalar, Scalar...)} can record the reverse sweep itself.
     * Recording is slower than on a tape from {@link #open()} (an object per scalar operation), and the numeric
     * sweeps are as fast. Tensor operations record the same on both kinds of tape, so a program made of tensor
     * operations only has recorded gradients on either.
     *
     * <pre>{@code
     * try (Tape tape = Tape.openHigherOrder()) {
     *     Scalar x = tape.variable(2.0);
     *     Scalar f = x.pow(3);                                  // f = x^3
     *     Scalar df = tape.recordGradient(f, x)[0];             // 3x^2 = 12, itself a node
     *     double d2f = tape.gradient(df, x)[0];                 // 6x = 12
     * }
     * }</pre>
     *
     * @return a new tape; close it (try-with-resources) when done
     */
    public static Tape openHigherOrder() {
        return new Tape(true);
    }

    /** @return whether this tape records derivative rules (it was opened by {@link #openHigherOrder()}) */
    public boolean isHigherOrder() {
        return higherOrder;
    }

    /**
     * Records an independent variable.
     *
     * @param value its value
     * @return a node whose gradient {@link Gradients#of(Scalar)} reports
     */
    public Scalar variable(double value) {
        checkUsable("variable");
        return new Scalar(this, newNode("variable"), epoch, value);
    }

    /**
     * Records one independent variable per value.
     *
     * @param values their values; not modified
     * @return the variables, in the order of {@code values}
     */
    public Scalar[] variables(double... values) {
        checkUsable("variables");
        Scalar[] xs = new Scalar[values.length];
        for (int i = 0; i < values.length; i++) {
            xs[i] = new Scalar(this, newNode("variables"), epoch, values[i]);
        }
        return xs;
    }

    /**
     * Records a tensor of independent variables, one node per element.
     *
     * @param value the values
     * @return a node block whose gradient {@link Gradients#of(Tensor)} reports, of the same shape
     */
    public Tensor variable(Tensor value) {
        checkUsable("variable");
        int first = newNodes("variable", value.size());
        markBlock(first, value.size());
        return new Tensor(value.shape, value.data, this, first, epoch);
    }

    /**
     * A constant: same as {@link Scalar#constant(double)}. Constants are not recorded, so operations whose operands
     * are all constant are not recorded either.
     *
     * @param value the value
     * @return a constant
     */
    public Scalar constant(double value) {
        return Scalar.constant(value);
    }

    /**
     * The reverse sweep: the derivative of {@code y} with respect to every node recorded before it.
     *
     * <p>Costs one pass over the edges recorded up to {@code y} (nodes recorded after {@code y} are skipped, and
     * their gradient is reported as 0), plus an adjoint array of {@code y}'s index + 1 doubles that becomes the
     * returned {@link Gradients}. The tape is not changed, so several sweeps (for instance one per output of a
     * vector function) can follow one recording. A constant {@code y} has gradient 0 everywhere.
     *
     * <p>An adjoint of exactly 0 passes nothing on, even through an infinite or NaN partial: a node on which
     * {@code y} does not depend contributes nothing to its inputs' derivatives. So {@code 0 * sqrt(x)} at x = 0 has
     * derivative 0 (the function is 0 everywhere), and the branch a {@code where} masks out passes no NaN back. A
     * NaN that reaches {@code y} itself still propagates: NaN is not 0. A tensor operation whose output receives no
     * adjoint runs no backward at all, so what is recorded but unused never changes a gradient.
     *
     * <p>An overflow never gives a silent finite gradient: a partial that is 0 only because its operand overflowed
     * (an infinity computed from finite values, such as exp(710), 1/0 or log(0), or from such an infinity) is recorded
     * as NaN, since 0 * inf is indeterminate there ({@code log(exp(x))} at 710 has derivative 1, not 0). Piecewise
     * linear functions' zeros (relu, max, min, clamp) and infinities given by the user are exact and stay so. See
     * {@link #detectAnomalies()} to find where a non-finite value was made.
     *
     * @param y the node to differentiate
     * @return every partial derivative of {@code y}
     * @throws TapeMisuseException if {@code y} is from another tape, was recorded before a reset, or this tape is
     *                             closed or used from another thread
     */
    public Gradients gradient(Scalar y) {
        checkUsable("gradient");
        if (y.tape == null) {
            return new Gradients(this, epoch, new double[0]);
        }
        checkOperand("gradient", y);
        double[] adjoint = new double[nodes];
        adjoint[y.index] = 1.0;
        sweep(adjoint, y.index, 0);
        return new Gradients(this, epoch, adjoint);
    }

    /**
     * The reverse sweep for the partials of {@code y} with respect to {@code wrt} only. Same sweep as
     * {@link #gradient(Scalar)}, but into an adjoint buffer the tape keeps and reuses, so a loop that records and
     * sweeps again and again allocates nothing but the returned array.
     *
     * @param y   the node to differentiate
     * @param wrt the nodes to report, typically the variables; constants are refused as by {@link Gradients#of}
     * @return a new array, {@code result[i] = d y / d wrt[i]}
     * @throws TapeMisuseException      as {@link #gradient(Scalar)}, or if a node of {@code wrt} is from another
     *                                  tape or epoch
     * @throws IllegalArgumentException if a node of {@code wrt} is a constant
     */
    public double[] gradient(Scalar y, Scalar... wrt) {
        checkUsable("gradient");
        int floor = Integer.MAX_VALUE;
        for (Scalar x : wrt) {
            if (x.tape == null) {
                throw new IllegalArgumentException("gradient: " + x
                        + " is a constant, which is not differentiated; use tape.variable(...) for an input");
            }
            checkOperand("gradient", x);
            floor = Math.min(floor, x.index);
        }
        double[] result = new double[wrt.length];
        if (y.tape == null) {
            return result;
        }
        checkOperand("gradient", y);
        double[] adjoint = sweepIntoScratch(y, Math.min(floor, y.index));
        for (int i = 0; i < wrt.length; i++) {
            result[i] = adjoint[wrt[i].index];
        }
        return result;
    }

    /**
     * The reverse sweep for the gradients of {@code y} with respect to the given tensors only, into the adjoint
     * buffer the tape keeps and reuses (as {@link #gradient(Scalar, Scalar...)} does for scalars): a training loop
     * allocates nothing per sweep but the returned tensors, where {@link #gradient(Scalar)} allocates an array over
     * every node for the {@link Gradients} it returns.
     *
     * @param y   the node to differentiate, typically a loss
     * @param wrt tensors recorded on this tape in this epoch, typically the parameters
     * @return a new tensor per element of {@code wrt}, of its shape: d y / d wrt[i]
     * @throws TapeMisuseException      as {@link #gradient(Scalar)}, or if a tensor of {@code wrt} is from another
     *                                  tape or epoch
     * @throws IllegalArgumentException if a tensor of {@code wrt} is a constant
     */
    public Tensor[] gradient(Scalar y, Tensor... wrt) {
        checkUsable("gradient");
        for (Tensor x : wrt) {
            if (x.tape == null) {
                throw new IllegalArgumentException("gradient: " + x
                        + " is a constant, which is not differentiated; use tape.variable(...) for an input");
            }
            checkLive("gradient", x, x.tape, x.epoch);
        }
        Tensor[] result = new Tensor[wrt.length];
        if (y.tape == null) {
            for (int i = 0; i < wrt.length; i++) {
                result[i] = Tensor.zeros(wrt[i].shape);
            }
            return result;
        }
        checkOperand("gradient", y);
        int floor = Integer.MAX_VALUE;
        for (Tensor x : wrt) {
            floor = Math.min(floor, x.base);
        }
        double[] adjoint = sweepIntoScratch(y, Math.min(floor, y.index));
        for (int i = 0; i < wrt.length; i++) {
            result[i] = Tensor.wrap(Arrays.copyOfRange(adjoint, wrt[i].base, wrt[i].base + wrt[i].size()),
                    wrt[i].shape.clone());
        }
        return result;
    }

    /**
     * The gradient of {@code y} with respect to {@code wrt} as nodes of this tape: the reverse sweep is itself
     * recorded (PyTorch's {@code create_graph=True}), with every backward rule written in the engine's own operations,
     * so the gradient can be differentiated again: its gradient is a row of the Hessian, and the gradient of its inner
     * product with a vector v is the Hessian-vector product H v, exactly and without forming H. Only the part of the
     * tape between the earliest node of {@code wrt} and {@code y} is swept.
     *
     * <p>Scalar operations can be differentiated this way only on a tape opened by {@link #openHigherOrder()}, which
     * records their derivative rules; tensor operations on any tape. Inside a {@link #noGrad()} scope the gradient is
     * computed by the numeric sweep and returned as constants. The numbers equal those of {@link #gradient(Scalar)} up
     * to rounding, except at a few special points where a numeric rule takes a limit that its written form does not
     * (pow at a zero base or exponent, gelu at infinity, sqrt and log at -0, hypot and atan2 at a radius below the
     * smallest normal double): the intended differences RuleAgreementProperties lists. An adjoint of value 0 passes nothing on through an infinite or NaN partial, as there.
     *
     * @param y   the node to differentiate
     * @param wrt the nodes to differentiate with respect to, typically the variables
     * @return the partials {@code d y / d wrt[i]}, as nodes (constants where y does not depend on wrt[i])
     * @throws TapeMisuseException      as {@link #gradient(Scalar, Scalar...)}
     * @throws IllegalArgumentException if a node of {@code wrt} is a constant
     * @throws IllegalStateException    if the sweep meets a scalar operation recorded without its rule (a tape from
     *                                  {@link #open()}), or a custom {@link TensorOp} whose backward is not written
     *                                  with tensor operations
     * @throws UnsupportedOperationException if it meets a user's own {@link ElementwiseFunction}, which has no rule
     *                                  for derivatives of higher order
     */
    public Scalar[] recordGradient(Scalar y, Scalar... wrt) {
        checkUsable("recordGradient");
        for (Scalar x : wrt) {
            if (x.tape == null) {
                throw new IllegalArgumentException("recordGradient: " + x
                        + " is a constant, which is not differentiated; use tape.variable(...) for an input");
            }
            checkOperand("recordGradient", x);
        }
        Scalar[] result = new Scalar[wrt.length];
        if (y.tape == null) {
            Arrays.fill(result, Scalar.constant(0.0));
            return result;
        }
        checkOperand("recordGradient", y);
        if (!isRecording()) {                         // nothing would be recorded: the numeric sweep says the same
            double[] g = gradient(y, wrt);
            for (int i = 0; i < wrt.length; i++) {
                result[i] = Scalar.constant(g[i]);
            }
            return result;
        }
        int floor = Integer.MAX_VALUE;
        for (Scalar x : wrt) {
            floor = Math.min(floor, x.index);
        }
        GraphSweep sweep = sweepGraph(y, floor);
        for (int i = 0; i < wrt.length; i++) {
            result[i] = wrt[i].index > y.index ? Scalar.constant(0.0)
                    : sweep.result(wrt[i], outputBlockOf(wrt[i].index));
        }
        return result;
    }

    /**
     * The gradient of {@code y} with respect to tensors, as tensors recorded on this tape: see
     * {@link #recordGradient(Scalar, Scalar...)}.
     *
     * @param y   the node to differentiate, typically a loss
     * @param wrt tensors recorded on this tape in this epoch
     * @return d y / d wrt[i], each of wrt[i]'s shape, recorded (constant zeros where y does not depend on it)
     * @throws TapeMisuseException      as {@link #gradient(Scalar, Tensor...)}
     * @throws IllegalArgumentException if a tensor of {@code wrt} is a constant
     * @throws IllegalStateException    as {@link #recordGradient(Scalar, Scalar...)}
     */
    public Tensor[] recordGradient(Scalar y, Tensor... wrt) {
        checkUsable("recordGradient");
        for (Tensor x : wrt) {
            if (x.tape == null) {
                throw new IllegalArgumentException("recordGradient: " + x
                        + " is a constant, which is not differentiated; use tape.variable(...) for an input");
            }
            checkLive("recordGradient", x, x.tape, x.epoch);
        }
        Tensor[] result = new Tensor[wrt.length];
        if (y.tape != null) {
            checkOperand("recordGradient", y);
        }
        if (y.tape != null && !isRecording()) {       // nothing would be recorded: the numeric sweep says the same
            return gradient(y, wrt);
        }
        int floor = Integer.MAX_VALUE;
        for (Tensor x : wrt) {
            floor = Math.min(floor, x.base);
        }
        GraphSweep sweep = y.tape == null ? null : sweepGraph(y, floor);
        for (int i = 0; i < wrt.length; i++) {
            result[i] = sweep == null || wrt[i].base > y.index ? Tensor.zeros(wrt[i].shape) : sweep.result(wrt[i]);
        }
        return result;
    }

    /**
     * The recorded reverse sweep from {@code y}: the numeric sweep's order (edges in reverse, each tensor operation's
     * backward where it was recorded), over the nodes from {@code floor} (the lowest node differentiated with respect
     * to: nothing before it can reach one) up to y only; what it records comes after y.
     */
    private GraphSweep sweepGraph(Scalar y, int floor) {
        int root = y.index;
        GraphSweep sweep = new GraphSweep(this, rules, nodes);
        sweep.seed(root, Scalar.constant(1.0));
        int e = edgesUpTo(root), first = floor == 0 ? 0 : edgesUpTo(floor - 1);
        for (int h = hookCount - 1; h >= 0; h--) {        // hooks recorded by the sweep itself come after y: skipped
            Backward hook = hooks[h];
            if (hook.outputBase() > root) {
                continue;
            }
            if (hook.outputBase() < floor) {              // it and everything before feed only earlier nodes
                break;
            }
            int stop = hookEdge[h];
            graphEdges(sweep, Math.max(stop, first), e);
            e = Math.max(stop, first);
            hook.runGraph(sweep);
        }
        graphEdges(sweep, first, e);
        return sweep;
    }

    /** The first node of the tensor operation output that {@code node} belongs to, or -1. */
    private int outputBlockOf(int node) {
        for (int h = hookCount - 1; h >= 0; h--) {
            int base = hooks[h].outputBase();
            if (base <= node && node < base + hooks[h].outputSize()) {
                return base;
            }
            if (base + hooks[h].outputSize() <= node) {
                break;                                    // outputs are in increasing order of nodes
            }
        }
        return -1;
    }

    /** The recorded sweep over edges [from, to), one node (a run of edges with the same {@code from}) at a time. */
    private void graphEdges(GraphSweep sweep, int from, int to) {
        int last = to - 1;
        while (last >= from) {
            int node = from(edge, last), first = last;
            while (first > from && from(edge, first - 1) == node) {
                first--;
            }
            sweep.edges(node, first, last);    // records new edges: this.edge may be replaced, so it is read anew
            last = first - 1;
        }
    }

    /** The numeric partial on edge e. */
    double partial(int e) {
        return Double.longBitsToDouble(edge[2 * e]);
    }

    /** The operand node of edge e. */
    int to(int e) {
        return (int) edge[2 * e + 1];
    }

    /**
     * Clears the reused adjoint buffer over every node, seeds y and sweeps down to node {@code floor} (the lowest node
     * asked for: nothing recorded before it can reach one, so it is not swept).
     */
    private double[] sweepIntoScratch(Scalar y, int floor) {
        if (scratch.length < nodes) {
            scratch = new double[Math.max(nodes, (int) Math.min(MAX_LENGTH, 2L * scratch.length))];
        }
        double[] adjoint = scratch;
        Arrays.fill(adjoint, 0, nodes, 0.0);
        adjoint[y.index] = 1.0;
        sweep(adjoint, y.index, floor);
        return adjoint;
    }

    /**
     * The reverse sweep from node {@code root}, whose adjoint is seeded: the edges of the nodes up to the root in
     * reverse, with each tensor operation's backward pass run where it was recorded. Nodes recorded after the root,
     * and their hooks, are skipped. The adjoint array covers every node.
     */
    void sweep(double[] adjoint, int root, int floor) {
        int e = edgesUpTo(root), first = floor == 0 ? 0 : edgesUpTo(floor - 1);
        for (int h = hookCount - 1; h >= 0; h--) {
            Backward hook = hooks[h];
            int base = hook.outputBase();
            if (base > root) {
                continue;
            }
            if (base < floor) {                 // it and everything before feed only nodes below every wrt node
                break;
            }
            int stop = Math.max(hookEdge[h], first);
            sweepEdges(adjoint, stop, e);
            e = stop;
            if (!isZero(adjoint, base, hook.outputSize())) {
                hook.run(adjoint);              // an operation the root does not reach runs no backward
            }
        }
        sweepEdges(adjoint, first, e);
    }

    private void sweepEdges(double[] adjoint, int from, int to) {
        if (anomalyScopes > 0) {
            sweepEdgesChecked(adjoint, from, to);
        } else {
            sweepEdges(edge, adjoint, from, to);
        }
    }

    /** Whether adjoint[base, base + size) is all zero: the block receives nothing from the root. */
    private static boolean isZero(double[] adjoint, int base, int size) {
        for (int i = base, end = base + size; i < end; i++) {
            if (adjoint[i] != 0.0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The scalar sweep proper over edges [from, to); static and over locals so the JIT sees a plain loop. An adjoint
     * of exactly 0 passes nothing on, even through an infinite or NaN partial (see {@link #gradient(Scalar)}).
     */
    private static void sweepEdges(long[] edge, double[] adjoint, int from, int to) {
        for (int k = 2 * to - 2; k >= 2 * from; k -= 2) {
            long link = edge[k + 1];
            double a = adjoint[(int) (link >>> 32)];
            if (a != 0.0) {
                adjoint[(int) link] += Double.longBitsToDouble(edge[k]) * a;
            }
        }
    }

    private static long link(int from, int to) {
        return (long) from << 32 | to;
    }

    private static int from(long[] edge, int e) {
        return (int) (edge[2 * e + 1] >>> 32);
    }

    /** Number of edges whose {@code from} node is at most {@code node} ({@code from} is non-decreasing). */
    private int edgesUpTo(int node) {
        if (edges == 0 || from(edge, edges - 1) <= node) {
            return edges;
        }
        int lo = 0, hi = edges; // invariant: from[lo - 1] <= node < from[hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (from(edge, mid) <= node) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Forgets every node and edge but keeps the allocated capacity. Every {@link Scalar} recorded so far becomes
     * unusable (a {@link TapeMisuseException} of kind {@code STALE} if used); {@link Gradients} already returned stay
     * valid.
     */
    public void reset() {
        checkUsable("reset");
        if (epoch >= Integer.MAX_VALUE - 1) {
            // one more epoch would bring handles of the first epoch back to life
            throw capacityExceeded("reset", "the tape has been reset " + epoch + " times, its limit; open a new tape");
        }
        epoch++;
        clearRules();
        if (overflow != null) {
            Arrays.fill(overflow, 0L);
        }
        if (origins != null) {
            Arrays.fill(origins, 0, Math.min(nodes, origins.length), null);
        }
        blockCount = 0;
        nodes = 0;
        edges = 0;
        clearHooks();
    }

    /** Drops the rules of this epoch's nodes, so that the handles they hold can be collected. */
    private void clearRules() {
        if (rules != null) {
            Arrays.fill(rules, 0, Math.min(nodes, rules.length), null);
        }
    }

    private void clearHooks() {
        Arrays.fill(hooks, 0, hookCount, null);
        hookCount = 0;
    }

    /**
     * Closes the tape and releases its arrays. Every {@link Scalar} recorded on it becomes unusable; {@link Gradients}
     * already returned stay valid. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread("close");
        closed = true;
        epoch++;
        clearRules();
        if (overflow != null) {
            Arrays.fill(overflow, 0L);
        }
        if (origins != null) {
            Arrays.fill(origins, 0, Math.min(nodes, origins.length), null);
        }
        blockCount = 0;
        nodes = 0;
        edges = 0;
        clearHooks();
        edge = new long[0];
        scratch = new double[0];
    }

    /** @return the number of nodes (variables and recorded operations) since the tape was opened or last reset */
    public int size() {
        return nodes;
    }

    /** @return the number of edges (one per non-constant operand of a recorded operation) */
    public int edgeCount() {
        return edges;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Tape@" + Integer.toHexString(System.identityHashCode(this)) + "[nodes=" + nodes + ", edges=" + edges
                + (closed ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Recording, called by Scalar. Every operation computes its value and its partials, then hands them here. The
    // checks run before anything is written, so a refused operation leaves the tape as it was.

    // The hot paths below are shaped for the JIT. Each operation has a single allocation site (constant and recorded
    // results are built by the same `new`), so that escape analysis can replace a temporary handle by its fields
    // when the operations of an expression are inlined into each other. The writes to the arrays take only
    // primitives, so no handle escapes through them even where they are not inlined, and everything rare (growing,
    // refusing) lives in separate methods.

    /**
     * Records {@code f(x)} with {@code df/dx = d}; a constant {@code x} gives a constant.
     *
     * @param f an {@link ElementwiseFunction}, or a {@link BinaryFunction} applied to x and the constant {@code c}
     * @param c the constant second operand of a BinaryFunction; unused otherwise
     */
    static Scalar unary(Object f, Scalar x, double c, double value, double d) {
        Tape t = x.tape;
        // v - v is 0 for a finite v and NaN for an infinity or NaN: one test for the rare case, value or operand
        // not finite, where the overflow rule applies (primitives only, so that no handle escapes)
        if ((value - value) + (x.value - x.value) != 0.0 && t != null) {
            d = t.screen(f, 0, d, x.epoch, x.index, x.value, c, value);
            Scalar r = recordUnaryNode(f, x, c, value, d);
            if (r.tape != null && Double.isInfinite(value)) {
                t.noteInfinity(r.index, x.index, x.value, -1, 0.0);
            }
            return r;
        }
        return recordUnaryNode(f, x, c, value, d);
    }

    private static Scalar recordUnaryNode(Object f, Scalar x, double c, double value, double d) {
        Tape t = x.tape;
        int node = -1, epoch = 0;
        if (t != null) {
            epoch = t.epoch;
            if (x.epoch == epoch && Thread.currentThread() == t.recorder) {
                node = t.record(f, x.index, d);
            } else {
                node = t.recordUnary(f, x, c, value, d);   // throws unless paused or recording rules
                if (node < 0) {
                    t = null;
                    epoch = 0;
                }
            }
        }
        return new Scalar(t, node, epoch, value);
    }

    /** Records {@code f(a, b)} with partials {@code da}, {@code db}; constant operands get no edge. */
    static Scalar binary(BinaryFunction f, Scalar a, Scalar b, double value, double da, double db) {
        if ((value - value) + (a.value - a.value) + (b.value - b.value) != 0.0) {    // rare, as in unary
            Tape t = a.tape != null ? a.tape : b.tape;
            if (t != null) {
                if (a.tape == t) {
                    da = t.screen(f, 0, da, a.epoch, a.index, a.value, b.value, value);
                }
                if (b.tape == t) {
                    db = t.screen(f, 1, db, b.epoch, b.index, b.value, a.value, value);
                }
                Scalar r = recordBinaryNode(f, a, b, value, da, db);
                if (r.tape != null && Double.isInfinite(value)) {
                    t.noteInfinity(r.index, a.tape == t ? a.index : -1, a.value, b.tape == t ? b.index : -1,
                            b.value);
                }
                return r;
            }
        }
        return recordBinaryNode(f, a, b, value, da, db);
    }

    private static Scalar recordBinaryNode(BinaryFunction f, Scalar a, Scalar b, double value, double da,
                                           double db) {
        Tape ta = a.tape, tb = b.tape;
        Tape t = ta != null ? ta : tb;
        int node = -1, epoch = 0;
        if (t != null) {
            epoch = t.epoch;
            boolean both = ta == tb;
            // with one constant operand, the live one goes first (fields are selected, not the handle, so that no
            // handle merges here and escape analysis keeps working)
            boolean aFirst = ta != null;
            if ((!both && ta != null && tb != null) || (aFirst ? a.epoch : b.epoch) != epoch
                    || (both && b.epoch != epoch) || Thread.currentThread() != t.recorder) {
                node = t.recordBinary(f, a, b, value, da, db);   // throws unless paused or recording rules
                if (node < 0) {
                    t = null;
                    epoch = 0;
                }
            } else {
                node = t.record(f, both ? 2 : 1, aFirst ? a.index : b.index, aFirst ? da : db, b.index, db);
            }
        }
        return new Scalar(t, node, epoch, value);
    }

    /**
     * The overflow rule ({@link ElementwiseOps#screened}) for the partial {@code d} of f at operand {@code side},
     * a node of this tape from epoch {@code nodeEpoch} (a stale one is refused later, when it is recorded).
     * Primitives only, so that no handle escapes.
     */
    private double screen(Object f, int side, double d, int nodeEpoch, int node, double x, double other, double z) {
        if (d != 0.0 || !Double.isInfinite(x) || nodeEpoch != epoch) {
            return d;
        }
        return side == 0 ? ElementwiseOps.screened(f, 0, d, x, overflowed(node), x, other, z)
                : ElementwiseOps.screened(f, 1, d, x, overflowed(node), other, x, z);
    }

    /**
     * Records that node {@code node}, whose value is infinite, overflowed if its operands (nodes {@code a}, {@code b}
     * of values {@code av}, {@code bv}; -1 for a constant or no operand) are finite or one of them overflowed. An
     * infinity the user gave (a variable or constant), and one computed from it, is not an overflow.
     */
    private void noteInfinity(int node, int a, double av, int b, double bv) {
        boolean inherited = (a >= 0 ? !overflowed(a) && Double.isInfinite(av) : Double.isInfinite(av))
                || (b >= 0 ? !overflowed(b) && Double.isInfinite(bv) : Double.isInfinite(bv));
        boolean fromOverflow = (a >= 0 && overflowed(a)) || (b >= 0 && overflowed(b));
        if (fromOverflow || !inherited) {
            markOverflowed(node);
        }
    }

    /**
     * @param node a node of this epoch
     * @return whether its value is an overflow: an infinity computed from finite values, or from such an infinity
     */
    boolean overflowed(int node) {
        long[] bits = overflow;
        return bits != null && node >= 0 && (node >>> 6) < bits.length && (bits[node >>> 6] & 1L << node) != 0;
    }

    /** Marks a node as overflowed. */
    void markOverflowed(int node) {
        int word = node >>> 6;
        if (overflow == null || word >= overflow.length) {
            overflow = Arrays.copyOf(overflow == null ? new long[0] : overflow,
                    Math.max(word + 1, overflow == null ? 16 : 2 * overflow.length));
        }
        overflow[word] |= 1L << node;
    }

    /**
     * The slow path of {@link #unary}: throws if {@code x} cannot be used; returns -1 if recording is paused (the
     * result is a constant); else records the node with its rule and returns it.
     */
    private int recordUnary(Object f, Scalar x, double c, double value, double d) {
        checkPaused(nameOf(f), x, x);
        if (pauses > 0) {
            return -1;
        }
        boolean binary = f instanceof BinaryFunction;
        if (anomalyScopes > 0 && !Double.isFinite(value) && Double.isFinite(x.value)
                && (!binary || Double.isFinite(c))) {
            throw forwardAnomaly(nameOf(f), binary ? 2 : 1, value, binary ? new double[] {x.value, c}
                    : new double[] {x.value});
        }
        int node = record(f, x.index, d);
        if (higherOrder) {
            setRule(node, binary ? new GraphSweep.Binary((BinaryFunction) f, x, Scalar.constant(c), value)
                    : new GraphSweep.Unary((ElementwiseFunction) f, x, value));
        }
        noteOrigin(node, nameOf(f), binary ? 2 : 1);
        return node;
    }

    /** The slow path of {@link #binary}, as {@link #recordUnary}. */
    private int recordBinary(BinaryFunction f, Scalar a, Scalar b, double value, double da, double db) {
        checkPaused(f.opName(), a, b);
        if (pauses > 0) {
            return -1;
        }
        if (anomalyScopes > 0 && !Double.isFinite(value) && Double.isFinite(a.value) && Double.isFinite(b.value)) {
            throw forwardAnomaly(f.opName(), 2, value, new double[] {a.value, b.value});
        }
        boolean both = a.tape != null && b.tape != null, aFirst = a.tape != null;
        int node = record(f, both ? 2 : 1, aFirst ? a.index : b.index, aFirst ? da : db, b.index, db);
        if (higherOrder) {
            setRule(node, new GraphSweep.Binary(f, a, b, value));
        }
        noteOrigin(node, f.opName(), 2);
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Anomaly detection

    /**
     * Opens a scope in which this tape detects anomalies (PyTorch's {@code detect_anomaly}): every operation recorded
     * is checked, and throws an {@link AnomalyException} naming itself, its operands' shapes and the caller's line
     * that recorded it, at the first infinity or NaN made from finite values; every reverse sweep run in the scope
     * likewise checks each operation's contribution to its operands' adjoints. Operations whose operands already
     * hold an infinity or NaN pass (the anomaly is where the first one was made). Recording in the scope is slower
     * (each operation takes the checking path and remembers where it was recorded); outside it nothing changes.
     *
     * <pre>{@code
     * try (Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
     *     Scalar f = x.exp().log();            // at x = 710: "exp forward on operands of shape []: ..."
     * }
     * }</pre>
     *
     * @return the scope; close it (try-with-resources) to stop detecting
     */
    public AnomalyDetection detectAnomalies() {
        checkUsable("detectAnomalies");
        anomalyScopes++;
        recorder = null;
        return new AnomalyDetection();
    }

    /** @return whether a {@link #detectAnomalies()} scope is open */
    public boolean isDetectingAnomalies() {
        return anomalyScopes > 0;
    }

    /** A scope of anomaly detection; see {@link #detectAnomalies()}. */
    public final class AnomalyDetection implements AutoCloseable {
        private boolean open = true;

        private AnomalyDetection() {
        }

        /** Stops detecting, unless an enclosing scope is still open. Closing twice does nothing. */
        @Override
        public void close() {
            if (open) {
                checkThread("detectAnomalies");
                open = false;
                anomalyScopes--;
                restoreRecorder();
            }
        }
    }

    /** Lets the record paths' fast check pass again once no scope needs the slow path. */
    private void restoreRecorder() {
        recorder = higherOrder || pauses > 0 || anomalyScopes > 0 ? null : owner;
    }

    /** What recorded an operation, kept while anomalies are detected. */
    record Origin(String op, List<int[]> shapes, StackTraceElement at) {
    }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** The first frame of the caller's code: outside this library's classes and outside the JDK; null if none. */
    static StackTraceElement callerFrame() {
        java.security.CodeSource engine = Tape.class.getProtectionDomain().getCodeSource();
        return WALKER.walk(frames -> frames.filter(frame -> {
            Class<?> c = frame.getDeclaringClass();
            if (c.getClassLoader() == null || c.getName().startsWith("java.") || c.getName().startsWith("jdk.")) {
                return false;
            }
            return !java.util.Objects.equals(c.getProtectionDomain().getCodeSource(), engine);
        }).findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
    }

    /** In anomaly detection, remembers what recorded scalar node {@code node}. */
    private void noteOrigin(int node, String op, int operands) {
        if (anomalyScopes == 0) {
            return;
        }
        if (origins == null || node >= origins.length) {
            origins = Arrays.copyOf(origins == null ? new Origin[0] : origins,
                    (int) Math.min(MAX_LENGTH, Math.max(node + 1L, 2L * (origins == null ? 64 : origins.length))));
        }
        origins[node] = new Origin(op, Collections.nCopies(operands, new int[0]), callerFrame());
    }

    private static AnomalyException forwardAnomaly(String op, int operands, double value, double[] operandValues) {
        return new AnomalyException(AnomalyException.Phase.FORWARD, op, Collections.nCopies(operands, new int[0]),
                callerFrame(), "made " + value + " from the finite operands " + Arrays.toString(operandValues));
    }

    /** The anomaly of a scalar node's backward: its partial on edge e times a finite adjoint is not finite. */
    private AnomalyException backwardAnomaly(int node, int e, double adjoint, double result) {
        Origin o = origins != null && node < origins.length ? origins[node] : null;
        return new AnomalyException(AnomalyException.Phase.BACKWARD, o == null ? "node " + node : o.op(),
                o == null ? List.of() : o.shapes(), o == null ? null : o.at(),
                "made " + result + " for an operand's adjoint from the finite adjoint " + adjoint
                        + " (partial " + partial(e) + ")");
    }

    /** {@link #sweepEdges} in anomaly detection: the same sweep, checking every contribution. */
    private void sweepEdgesChecked(double[] adjoint, int from, int to) {
        for (int e = to - 1; e >= from; e--) {
            long link = edge[2 * e + 1];
            int node = (int) (link >>> 32), operand = (int) link;
            double a = adjoint[node];
            if (a != 0.0) {
                double sum = adjoint[operand] + partial(e) * a;
                if (Double.isFinite(a) && Double.isFinite(adjoint[operand]) && !Double.isFinite(sum)) {
                    throw backwardAnomaly(node, e, a, sum);
                }
                adjoint[operand] = sum;
            }
        }
    }

    /** Appends a node with one edge; returns the node. */
    private int record(Object op, int operand, double partial) {
        int e = edges;
        long[] edge = this.edge;
        if (2 * e + 2 > edge.length) {
            edge = grow(op, 1);
        }
        int node = newNode(op);
        edges = e + 1;
        edge[2 * e] = Double.doubleToRawLongBits(partial);
        edge[2 * e + 1] = link(node, operand);
        return node;
    }

    /**
     * Appends a node with the first {@code count} (1 or 2) of two edges; returns the node. Both slots are written
     * either way, which keeps this path free of branches: a second slot beyond {@code count} lies past the end of
     * the tape and the next record overwrites it.
     */
    private int record(Object op, int count, int operandA, double partialA, int operandB, double partialB) {
        int e = edges;
        long[] edge = this.edge;
        if (2 * e + 4 > edge.length) {
            edge = grow(op, 2);
        }
        int node = newNode(op);
        edges = e + count;
        int k = 2 * e;
        edge[k] = Double.doubleToRawLongBits(partialA);
        edge[k + 1] = link(node, operandA);
        edge[k + 2] = Double.doubleToRawLongBits(partialB);
        edge[k + 3] = link(node, operandB);
        return node;
    }

    /**
     * Records one node with an edge to each non-constant {@code operands[i]}, of partial {@code partials[i]}.
     * Operands may repeat (each occurrence adds its own edge).
     *
     * @param partialNodes the partials as nodes, for a tape that records rules; null where the partials are constants
     */
    static Scalar nary(String op, Scalar[] operands, double[] partials, Scalar[] partialNodes, double value) {
        Tape t = null;
        int live = 0;
        for (Scalar s : operands) {
            if (s.tape != null) {
                if (t == null) {
                    t = s.tape;
                }
                t.checkOperand(op, s);
                live++;
            }
        }
        if (t == null || !t.isRecording()) {
            return new Scalar(value);
        }
        if (t.anomalyScopes > 0 && !Double.isFinite(value)) {
            double[] values = new double[operands.length];
            boolean finite = true;
            for (int i = 0; i < values.length; i++) {
                values[i] = operands[i].value;
                finite &= Double.isFinite(values[i]) && Double.isFinite(partials[i]);
            }
            if (finite) {
                throw forwardAnomaly(op, operands.length, value, values);
            }
        }
        long[] edge = t.edge;
        if (2L * (t.edges + live) > edge.length) {
            edge = t.grow(op, live);
        }
        int node = t.newNode(op);
        t.noteOrigin(node, op, operands.length);
        int e = t.edges;
        t.edges = e + live;
        Scalar[] liveNodes = partialNodes == null ? null : new Scalar[live];
        boolean fromOverflow = false, inherited = false;
        for (int i = 0, j = 0; i < operands.length; i++) {
            Scalar s = operands[i];
            boolean infinite = Double.isInfinite(s.value), over = infinite && s.tape != null && t.overflowed(s.index);
            fromOverflow |= over;
            inherited |= infinite && !over;
            if (s.tape != null) {
                // the overflow rule: a weight of 0 on an overflowed operand is 0 * inf, NaN (sum and dot are smooth)
                edge[2 * e] = Double.doubleToRawLongBits(over && partials[i] == 0.0 ? Double.NaN : partials[i]);
                edge[2 * e + 1] = link(node, operands[i].index);
                e++;
                if (liveNodes != null) {
                    liveNodes[j++] = partialNodes[i];
                }
            }
        }
        if (t.higherOrder) {
            t.setRule(node, liveNodes == null ? GraphSweep.CONSTANT : new GraphSweep.Nary(liveNodes));
        }
        if (Double.isInfinite(value) && (fromOverflow || !inherited)) {
            t.markOverflowed(node);
        }
        return new Scalar(t, node, t.epoch, value);
    }

    /**
     * Hands out {@code count} consecutive node indices, for a tensor of that many elements; returns the first.
     */
    int newNodes(String op, int count) {
        int first = nodes;
        if (count > MAX_LENGTH - first) {
            throw capacityExceeded(op, "the tape holds " + first + " nodes and cannot add " + count + " more");
        }
        nodes = first + count;
        return first;
    }

    /** Registers a tensor operation's backward pass at the current position of the recording. */
    void record(Backward hook) {
        if (hookCount == hooks.length) {
            hooks = Arrays.copyOf(hooks, 2 * hookCount);
            hookEdge = Arrays.copyOf(hookEdge, 2 * hookCount);
        }
        hooks[hookCount] = hook;
        hookEdge[hookCount] = edges;
        hookCount++;
    }

    /**
     * Records one node per element of a tensor being assembled from scalars: node {@code first + i} gets an edge
     * of partial 1 to each non-constant {@code elements[i]}.
     */
    void recordCopies(String op, int first, Scalar[] elements) {
        int live = 0;
        for (Scalar s : elements) {
            if (s.tape != null) {
                checkOperand(op, s);
                live++;
            }
        }
        long[] edge = this.edge;
        if (2L * (edges + live) > edge.length) {
            edge = grow(op, live);
        }
        int e = edges;
        edges = e + live;
        markBlock(first, elements.length);
        long one = Double.doubleToRawLongBits(1.0);
        for (int i = 0; i < elements.length; i++) {
            if (elements[i].tape != null) {
                edge[2 * e] = one;
                edge[2 * e + 1] = link(first + i, elements[i].index);
                e++;
                if (overflowed(elements[i].index)) {
                    markOverflowed(first + i);                // a copy of an overflow is one
                }
            }
        }
    }

    /**
     * Pauses recording until the returned scope is closed: operations on this tape's nodes compute their values
     * and return constants, recording nothing (as PyTorch's {@code no_grad}). Scopes nest; variables can still be
     * made, and gradients taken, inside one.
     *
     * <pre>{@code
     * try (Tape.NoGrad paused = tape.noGrad()) {
     *     Tensor prediction = model(x);        // evaluated, not recorded
     * }
     * }</pre>
     *
     * @return the scope; close it (try-with-resources) to resume recording
     */
    public NoGrad noGrad() {
        checkUsable("noGrad");
        pauses++;
        recorder = null;
        return new NoGrad();
    }

    /** @return whether operations are being recorded (no {@link #noGrad()} scope is open) */
    public boolean isRecording() {
        return pauses == 0;
    }

    /** A pause in recording; see {@link #noGrad()}. */
    public final class NoGrad implements AutoCloseable {
        private boolean open = true;

        private NoGrad() {
        }

        /** Resumes recording, unless an enclosing scope is still open. Closing twice does nothing. */
        @Override
        public void close() {
            if (open) {
                checkThread("noGrad");
                open = false;
                pauses--;
                restoreRecorder();
            }
        }
    }

    /**
     * Called when a record path's fast check fails: returns if the operands are live and recording is paused (the
     * operation then yields a constant) or records rules, throws the right {@link TapeMisuseException} otherwise.
     */
    private void checkPaused(String op, Scalar a, Scalar b) {
        TapeMisuseException refused = refusal(op, a, b);
        if (refused != null) {
            throw refused;
        }
        if (pauses == 0 && !higherOrder && anomalyScopes == 0) {
            throw new AssertionError(op + ": operands " + a + ", " + b + " were refused but pass every check");
        }
    }

    /** Checks that a node of this tape from epoch {@code nodeEpoch} is live and the caller owns the tape. */
    void checkLive(String op, Object node, Tape nodeTape, int nodeEpoch) {
        if (nodeTape != this) {
            throw new TapeMisuseException(TapeMisuseException.Kind.FOREIGN_TAPE, op,
                    "operand " + node + " belongs to " + nodeTape + ", not to " + this
                            + "; nodes of different tapes cannot be combined");
        }
        if (nodeEpoch != epoch || Thread.currentThread() != owner) {
            checkUsable(op);
            throw new TapeMisuseException(TapeMisuseException.Kind.STALE, op, "operand " + node
                    + " was recorded before the tape was reset; its node no longer exists");
        }
    }

    /** The current epoch, for nodes being made. */
    int epoch() {
        return epoch;
    }

    private int newNode(Object op) {
        int node = nodes;
        if (node == MAX_LENGTH) {
            throw capacityExceeded(nameOf(op), "the tape holds " + node + " nodes, its limit");
        }
        nodes = node + 1;
        return node;
    }

    /** Grows the edge array to hold {@code count} more edges than now; returns the new array. */
    private long[] grow(Object op, int count) {
        long needed = 2L * ((long) edges + count);
        if (needed > MAX_LENGTH) {
            throw capacityExceeded(nameOf(op), "the tape would need " + needed / 2 + " edges, more than its limit of "
                    + MAX_LENGTH / 2);
        }
        int capacity = (int) Math.min(MAX_LENGTH & ~1, Math.max(needed, 2L * edge.length));
        edge = Arrays.copyOf(edge, capacity);
        return edge;
    }

    /** The name of an operation passed to the record paths as a String, an ElementwiseFunction or a BinaryFunction. */
    private static String nameOf(Object op) {
        return op instanceof ElementwiseFunction f ? f.opName() : op instanceof BinaryFunction f ? f.opName()
                : String.valueOf(op);
    }

    /** Stores a node's rule, growing the rule array with the nodes. */
    private void setRule(int node, GraphSweep.Rule rule) {
        if (node >= rules.length) {
            rules = Arrays.copyOf(rules, (int) Math.min(MAX_LENGTH, Math.max(node + 1L, 2L * rules.length)));
        }
        rules[node] = rule;
    }

    /**
     * On a tape from {@link #open()}: the first node of the tensor block (variables, or a tensor assembled from
     * scalars) that {@code node} belongs to, or -1; for the recorded sweep, which on a tape with rules reads them.
     */
    int blockOf(int node) {
        int lo = 0, hi = blockCount;                      // the last block whose first node is <= node
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blockFirst[mid] <= node) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo > 0 && node < blockEnd[lo - 1] ? blockFirst[lo - 1] : -1;
    }

    /** On a tape that records rules, marks nodes [first, first + count) as one tensor block. */
    private void markBlock(int first, int count) {
        if (!higherOrder && count > 0) {                  // a plain tape keeps the ranges only, in node order
            if (blockCount == blockFirst.length) {
                blockFirst = Arrays.copyOf(blockFirst, 2 * blockCount);
                blockEnd = Arrays.copyOf(blockEnd, 2 * blockCount);
            }
            blockFirst[blockCount] = first;
            blockEnd[blockCount++] = first + count;
        }
        if (higherOrder && count > 0) {
            GraphSweep.Block block = new GraphSweep.Block(first);
            setRule(first + count - 1, block);
            Arrays.fill(rules, first, first + count, block);
        }
    }

    private static TapeMisuseException capacityExceeded(String op, String detail) {
        return new TapeMisuseException(TapeMisuseException.Kind.CAPACITY, op,
                detail + "; reset the tape or split the computation");
    }

    /**
     * The exception for operands {@code a}, {@code b} (the same for a unary op) that cannot be used here, or null if
     * they can (constants pass).
     */
    private TapeMisuseException refusal(String op, Scalar a, Scalar b) {
        try {
            if (a.tape != null) {
                checkOperand(op, a);
            }
            if (b.tape != null) {
                checkOperand(op, b);
            }
        } catch (TapeMisuseException e) {
            return e;
        }
        return null;
    }

    /** Checks that {@code s} is a live node of this tape and that the caller owns the tape. */
    void checkOperand(String op, Scalar s) {
        checkLive(op, s, s.tape, s.epoch);
    }

    void checkUsable(String op) {
        checkThread(op);
        if (closed) {
            throw new TapeMisuseException(TapeMisuseException.Kind.CLOSED, op, "the tape is closed");
        }
    }

    private void checkThread(String op) {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new TapeMisuseException(TapeMisuseException.Kind.WRONG_THREAD, op, "the tape belongs to thread '"
                    + owner.getName() + "' but was used from thread '" + current.getName() + "'");
        }
    }
}
