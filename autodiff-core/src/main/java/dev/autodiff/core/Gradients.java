package dev.autodiff.core;

/**
 * The result of one reverse sweep, {@link Tape#gradient(Scalar)}: the derivative of the swept node {@code y} with
 * respect to every node of the tape. Immutable; it stays readable after the tape is reset or closed, and may be read
 * from any thread.
 */
public final class Gradients {
    private final Tape tape;
    private final int epoch;
    /** {@code adjoint[i]} = d y / d node i, for every node up to and including y. Owned, never exposed. */
    private final double[] adjoint;

    Gradients(Tape tape, int epoch, double[] adjoint) {
        this.tape = tape;
        this.epoch = epoch;
        this.adjoint = adjoint;
    }

    /**
     * The derivative of the swept node with respect to {@code x}: a variable, or any intermediate node. A node that
     * {@code y} does not depend on, including one recorded after {@code y}, has derivative 0.
     *
     * @param x a node of the tape that was swept, recorded in the same epoch (no reset in between)
     * @return d y / d x
     * @throws IllegalArgumentException if {@code x} is a constant (constants are not differentiated)
     * @throws TapeMisuseException      if {@code x} is from another tape or from an earlier or later epoch
     */
    public double of(Scalar x) {
        if (x.tape == null) {
            throw new IllegalArgumentException("gradient of: " + x
                    + " is a constant, which is not differentiated; use tape.variable(...) for an input");
        }
        if (x.tape != tape) {
            throw new TapeMisuseException(TapeMisuseException.Kind.FOREIGN_TAPE, "gradient of",
                    "node " + x + " belongs to " + x.tape + ", not to the tape that was swept");
        }
        if (x.epoch != epoch) {
            throw new TapeMisuseException(TapeMisuseException.Kind.STALE, "gradient of",
                    "node " + x + " was recorded in a different epoch of the tape than the swept node (a reset"
                            + " lies between them)");
        }
        return x.index < adjoint.length ? adjoint[x.index] : 0.0;
    }

    /**
     * The derivatives with respect to several nodes, in order.
     *
     * @param xs nodes, each as for {@link #of(Scalar)}; not modified
     * @return a new array, {@code result[i] = d y / d xs[i]}
     */
    public double[] of(Scalar... xs) {
        double[] g = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            g[i] = of(xs[i]);
        }
        return g;
    }

    /**
     * The derivative of the swept node with respect to every element of {@code x}.
     *
     * @param x a tensor recorded on the tape that was swept, in the same epoch
     * @return a new tensor of x's shape: element i is d y / d x_i
     * @throws IllegalArgumentException if {@code x} is a constant
     * @throws TapeMisuseException      if {@code x} is from another tape or epoch
     */
    public Tensor of(Tensor x) {
        if (x.tape == null) {
            throw new IllegalArgumentException("gradient of: " + x
                    + " is a constant, which is not differentiated; use tape.variable(...) for an input");
        }
        if (x.tape != tape || x.epoch != epoch) {
            throw new TapeMisuseException(x.tape != tape ? TapeMisuseException.Kind.FOREIGN_TAPE
                    : TapeMisuseException.Kind.STALE, "gradient of", "tensor " + x
                    + " is not a node of the tape and epoch that were swept");
        }
        double[] g = new double[x.size()];
        int available = Math.max(0, Math.min(g.length, adjoint.length - x.base));
        System.arraycopy(adjoint, x.base, g, 0, available);
        return Tensor.wrap(g, x.shape.clone());
    }

    @Override
    public String toString() {
        return "Gradients[" + adjoint.length + " nodes]";
    }
}
