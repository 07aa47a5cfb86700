package dev.autodiff.core;

import java.util.Arrays;

/**
 * A reverse sweep that records itself: the same order as {@link Tape}'s numeric sweep, but every adjoint is a node
 * (a {@link Scalar}, or a {@link Tensor} for a tensor operation's output block), computed with the engine's own
 * operations on the same tape. The gradient it returns can therefore be differentiated again: that is how Hessian-vector
 * products, Hessians and derivatives of any order are formed, exactly.
 *
 * <p>Each scalar node's partials come from its {@link Rule}, recorded with it on a tape opened by
 * {@link Tape#openHigherOrder()}; each tensor operation's from {@link TensorOp#backward}, which is written with tensor
 * operations. A null adjoint means "structurally zero" and passes nothing on. As in the numeric sweep, an adjoint whose
 * value is 0 passes nothing on through an infinite or NaN partial (see {@link #times}).
 */
final class GraphSweep {
    private final Tape tape;
    private final Rule[] rules;
    /** Adjoints received as scalars, by node: from scalar operations, and from elements of tensors used as scalars. */
    private final Scalar[] scalarAdjoint;
    /** Adjoints received as tensors, by the first node of the block they belong to. */
    private final Tensor[] tensorAdjoint;

    /** @param nodes the number of nodes on the tape when the sweep starts (blocks may extend past the root) */
    GraphSweep(Tape tape, Rule[] rules, int nodes) {
        this.tape = tape;
        this.rules = rules;
        this.scalarAdjoint = new Scalar[nodes];
        this.tensorAdjoint = new Tensor[nodes];
    }

    /**
     * The rule of a node, or null (a scalar operation recorded without one). A node of a tensor block (a tensor of
     * variables, or one assembled from scalars) has its {@link Block} rule on any tape.
     */
    private Rule rule(int node) {
        Rule r = rules == null || node >= rules.length ? null : rules[node];
        if (r == null && rules == null) {
            int base = tape.blockOf(node);
            return base < 0 ? null : new Block(base);
        }
        return r;
    }

