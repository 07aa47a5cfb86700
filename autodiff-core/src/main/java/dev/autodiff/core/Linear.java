package dev.autodiff.core;

import dev.autodiff.core.kernel.MatMulKernels;

import java.util.Arrays;

/**
 * The dense layer's product as one primitive, PyTorch's {@code F.linear}: y = x W^T + b, for x of shape [..., in]
 * (leading dimensions are batch), W [out, in] and b [out] (or none). It needs no transposed copy of W and no
 * broadcast index map for b: forward is one kernel call C += x W^T over rows pre-filled with b; backward is
 * dx = g W, dW = g^T x and db = the column sums of g, each one kernel call or loop (the guarded kernel where x or W
 * holds an infinity or NaN, so that a zero of g passes nothing on, as {@link MatMul} does). Its backward for recorded
 * sweeps is written with matmul, transpose and sum.
 */
final class Linear extends TensorOp {
    static final Linear INSTANCE = new Linear();

    private Linear() {
        super("linear", true);
    }

    static Tensor of(Tensor x, Tensor weight, Tensor bias) {
        int[] xs = x.shape, ws = weight.shape;
        if (ws.length != 2 || xs.length == 0 || xs[xs.length - 1] != ws[1]) {
            throw bias == null
                    ? new ShapeMismatchException("linear", "x must be [..., in] and weight [out, in]", xs, ws)
                    : new ShapeMismatchException("linear", "x must be [..., in] and weight [out, in]", xs, ws,
                    bias.shape);
        }
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != ws[0])) {
            throw new ShapeMismatchException("linear", "bias must be [out] for weight [out, in]", xs, ws, bias.shape);
        }
        int[] out = xs.clone();
        out[out.length - 1] = ws[0];
        Tensor.sizeOf("linear", out);
        return bias == null ? INSTANCE.apply(x, weight) : INSTANCE.apply(x, weight, bias);
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... in) {
        Tensor x = in[0], w = in[1];
        int out = w.shape[0], k = w.shape[1], rows = Tensor.sizeOf(Arrays.copyOf(x.shape, x.shape.length - 1));
        double[] y = new double[rows * out];
        if (in.length == 3) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(in[2].data, 0, y, r * out, out);
            }
        }
        MatMulKernels.multTransBAdd(x.data, 0, w.data, 0, y, 0, rows, k, out);
        ctx.saveForBackward(x, w);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        return Tensor.wrap(y, shape);
    }

    /** Backward as tensor operations, on x and g flattened to rows: dx = g W, dW = g^T x, db = sum of g's rows. */
    @Override
    protected Tensor[] backward(Context ctx, Tensor grad) {
        Tensor x = ctx.saved(0), w = ctx.saved(1);
        int out = w.shape[0], k = w.shape[1];
        Tensor g2 = grad.reshape(-1, out);
        Tensor[] grads = new Tensor[ctx.inputCount()];
        if (ctx.needsGradient(0)) {                           // guarded: a zero of g passes nothing on
            grads[0] = MatMul.guarded(g2, w, true).reshape(x.shape);
        }
        if (ctx.needsGradient(1)) {
            grads[1] = MatMul.guarded(g2.transpose(), x.reshape(-1, k), true);
        }
        if (grads.length == 3 && ctx.needsGradient(2)) {
            grads[2] = g2.sum(false, 0);
        }
        return grads;
    }

    @Override
    Tensor[] backwardOnValues(Context ctx, Tensor grad) {
        Tensor x = ctx.saved(0), w = ctx.saved(1);
        int out = w.shape[0], k = w.shape[1], rows = Tensor.sizeOf(Arrays.copyOf(x.shape, x.shape.length - 1));
        double[] g = grad.data;
        Tensor[] grads = new Tensor[ctx.inputCount()];
        if (ctx.needsGradient(0)) {
            double[] dx = new double[x.data.length];
            if (MatMulKernels.allFinite(w.data, 0, w.data.length)) {
                MatMulKernels.multAdd(g, 0, w.data, 0, dx, 0, rows, out, k);
            } else {                                  // a zero of g passes nothing on, even against inf or NaN
                MatMulKernels.multAddGuarded(false, false, true, g, 0, w.data, 0, dx, 0, rows, out, k);
            }
            grads[0] = Tensor.wrap(dx, x.shape);
        }
        if (ctx.needsGradient(1)) {
            double[] dw = new double[w.data.length];
            if (MatMulKernels.allFinite(x.data, 0, x.data.length)) {
                MatMulKernels.multTransAAdd(g, 0, x.data, 0, dw, 0, out, rows, k);
            } else {
                MatMulKernels.multAddGuarded(true, false, true, g, 0, x.data, 0, dw, 0, out, rows, k);
            }
            grads[1] = Tensor.wrap(dw, w.shape);
        }
        if (grads.length == 3 && ctx.needsGradient(2)) {
            double[] db = new double[out];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    db[j] += g[r * out + j];
                }
            }
            grads[2] = Tensor.wrap(db, ctx.inputShape(2));
        }
        return grads;
    }
}
