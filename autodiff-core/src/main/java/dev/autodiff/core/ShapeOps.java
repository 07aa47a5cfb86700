package dev.autodiff.core;

import java.util.Arrays;

/**
 * The primitives that move or sum elements without arithmetic on their values: sum over axes, sumTo and
 * broadcastTo (each the other's backward), reshape (its own inverse) and permute (inverted by the inverse
 * permutation).
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static TensorOp sum(int[] axes, boolean keepDims) {
        return new Sum(axes, keepDims);
    }

    static TensorOp sumTo(int[] target) {
        return new SumTo(target);
    }

    static TensorOp broadcastTo(int[] target) {
        return new BroadcastTo(target);
    }

    static TensorOp reshape(int[] shape) {
        return new Reshape(shape);
    }

    static TensorOp permute(int[] axes) {
        return new Permute(axes);
    }

    /** {@code shape} with length 1 at each of the reduced {@code axes}: a reduction's shape with keepDims. */
    static int[] kept(int[] shape, int[] axes) {
        int[] k = shape.clone();
        for (int a : axes) {
            k[a] = 1;
        }
        return k;
    }

    /** {@code kept} (with 1 at the reduced axes) without the reduced axes. */
    static int[] squeezed(int[] kept, int[] axes) {
        int[] out = new int[kept.length - axes.length];
        for (int d = 0, j = 0, a = 0; d < kept.length; d++) {
            if (a < axes.length && axes[a] == d) {
                a++;
            } else {
                out[j++] = kept[d];
            }
        }
        return out;
    }

    /** Sums each element of {@code from} into the element of {@code target} it broadcasts from. */
    private static double[] sumInto(double[] from, int[] fromShape, int[] target) {
        if (Tensor.sizeOf(target) == 1) {                   // everything into one element: no index map
            double s = 0.0;
            for (double v : from) {
                s += v;
            }
            return new double[] {s};
        }
        double[] out = new double[Tensor.sizeOf(target)];
        int[] map = Broadcasting.indexMap(target, fromShape);
        for (int i = 0; i < from.length; i++) {
            out[map[i]] += from[i];
        }
        return out;
    }

    /** Sum over sorted, distinct axes; backward broadcasts the gradient back over them. */
    private static final class Sum extends TensorOp {
        private final int[] axes;
        private final boolean keepDims;

        Sum(int[] axes, boolean keepDims) {
            super("sum", true);
            this.axes = axes;
            this.keepDims = keepDims;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            int[] kept = kept(in[0].shape, axes);
            double[] sums = sumInto(in[0].data, in[0].shape, kept);
            return Tensor.wrap(sums, keepDims ? kept : squeezed(kept, axes));
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] shape = ctx.inputShapeShared(0);
            return new Tensor[] {grad.reshape(kept(shape, axes)).broadcastTo(shape)};
        }
    }

    /** Sums down to a shape that broadcasts to the input's; backward broadcasts back. */
    private static final class SumTo extends TensorOp {
        private final int[] target;

        SumTo(int[] target) {
            super("sumTo", true);
            this.target = target;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            return Tensor.wrap(sumInto(in[0].data, in[0].shape, target), target.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.broadcastTo(ctx.inputShapeShared(0))};
        }
    }

    /** Repeats along stretched dimensions; backward sums back. */
    private static final class BroadcastTo extends TensorOp {
        private final int[] target;

        BroadcastTo(int[] target) {
            super("broadcastTo", true);
            this.target = target;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            double[] x = in[0].data;
            if (x.length == 1) {                                // one value everywhere: no index map
                double[] y = new double[Tensor.sizeOf(target)];
                java.util.Arrays.fill(y, x[0]);
                return Tensor.wrap(y, target.clone());
            }
            int[] map = Broadcasting.indexMap(in[0].shape, target);
            double[] y = new double[map.length];
            for (int i = 0; i < map.length; i++) {
                y[i] = x[map[i]];
            }
            return Tensor.wrap(y, target.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.sumTo(ctx.inputShapeShared(0))};
        }
    }

    /** The same elements in another shape (the data is shared: tensors never change); backward reshapes back. */
    private static final class Reshape extends TensorOp {
        private final int[] shape;

        Reshape(int[] shape) {
            super("reshape", true);
            this.shape = shape;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            return Tensor.wrap(in[0].data, shape.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.reshape(ctx.inputShapeShared(0))};
        }
    }

    /** Dimension i of the output is dimension axes[i] of the input; backward applies the inverse permutation. */
    private static final class Permute extends TensorOp {
        private final int[] axes;

        Permute(int[] axes) {
            super("permute", true);
            this.axes = axes;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            int[] inShape = in[0].shape;
            int rank = inShape.length;
            int[] outShape = new int[rank], inStrides = new int[rank], strideOfOut = new int[rank];
            for (int d = rank - 1, s = 1; d >= 0; d--) {
                inStrides[d] = s;
                s *= inShape[d];
            }
            for (int i = 0; i < rank; i++) {
                outShape[i] = inShape[axes[i]];
                strideOfOut[i] = inStrides[axes[i]];
            }
            double[] x = in[0].data, y = new double[x.length];
            int[] counter = new int[rank];
            int index = 0;
            for (int k = 0; k < y.length; k++) {
                y[k] = x[index];
                for (int j = rank - 1; j >= 0; j--) {
                    counter[j]++;
                    index += strideOfOut[j];
                    if (counter[j] < outShape[j]) {
                        break;
                    }
                    index -= strideOfOut[j] * outShape[j];
                    counter[j] = 0;
                }
            }
            return Tensor.wrap(y, outShape);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            int[] inverse = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                inverse[axes[i]] = i;
            }
            return new Tensor[] {grad.permute(inverse)};
        }

        @Override
        public String toString() {
            return "permute" + Arrays.toString(axes);
        }
    }
}
