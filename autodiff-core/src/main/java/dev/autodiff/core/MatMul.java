package dev.autodiff.core;

import dev.autodiff.core.kernel.MatMulKernels;

import java.util.Arrays;

/**
 * The matrix product as a primitive: stacks of matrices [..., m, k] @ [..., k, n] with broadcast batch dimensions.
 * Backward: dA = grad B^T and dB = A^T grad, by the transposed kernels (no transposed copies), summed over the batch
 * dimensions an operand was broadcast along. Rank-1 operands are handled around it by reshapes, as NumPy does.
 */
final class MatMul extends TensorOp {
    private static final MatMul INSTANCE = new MatMul();

    private MatMul() {
        super("matmul", true);
    }

    /**
     * NumPy's matmul: promotes rank-1 operands to matrices and removes the added dimension afterwards. The shapes and
     * the operands' tapes are checked before the promotion records anything.
     */
    static Tensor product(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeMismatchException("matmul", "operands must have rank >= 1", a.shape, b.shape);
        }
        int[] as = a.rank() == 1 ? new int[] {1, a.shape[0]} : a.shape;
        int[] bs = b.rank() == 1 ? new int[] {b.shape[0], 1} : b.shape;
        int k1 = as[as.length - 1], k2 = bs[bs.length - 2];
        if (k1 != k2) {
            throw new ShapeMismatchException("matmul", "inner dimensions " + k1 + " != " + k2, a.shape, b.shape);
        }
        if (!Broadcasting.compatible(batch(as), batch(bs))) {
            throw new ShapeMismatchException("matmul", "batch dimensions " + Arrays.toString(batch(as)) + " and "
                    + Arrays.toString(batch(bs)) + " do not broadcast", a.shape, b.shape);
        }
        int[] batch = Broadcasting.shape("matmul", batch(as), batch(bs));
        int[] product = Arrays.copyOf(batch, batch.length + 2);
        product[batch.length] = as[as.length - 2];
        product[batch.length + 1] = bs[bs.length - 1];
        Tensor.sizeOf("matmul", product);
        Tensor.checkOperands("matmul", a, b);
        Tensor left = a.rank() == 1 ? a.reshape(as) : a;
        Tensor right = b.rank() == 1 ? b.reshape(bs) : b;
        Tensor c = INSTANCE.apply(left, right);
        int[] s = c.shape;
        int r = s.length;
        if (a.rank() == 1 && b.rank() == 1) {
            c = c.reshape();                                       // [1, 1] -> a number
        } else if (a.rank() == 1) {                                // [..., 1, n] -> [..., n]
            int[] out = Arrays.copyOf(s, r - 1);
            out[r - 2] = s[r - 1];
            c = c.reshape(out);
        } else if (b.rank() == 1) {                                // [..., m, 1] -> [..., m]
            c = c.reshape(Arrays.copyOf(s, r - 1));
        }
        return c;
    }

    private static int[] batch(int[] shape) {
        return Arrays.copyOf(shape, shape.length - 2);
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... in) {
        Tensor a = in[0], b = in[1];
        int m = a.shape[a.rank() - 2], k = a.shape[a.rank() - 1], n = b.shape[b.rank() - 1];
        int[] batch = Broadcasting.shape(name(), batch(a.shape), batch(b.shape));
        int count = Tensor.sizeOf(batch);
        int[] ia = Broadcasting.indexMap(batch(a.shape), batch), ib = Broadcasting.indexMap(batch(b.shape), batch);
        double[] c = new double[count * m * n];
        for (int t = 0; t < count; t++) {
            MatMulKernels.multAdd(a.data, ia[t] * m * k, b.data, ib[t] * k * n, c, t * m * n, m, k, n);
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        ctx.saveForBackward(a, b);
        return Tensor.wrap(c, shape);
    }

    /**
     * Backward as tensor operations: dA = sumTo(grad B^T), dB = sumTo(A^T grad) over broadcast batches, each a
     * {@link #guarded} product so that a zero of grad passes nothing on, as in {@link #backwardOnValues}.
     */
    @Override
    protected Tensor[] backward(Context ctx, Tensor grad) {
        Tensor a = ctx.saved(0), b = ctx.saved(1);
        return new Tensor[] {
            ctx.needsGradient(0) ? guarded(grad, b.transpose(), true).sumTo(a.shape) : null,
            ctx.needsGradient(1) ? guarded(a.transpose(), grad, false).sumTo(b.shape) : null};
    }

    /**
     * left @ right (both of rank &gt;= 2, batches broadcast) as recorded tensor operations, where a zero of the guarded
     * operand (the adjoint: left if {@code guardLeft}, else right) passes nothing on through an infinity or NaN of
     * the other: the convention of backward passes, for recorded sweeps. A plain product where the other operand is
     * finite; else the product of its finite part plus, for each index of the summation at which it holds a
     * non-finite value, that index's outer product, guarded elementwise: as many extra terms as such indices, each of
     * the result's size.
     */
    static Tensor guarded(Tensor left, Tensor right, boolean guardLeft) {
        Tensor other = guardLeft ? right : left;
        if (MatMulKernels.allFinite(other.data, 0, other.data.length)) {
            return INSTANCE.apply(left, right);
        }
        double[] finite = new double[other.data.length];
        for (int i = 0; i < finite.length; i++) {
            finite[i] = Double.isFinite(other.data[i]) ? 1.0 : 0.0;
        }
        Tensor finiteMask = Tensor.wrap(finite, other.shape), zero = Tensor.scalar(0.0);
        Tensor finitePart = Tensor.where(finiteMask, other, zero);
        Tensor out = guardLeft ? INSTANCE.apply(left, finitePart) : INSTANCE.apply(finitePart, right);
        int r = other.rank(), axis = guardLeft ? r - 2 : r - 1;       // the summation's axis in the other operand
        for (int j = 0; j < other.shape[axis]; j++) {
            Tensor badMask = finiteMask.slice(axis, j, j + 1).neg().add(1.0);     // constants: nothing recorded
            if (badMask.max().item().value() == 0.0) {
                continue;
            }
            Tensor adjoint = guardLeft ? left.slice(left.rank() - 1, j, j + 1) : right.slice(right.rank() - 2, j, j + 1);
            Tensor term = GraphSweep.times(adjoint.broadcastTo(out.shape), other.slice(axis, j, j + 1));
            out = out.add(Tensor.where(badMask, term, zero));
        }
        return out;
    }

    /**
     * The same rule by the transposed kernels, with no transposed copies. Where the other operand holds an infinity
     * or NaN, by the guarded kernel instead, so that a zero of grad passes nothing on (a row of grad that a mask
     * zeroed takes no NaN from the operand's row): the scan costs O(size), the fast kernels O(m k n).
     */
    @Override
    Tensor[] backwardOnValues(Context ctx, Tensor grad) {
        Tensor a = ctx.saved(0), b = ctx.saved(1);
        int m = a.shape[a.rank() - 2], k = a.shape[a.rank() - 1], n = b.shape[b.rank() - 1];
        int[] batch = batch(grad.shape);
        int count = Tensor.sizeOf(batch);
        int[] ia = Broadcasting.indexMap(batch(a.shape), batch), ib = Broadcasting.indexMap(batch(b.shape), batch);
        double[] g = grad.data;
        Tensor[] grads = new Tensor[2];
        if (ctx.needsGradient(0)) {           // dA[t] += grad[t] B[t]^T, summed over broadcast batches
            double[] da = new double[a.data.length];
            boolean fast = MatMulKernels.allFinite(b.data, 0, b.data.length);
            for (int t = 0; t < count; t++) {
                if (fast) {
                    MatMulKernels.multTransBAdd(g, t * m * n, b.data, ib[t] * k * n, da, ia[t] * m * k, m, n, k);
                } else {
                    MatMulKernels.multAddGuarded(false, true, true, g, t * m * n, b.data, ib[t] * k * n,
                            da, ia[t] * m * k, m, n, k);
                }
            }
            grads[0] = Tensor.wrap(da, a.shape);
        }
        if (ctx.needsGradient(1)) {           // dB[t] += A[t]^T grad[t]
            double[] db = new double[b.data.length];
            boolean fast = MatMulKernels.allFinite(a.data, 0, a.data.length);
            for (int t = 0; t < count; t++) {
                if (fast) {
                    MatMulKernels.multTransAAdd(a.data, ia[t] * m * k, g, t * m * n, db, ib[t] * k * n, k, m, n);
                } else {
                    MatMulKernels.multAddGuarded(true, false, false, a.data, ia[t] * m * k, g, t * m * n,
                            db, ib[t] * k * n, k, m, n);
                }
            }
            grads[1] = Tensor.wrap(db, b.shape);
        }
        return grads;
    }
}
