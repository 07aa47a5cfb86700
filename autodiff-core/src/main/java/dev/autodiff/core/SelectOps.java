package dev.autodiff.core;

/**
 * The primitives that choose among elements rather than compute with them: {@code where} (one of two tensors per
 * element, by a mask) and the max and min reductions (the extreme element of each group).
 */
final class SelectOps {
    private SelectOps() {
    }

    static final TensorOp WHERE = new Where();

    static TensorOp extremum(int[] axes, boolean keepDims, boolean max) {
        return new Extremum(axes, keepDims, max);
    }

    /**
     * z = mask != 0 ? a : b elementwise over the broadcast shape of the three. The gradient goes to the chosen side
     * only, selected (not multiplied by the mask), so a NaN or infinity in the other side's gradient stays there;
     * together with elementwise backward rules that pass nothing on from a zero gradient, the branch a mask excludes
     * leaks no NaN. The mask (input 0) gets no gradient.
     */
    private static final class Where extends TensorOp {
        Where() {
            super("where", true);
        }

        @Override
        boolean elementwise() {
            return true;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor m = in[0], a = in[1], b = in[2];
            int[] shape = Broadcasting.shape(name(), Broadcasting.shape(name(), m.shape, a.shape), b.shape);
            int[] im = Broadcasting.indexMap(m.shape, shape), ia = Broadcasting.indexMap(a.shape, shape),
                    ib = Broadcasting.indexMap(b.shape, shape);
            double[] z = new double[im.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = m.data[im[i]] != 0.0 ? a.data[ia[i]] : b.data[ib[i]];
            }
            ctx.saveForBackward(m);
            return Tensor.wrap(z, shape);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor m = ctx.saved(0), zero = Tensor.scalar(0.0);
            Tensor[] grads = new Tensor[3];
            grads[0] = Tensor.zeros(ctx.inputShapeShared(0));
            if (ctx.needsGradient(1)) {
                grads[1] = Tensor.where(m, grad, zero).sumTo(ctx.inputShapeShared(1));
            }
            if (ctx.needsGradient(2)) {
                grads[2] = Tensor.where(m, zero, grad).sumTo(ctx.inputShapeShared(2));
            }
            return grads;
        }

        @Override
        Tensor[] backwardOnValues(Context ctx, Tensor grad) {
            Tensor m = ctx.saved(0);
            int[] im = Broadcasting.indexMap(m.shape, grad.shape);
            Tensor[] grads = new Tensor[3];
            grads[0] = Tensor.zeros(ctx.inputShapeShared(0));
            for (int side = 1; side <= 2; side++) {
                if (!ctx.needsGradient(side)) {
                    continue;
                }
                double[] d = new double[grad.data.length];
                for (int i = 0; i < d.length; i++) {
                    boolean chosen = (m.data[im[i]] != 0.0) == (side == 1);
                    d[i] = chosen ? grad.data[i] : 0.0;
                }
                grads[side] = Tensor.wrap(d, grad.shape).sumTo(ctx.inputShapeShared(side));
            }
            return grads;
        }
    }

    /**
     * The max (or min) over sorted, distinct axes, as {@link Math#max} would fold them: NaN if any element of the
     * group is NaN. The gradient of a group goes to its extreme elements, split evenly among ties (1/k to each of k
     * equal extremes, the average of the one-sided derivatives); in a group whose extreme is NaN, to its NaN
     * elements, so that the NaN is not lost.
     */
    private static final class Extremum extends TensorOp {
        private final int[] axes;
        private final boolean keepDims, max;

        Extremum(int[] axes, boolean keepDims, boolean max) {
            super(max ? "max" : "min", true);
            this.axes = axes;
            this.keepDims = keepDims;
            this.max = max;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor x = in[0];
            int[] kept = ShapeOps.kept(x.shape, axes);
            int[] map = Broadcasting.indexMap(kept, x.shape);
            double[] e = new double[Tensor.sizeOf(kept)];
            java.util.Arrays.fill(e, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            for (int i = 0; i < map.length; i++) {
                e[map[i]] = max ? Math.max(e[map[i]], x.data[i]) : Math.min(e[map[i]], x.data[i]);
            }
            Tensor keptResult = Tensor.wrap(e, kept);
            ctx.saveForBackward(x, keptResult);
            return keepDims ? keptResult : Tensor.wrap(e, ShapeOps.squeezed(kept, axes));
        }

        /** Backward as tensor operations: the gradient broadcast over each group, times the constant shares. */
        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0), e = ctx.saved(1);
            Tensor spread = grad.reshape(e.shape).broadcastTo(x.shape);
            double[] one = new double[e.data.length];
            java.util.Arrays.fill(one, 1.0);
            Tensor share = weights(x, e, one);                  // 1/ties at the extremes, 0 elsewhere
            double[] extreme = new double[share.data.length];
            for (int i = 0; i < extreme.length; i++) {
                extreme[i] = share.data[i] != 0.0 ? 1.0 : 0.0;
            }
            // selected, not multiplied by 0, so that a non-finite gradient stays with the extremes, as in the loop
            return new Tensor[] {Tensor.where(Tensor.wrap(extreme, x.shape), spread.mul(share), Tensor.scalar(0.0))};
        }

        @Override
        Tensor[] backwardOnValues(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0), e = ctx.saved(1);
            return new Tensor[] {weights(x, e, grad.data)};
        }

        /** Each group's gradient {@code g} split evenly among its extreme elements: g / ties there, 0 elsewhere. */
        private static Tensor weights(Tensor x, Tensor e, double[] g) {
            int[] map = Broadcasting.indexMap(e.shape, x.shape);
            double[] ties = new double[e.data.length];
            for (int i = 0; i < map.length; i++) {
                if (isExtreme(x.data[i], e.data[map[i]])) {
                    ties[map[i]]++;
                }
            }
            double[] dx = new double[x.data.length];
            for (int i = 0; i < map.length; i++) {
                if (isExtreme(x.data[i], e.data[map[i]])) {
                    dx[i] = g[map[i]] / ties[map[i]];
                }
            }
            return Tensor.wrap(dx, x.shape);
        }

        private static boolean isExtreme(double x, double extreme) {
            return x == extreme || (Double.isNaN(extreme) && Double.isNaN(x));
        }
    }
}