    /** Seeds the root's adjoint. */
    void seed(int node, Scalar adjoint) {
        scalarAdjoint[node] = adjoint;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scalar nodes

    /**
     * Passes the adjoint of node {@code from} on along its edges [first, last]: adjoint[to] += partial * adjoint[from]
     * with the partial as a node from the node's rule (or the numeric partial where that is exact).
     */
    void edges(int from, int first, int last) {
        Scalar a = adjoint(from);
        if (a == null) {
            return;
        }
        Rule rule = rule(from);
        if (rule == null) {
            throw new IllegalStateException("recordGradient: node " + from + " is a scalar operation, and this tape"
                    + " was opened with Tape.open(), which records scalar operations without their derivative rules;"
                    + " record on a tape from Tape.openHigherOrder() to differentiate such a gradient again");
        }
        Scalar[] partials = rule.partials(tape, from);
        for (int e = first; e <= last; e++) {
            Scalar p = partials == null || partials[e - first] == null
                    ? Scalar.constant(tape.partial(e)) : partials[e - first];
            if (p.value == 0.0 && Double.isNaN(tape.partial(e)) && tape.overflowed(tape.to(e))) {
                p = Scalar.constant(Double.NaN);      // the overflow rule made the numeric partial NaN: so is this one
            }
            Scalar c = times(a, p);
            if (c != null) {
                int to = tape.to(e);
                scalarAdjoint[to] = plus(scalarAdjoint[to], c);
            }
        }
    }

    /** The complete adjoint of one node: what it received as a scalar, plus its element of its block's tensor adjoint. */
    private Scalar adjoint(int node) {
        Scalar a = scalarAdjoint[node];
        if (rule(node) instanceof Block block) {
            Tensor t = tensorAdjoint[block.base()];
            if (t != null) {
                a = plus(a, t.elementAt(node - block.base()));
            }
        }
        return a;
    }

    /**
     * The product of an adjoint and a partial, or null where it is structurally zero. An adjoint of value 0 passes
     * nothing on through an infinite or NaN partial, as in the numeric sweep: it is the masked-out branch of a
     * {@code where}, or a node the result does not depend on.
     */
    private static Scalar times(Scalar a, Scalar p) {
        if (p.tape == null) {
            if (p.value == 0.0 && Double.isFinite(a.value)) {
                return null;                          // (an infinite or NaN adjoint times 0 is NaN, as numerically)
            }
            if (p.value == 1.0) {
                return a;
            }
        }
        if (a.value == 0.0 && !Double.isFinite(p.value)) {
            return null;
        }
        if (a.tape == null && a.value == 1.0) {
            return p;
        }
        return a.mul(p);
    }

    private static Scalar plus(Scalar sum, Scalar term) {
        return sum == null ? term : term == null ? sum : sum.add(term);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tensor blocks

    /**
     * The complete adjoint of a block of nodes: what it received as a tensor plus what its elements received as
     * scalars; null if nothing.
     */
    Tensor tensorAdjoint(int base, int[] shape) {
        int size = Tensor.sizeOf(shape);
        if (size == 0) {
            return null;
        }
        Tensor t = tensorAdjoint[base];
        Scalar[] elements = null;
        for (int i = 0; i < size; i++) {
            Scalar s = scalarAdjoint[base + i];
            if (s != null) {
                if (elements == null) {
                    elements = new Scalar[size];
                }
                elements[i] = s;
            }
        }
        if (elements != null) {
            for (int i = 0; i < size; i++) {
                if (elements[i] == null) {
                    elements[i] = Scalar.constant(0.0);
                }
            }
            Tensor fromScalars = Tensor.fromScalars(elements, shape);
            t = t == null ? fromScalars : t.add(fromScalars);
        }
        return t;
    }

    /** Adds a tensor operation's gradient for one of its inputs to that input's adjoint. */
    void accumulate(Tensor input, Tensor gradient) {
        if (input.size() == 0) {
            return;
        }
        Tensor t = tensorAdjoint[input.base];
        tensorAdjoint[input.base] = t == null ? gradient : t.add(gradient);
    }

    /**
     * The gradient with respect to a scalar node, as a node (the constant 0 if it received nothing).
     *
     * @param block the first node of the block of an operation's output that x is an element of, or -1
     */
    Scalar result(Scalar x, int block) {
        Scalar a = adjoint(x.index);
        if (block >= 0 && !(rule(x.index) instanceof Block) && tensorAdjoint[block] != null) {
            a = plus(a, tensorAdjoint[block].elementAt(x.index - block));
        }
        return a == null ? Scalar.constant(0.0) : a;
    }

    /** The gradient with respect to a tensor, as a tensor of its shape (constant zeros if it received nothing). */
    Tensor result(Tensor x) {
        Tensor a = tensorAdjoint(x.base, x.shape);
        return a == null ? Tensor.zeros(x.shape) : a;
    }

    /**
     * The elementwise product grad * d, where a zero of grad passes nothing on through an infinite or NaN d (the
     * tensor form of {@link #times}): a plain product when d is finite everywhere, else selected by a constant mask.
     */
    static Tensor times(Tensor grad, Tensor d) {
        boolean same = Arrays.equals(d.shape, grad.shape);
        if (d.tape == null && d.data.length > 0 && same) {
            double c = d.data[0];
            boolean uniform = true;
            for (double v : d.data) {
                uniform &= v == c;
            }
            if (uniform && (c == 1.0 || c == -1.0)) {           // the partials of add, sub, neg: no product needed
                return c == 1.0 ? grad : grad.neg();
            }
        }
        for (double v : d.data) {
            if (!Double.isFinite(v)) {
                // only the elements where a zero gradient meets a non-finite d are cut; elsewhere the product stands
                int[] map = same ? null : Broadcasting.indexMap(d.shape, grad.shape);
                double[] keep = new double[grad.data.length];
                for (int i = 0; i < keep.length; i++) {
                    double di = d.data[same ? i : map[i]];
                    keep[i] = grad.data[i] == 0.0 && !Double.isFinite(di) ? 0.0 : 1.0;
                }
                return Tensor.where(Tensor.wrap(keep, grad.shape), grad.mul(d), Tensor.scalar(0.0));
            }
        }
        return grad.mul(d);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rules: how a scalar node's partials are formed as nodes. A tape opened by Tape.openHigherOrder() records one
    // with every scalar node that has edges.

    /** How a recorded scalar node's partials are formed as nodes, for sweeps that record themselves. */
    interface Rule {
        /**
         * @return one partial per edge of the node, in edge order, as nodes; a null entry (or a null array) means the
         *         numeric partial on the edge is exact at every order (a constant)
         */
        Scalar[] partials(Tape tape, int node);
    }

    /** Partials that are constants: the numeric ones are exact (sums, weighted sums, piecewise linear functions). */
    static final Rule CONSTANT = (tape, node) -> null;

    /**
     * A node of a tensor block (a tensor of variables, or one assembled from scalars): its adjoint includes its
     * element of the block's tensor adjoint, and its edges (copies) have the constant partial 1.
     */
    record Block(int base) implements Rule {
        @Override
        public Scalar[] partials(Tape tape, int node) {
            return null;
        }
    }

    /** y = f(x): dy/dx from f's {@link UnaryFunction#derivativeNode} (or the numeric one where it is locally constant). */
    record Unary(ElementwiseFunction f, Scalar x, double y) implements Rule {
        @Override
        public Scalar[] partials(Tape tape, int node) {
            Scalar output = new Scalar(tape, node, tape.epoch(), y);
            return new Scalar[] {ElementwiseOps.derivativeNode(f, Algebra.SCALARS, x, output)};
        }
    }

    /** z = f(a, b), either operand possibly a constant: the partials of the non-constant ones, a first. */
    record Binary(BinaryFunction f, Scalar a, Scalar b, double z) implements Rule {
        @Override
        public Scalar[] partials(Tape tape, int node) {
            Scalar output = new Scalar(tape, node, tape.epoch(), z);
            Scalar pa = a.tape == null ? null : f.partialNodeA(Algebra.SCALARS, a, b, output);
            Scalar pb = b.tape == null ? null : f.partialNodeB(Algebra.SCALARS, a, b, output);
            return a.tape == null ? new Scalar[] {pb} : b.tape == null ? new Scalar[] {pa} : new Scalar[] {pa, pb};
        }
    }

    /** An n-ary node whose partials are themselves nodes (or constants), one per edge. */
    record Nary(Scalar[] partials) implements Rule {
        @Override
        public Scalar[] partials(Tape tape, int node) {
            return partials;
        }
    }
}
