package dev.autodiff.core;

import java.util.Arrays;

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
 * d node / d operand)}, with the partial evaluated when the operation runs. Edges live in three flat primitive
 * arrays, so recording allocates no object per edge and the sweep is a single loop,
 * {@code adjoint[to[e]] += partial[e] * adjoint[from[e]]}, over the edges in reverse. Creation order is a topological
 * order, so when the loop reaches a node's edges that node's adjoint is complete: there is no recursion, no visited
 * set, and programs of any depth run in constant stack. Variables and constants have no edges; constants are not on
 * the tape at all (see {@link Scalar#constant(double)}).
 *
 * <h2>Life cycle and confinement</h2>
 * A tape is opened with {@link #open()} and used in try-with-resources. {@link #reset()} forgets every node but keeps
 * the arrays, so a loop that records and sweeps again and again settles into no tape allocation at all. A tape
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
    /** Incremented by {@link #reset()} and {@link #close()}; a {@link Scalar} is live only in the epoch that made it. */
    int epoch;
    private boolean closed;

    /** Number of node indices handed out in this epoch. */
    private int nodes;
    /** Number of edges recorded in this epoch; edges are stored in order of their {@code from} node. */
    private int edges;
    private int[] from;
    private int[] to;
    private double[] partial;

    private Tape() {
        this.owner = Thread.currentThread();
        this.from = new int[INITIAL_EDGES];
        this.to = new int[INITIAL_EDGES];
        this.partial = new double[INITIAL_EDGES];
    }

    /**
     * Opens an empty tape owned by the calling thread.
     *
     * @return a new tape; close it (try-with-resources) when done
     */
    public static Tape open() {
        return new Tape();
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
     * <p>Partials multiply adjoints exactly as IEEE arithmetic does: an infinite partial times a zero adjoint gives
     * NaN, which is reported, never hidden.
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
        int root = y.index;
        double[] adjoint = new double[root + 1];
        adjoint[root] = 1.0;
        sweep(from, to, partial, adjoint, edgesUpTo(root));
        return new Gradients(this, epoch, adjoint);
    }

    /** The sweep proper; static and over locals so the JIT sees a plain loop over primitive arrays. */
    private static void sweep(int[] from, int[] to, double[] partial, double[] adjoint, int edgeCount) {
        for (int e = edgeCount - 1; e >= 0; e--) {
            adjoint[to[e]] += partial[e] * adjoint[from[e]];
        }
    }

    /** Number of edges whose {@code from} node is at most {@code node} ({@code from} is non-decreasing). */
    private int edgesUpTo(int node) {
        if (edges == 0 || from[edges - 1] <= node) {
            return edges;
        }
        int lo = 0, hi = edges; // invariant: from[lo - 1] <= node < from[hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (from[mid] <= node) {
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
        epoch++;
        nodes = 0;
        edges = 0;
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
        nodes = 0;
        edges = 0;
        from = to = new int[0];
        partial = new double[0];
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
        return "Tape[nodes=" + nodes + ", edges=" + edges + (closed ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Recording, called by Scalar. Every operation computes its value and its partials, then hands them here. The
    // checks run before anything is written, so a refused operation leaves the tape as it was.

    /** Records {@code f(x)} with {@code df/dx = d}; a constant {@code x} gives a constant. */
    static Scalar unary(String op, Scalar x, double value, double d) {
        Tape t = x.tape;
        if (t == null) {
            return new Scalar(value);
        }
        t.checkOperand(op, x);
        int node = t.newNode(op);
        int e = t.reserveEdges(op, 1);
        t.from[e] = node;
        t.to[e] = x.index;
        t.partial[e] = d;
        return new Scalar(t, node, t.epoch, value);
    }

    /** Records {@code f(a, b)} with partials {@code da}, {@code db}; constant operands get no edge. */
    static Scalar binary(String op, Scalar a, Scalar b, double value, double da, double db) {
        Tape t = a.tape;
        if (t == null) {
            return unary(op, b, value, db);
        }
        if (b.tape == null) {
            return unary(op, a, value, da);
        }
        t.checkOperand(op, a);
        t.checkOperand(op, b);
        int node = t.newNode(op);
        int e = t.reserveEdges(op, 2);
        int[] from = t.from, to = t.to;
        double[] partial = t.partial;
        from[e] = node;
        to[e] = a.index;
        partial[e] = da;
        from[e + 1] = node;
        to[e + 1] = b.index;
        partial[e + 1] = db;
        return new Scalar(t, node, t.epoch, value);
    }

    /**
     * Records one node with an edge to each non-constant {@code operands[i]}, of partial {@code partials[i]}.
     * Operands may repeat (each occurrence adds its own edge).
     */
    static Scalar nary(String op, Scalar[] operands, double[] partials, double value) {
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
        if (t == null) {
            return new Scalar(value);
        }
        int node = t.newNode(op);
        int e = t.reserveEdges(op, live);
        for (int i = 0; i < operands.length; i++) {
            if (operands[i].tape != null) {
                t.from[e] = node;
                t.to[e] = operands[i].index;
                t.partial[e] = partials[i];
                e++;
            }
        }
        return new Scalar(t, node, t.epoch, value);
    }

    private int newNode(String op) {
        if (nodes == MAX_LENGTH) {
            throw new TapeMisuseException(TapeMisuseException.Kind.CAPACITY, op,
                    "the tape holds " + nodes + " nodes, its limit; reset it or split the computation");
        }
        return nodes++;
    }

    /** Makes room for {@code count} more edges and returns the index of the first; the caller fills them. */
    private int reserveEdges(String op, int count) {
        int first = edges;
        if (count > partial.length - first) {
            grow(op, count);
        }
        edges = first + count;
        return first;
    }

    private void grow(String op, int count) {
        long needed = (long) edges + count;
        if (needed > MAX_LENGTH) {
            throw new TapeMisuseException(TapeMisuseException.Kind.CAPACITY, op,
                    "the tape would need " + needed + " edges, more than its limit of " + MAX_LENGTH
                            + "; reset it or split the computation");
        }
        int capacity = (int) Math.min(MAX_LENGTH, Math.max(needed, 2L * partial.length));
        from = Arrays.copyOf(from, capacity);
        to = Arrays.copyOf(to, capacity);
        partial = Arrays.copyOf(partial, capacity);
    }

    /** Checks that {@code s} is a live node of this tape and that the caller owns the tape. */
    void checkOperand(String op, Scalar s) {
        if (s.tape != this) {
            throw new TapeMisuseException(TapeMisuseException.Kind.FOREIGN_TAPE, op,
                    "operand " + s + " belongs to " + s.tape + ", not to " + this
                            + "; nodes of different tapes cannot be combined");
        }
        if (s.epoch != epoch || Thread.currentThread() != owner) {
            checkUsable(op);
            throw new TapeMisuseException(TapeMisuseException.Kind.STALE, op, "operand " + s
                    + " was recorded before the tape was reset; its node no longer exists");
        }
    }

    private void checkUsable(String op) {
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
