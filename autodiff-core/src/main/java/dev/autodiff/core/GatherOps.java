package dev.autodiff.core;

/**
 * The primitives that pick elements by index: {@link Gather} (every output element copies one input element, or a
 * fill value), from which slice, indexSelect, gather and pad are made; and {@link Concat}. Their backward passes are
 * scatter-adds: each output element's gradient goes back to the element it came from, adding where an element was
 * picked twice.
 */
final class GatherOps {
    private GatherOps() {
    }

    /** out[k] = in[map[k]], or {@code fill} where map[k] = -1; backward adds grad[k] into din[map[k]]. */
    static final class Gather extends TensorOp {
        private final int[] map;
        private final int[] shape;
        private final double fill;

        Gather(String name, int[] map, int[] shape, double fill) {
            super(name, true);
            this.map = map;
            this.shape = shape;
            this.fill = fill;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            double[] x = in[0].data, y = new double[map.length];
            for (int k = 0; k < map.length; k++) {
                y[k] = map[k] < 0 ? fill : x[map[k]];
            }
            return Tensor.wrap(y, shape.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {new Scatter(name(), map, ctx.inputShapeShared(0)).apply(grad)};
        }
    }

    /**
     * The adjoint of {@link Gather}: out = zeros(shape), then out[map[k]] += in[k] where map[k] &gt;= 0; backward
     * gathers back.
     */
    static final class Scatter extends TensorOp {
        private final int[] map;
        private final int[] shape;

        Scatter(String name, int[] map, int[] shape) {
            super(name + " backward", true);
            this.map = map;
            this.shape = shape;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            double[] y = new double[Tensor.sizeOf(shape)];
            for (int k = 0; k < map.length; k++) {
                if (map[k] >= 0) {
                    y[map[k]] += in[0].data[k];
                }
            }
            return Tensor.wrap(y, shape.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {new Gather(name(), map, ctx.inputShapeShared(0), 0.0).apply(grad)};
        }
    }

    /** A contiguous run of the input: out = in[offset .. offset + size); backward adds grad into that run. */
    static final class Range extends TensorOp {
        private final int offset;
        private final int[] shape;

        Range(String name, int offset, int[] shape) {
            super(name, true);
            this.offset = offset;
            this.shape = shape;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            int size = Tensor.sizeOf(shape);
            double[] y = new double[size];
            System.arraycopy(in[0].data, offset, y, 0, size);
            return Tensor.wrap(y, shape.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {new Embed(name(), offset, ctx.inputShapeShared(0)).apply(grad)};
        }
    }

    /** The adjoint of {@link Range}: zeros of a shape with the input copied to [offset, offset + size); backward slices. */
    static final class Embed extends TensorOp {
        private final int offset;
        private final int[] shape;

        Embed(String name, int offset, int[] shape) {
            super(name + " backward", true);
            this.offset = offset;
            this.shape = shape;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            double[] y = new double[Tensor.sizeOf(shape)];
            System.arraycopy(in[0].data, 0, y, offset, in[0].data.length);
            return Tensor.wrap(y, shape.clone());
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {new Range(name(), offset, ctx.inputShapeShared(0)).apply(grad)};
        }
    }

    /** Strides of a row-major shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        for (int d = shape.length - 1, stride = 1; d >= 0; d--) {
            s[d] = stride;
            stride *= shape[d];
        }
        return s;
    }

    /**
     * The map of an output of shape {@code out} whose index j along each dimension d reads index along[d][j] of the
     * input (-1: the fill value).
     */
    static int[] axisMap(int[] in, int[] out, int[][] along) {
        int rank = out.length;
        int[] inStrides = strides(in);
        int size = Tensor.sizeOf(out);
        int[] map = new int[size];
        int[] idx = new int[rank];
        for (int k = 0; k < size; k++) {
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                int i = along[d][idx[d]];
                if (i < 0) {
                    flat = -1;
                    break;
                }
                flat += i * inStrides[d];
            }
            map[k] = flat;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < out[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return map;
    }

    /** along[d][j] = j: the identity translation of each dimension. */
    static int[][] identity(int[] shape) {
        int[][] along = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            along[d] = new int[shape[d]];
            for (int j = 0; j < shape[d]; j++) {
                along[d][j] = j;
            }
        }
        return along;
    }

    /** Joins tensors along an axis; backward hands each input its slice of the gradient. */
    static final class Concat extends TensorOp {
        private final int axis;

        Concat(int axis) {
            super("concat", true);
            this.axis = axis;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            int[] shape = in[0].shape.clone();
            shape[axis] = 0;
            for (Tensor t : in) {
                shape[axis] += t.shape[axis];
            }
            double[] y = new double[Tensor.sizeOf(shape)];
            int outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= shape[d];
            }
            int inner = 1;
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
            int rowOut = shape[axis] * inner;
            for (int o = 0; o < outer; o++) {
                int at = o * rowOut;
                for (Tensor t : in) {
                    int row = t.shape[axis] * inner;
                    System.arraycopy(t.data, o * row, y, at, row);
                    at += row;
                }
            }
            return Tensor.wrap(y, shape);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            int n = ctx.inputCount();
            Tensor[] grads = new Tensor[n];
            int start = 0;
            for (int i = 0; i < n; i++) {
                int length = ctx.inputShapeShared(i)[axis];
                grads[i] = grad.slice(axis, start, start + length);
                start += length;
            }
            return grads;
        }

        @Override
        public String toString() {
            return "concat(axis " + axis + ")";
        }
    }

}
