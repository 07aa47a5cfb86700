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
            super("where");
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
            super(max ? "max" : "min");
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

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0), e = ctx.saved(1);
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
                    dx[i] = grad.data[map[i]] / ties[map[i]];
                }
            }
            return new Tensor[] {Tensor.wrap(dx, x.shape)};
        }

        private static boolean isExtreme(double x, double extreme) {
            return x == extreme || (Double.isNaN(extreme) && Double.isNaN(x));
        }
    }
}
