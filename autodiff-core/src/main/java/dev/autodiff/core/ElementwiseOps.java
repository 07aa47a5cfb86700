package dev.autodiff.core;

import dev.autodiff.core.kernel.MatMulKernels;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The elementwise primitives: {@link UnaryFunction}s and {@link BinaryFunction}s applied element by element, the
 * binary ones with broadcasting. The mathematics of each function lives in its enum constant; here is only how a
 * tensor's elements and gradients flow through it.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    private static final TensorOp[] MAPS = new TensorOp[UnaryFunction.values().length];
    private static final TensorOp[] ZIPS = new TensorOp[BinaryFunction.values().length];

    static {
        for (UnaryFunction f : UnaryFunction.values()) {
            MAPS[f.ordinal()] = new Map(f);
        }
        for (BinaryFunction f : BinaryFunction.values()) {
            ZIPS[f.ordinal()] = new Zip(f);
        }
    }

    static TensorOp map(ElementwiseFunction f) {
        return f instanceof UnaryFunction u ? MAPS[u.ordinal()] : new Map(f);
    }

    static TensorOp zip(BinaryFunction f) {
        return ZIPS[f.ordinal()];
    }

    /**
     * f'(x) as a node, for derivatives of higher order: from the one place f's mathematics is written; null where f'
     * is locally constant.
     *
     * @throws UnsupportedOperationException for a user's own ElementwiseFunction, which has no such rule
     */
    static <T> T derivativeNode(ElementwiseFunction f, Algebra<T> o, T x, T y) {
        if (f instanceof UnaryFunction u) {
            return u.derivativeNode(o, x, y);
        }
        if (f instanceof Activations.Activation a) {
            return a.derivativeNode(o, x, y);
        }
        throw new UnsupportedOperationException(f.opName() + ": an ElementwiseFunction has no rule for derivatives"
                + " of higher order; write it as a TensorOp whose backward uses tensor operations");
    }

    /**
     * Whether f's partial with respect to operand {@code side} (0, or 1 for the second operand of a BinaryFunction)
     * is locally constant at the operands {@code a}, {@code b} with value {@code z}: f is piecewise linear there (relu,
     * abs, maximum, minimum, clamp...), so a partial of 0 is exact even at an overflowed operand. False for a user's
     * own function, which has no such rule.
     */
    static boolean locallyConstant(Object f, int side, double a, double b, double z) {
        Scalar x = Scalar.constant(a), y = Scalar.constant(b), v = Scalar.constant(z);
        try {
            if (f instanceof BinaryFunction bf) {
                return (side == 0 ? bf.partialNodeA(Algebra.SCALARS, x, y, v)
                        : bf.partialNodeB(Algebra.SCALARS, x, y, v)) == null;
            }
            return f instanceof ElementwiseFunction ef && derivativeNode(ef, Algebra.SCALARS, x, v) == null;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The overflow rule for a partial {@code d} at an operand {@code x}: a partial that is 0 only because its operand
     * overflowed (an infinity computed from finite values: exp(710), 1/0, log(0)...) is NaN, since 0 * inf is
     * indeterminate there (log(exp(x)) at x = 710 has derivative 1, not 0). Exact zeros of piecewise linear functions
     * stay 0.
     *
     * @param overflowed whether x is such an infinity
     */
    static double screened(Object f, int side, double d, double x, boolean overflowed, double a, double b,
                           double z) {
        return d == 0.0 && overflowed && Double.isInfinite(x) && !locallyConstant(f, side, a, b, z) ? Double.NaN : d;
    }

    /**
     * A recorded partial {@code d} with the overflow rule applied: NaN at the elements where {@code rule} gives NaN
     * (there and only there the numeric partial is 0 at an overflowed operand), else d unchanged. Scans the operand for infinities first, so that the
     * common case costs one pass and builds nothing.
     */
    private static Tensor screened(Tensor d, int[] shape, Tensor operand, IntToDoubleFunction rule) {
        if (MatMulKernels.allFinite(operand.data, 0, operand.data.length)) {
            return d;
        }
        double[] nan = new double[Tensor.sizeOf(shape)];
        boolean any = false;
        for (int i = 0; i < nan.length; i++) {
            nan[i] = Double.isNaN(rule.applyAsDouble(i)) ? 1.0 : 0.0;
            any |= nan[i] != 0.0;
        }
        return any ? Tensor.where(Tensor.wrap(nan, shape), Tensor.scalar(Double.NaN), d) : d;
    }

    /** The derivative f'(x) evaluated elementwise, as a constant tensor of x's shape. */
    private static Tensor numericDerivative(ElementwiseFunction f, Tensor x, Tensor y) {
        double[] d = new double[x.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.derivative(x.data[i], y.data[i]);
        }
        return Tensor.wrap(d, x.shape);
    }

    /**
     * y = f(x) elementwise; dx = grad * f'(x), and 0 where grad is 0 whatever f'(x) is. Saves x and y, since f' is
     * written in either. Backward forms f'(x) with tensor operations from f's rule, so that it can be recorded; the
     * numeric sweep runs the same rule as one loop over the numeric derivative.
     */
    private static final class Map extends TensorOp {
        private final ElementwiseFunction f;

        Map(ElementwiseFunction f) {
            super(f.opName(), true);
            this.f = f;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            double[] x = in[0].data, y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = f.value(x[i]);
            }
            Tensor out = Tensor.wrap(y, in[0].shape);
            ctx.saveForBackward(in[0], out);
            return out;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0), y = ctx.saved(1);
            Tensor d = derivativeNode(f, Algebra.TENSORS, x, y);
            if (d != null) {
                d = screened(d, x.shape, x, i -> f.derivative(x.data[i], y.data[i]) == 0.0
                        ? screened(f, 0, 0.0, x.data[i], ctx.overflowed(0, i), x.data[i], 0.0, y.data[i]) : 0.0);
            }
            return new Tensor[] {GraphSweep.times(grad, d != null ? d : numericDerivative(f, x, y))};
        }

        @Override
        Tensor[] backwardOnValues(Context ctx, Tensor grad) {
            double[] x = ctx.saved(0).data, y = ctx.saved(1).data, g = grad.data, dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (g[i] != 0.0) {                                             // a zero gradient passes nothing on
                    double d = f.derivative(x[i], y[i]);
                    if (d == 0.0 && Double.isInfinite(x[i])) {
                        d = screened(f, 0, d, x[i], ctx.overflowed(0, i), x[i], 0.0, y[i]);
                    }
                    dx[i] = g[i] * d;
                }
            }
            return new Tensor[] {Tensor.wrap(dx, grad.shape)};
        }

        @Override
        boolean elementwise() {
            return true;
        }
    }

    /**
     * z = f(a, b) elementwise over the broadcast shape; da = sumTo(grad * df/da, shape of a), and likewise for b.
     * Saves a, b and z. Backward forms the partials with tensor operations from f's rule, so that it can be
     * recorded; the numeric sweep runs the same rule as loops over the numeric partials.
     */
    private static final class Zip extends TensorOp {
        private final BinaryFunction f;

        Zip(BinaryFunction f) {
            super(f.opName(), true);
            this.f = f;
        }

        @Override
        boolean elementwise() {
            return true;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor a = in[0], b = in[1];
            int[] shape = Broadcasting.shape(name(), a.shape, b.shape);
            int size = Tensor.sizeOf(shape);
            double[] z = new double[size], x = a.data, y = b.data;
            if (Arrays.equals(a.shape, b.shape)) {
                for (int i = 0; i < size; i++) {
                    z[i] = f.value(x[i], y[i]);
                }
            } else if (y.length == 1) {
                double c = y[0];
                for (int i = 0; i < size; i++) {
                    z[i] = f.value(x[i], c);
                }
            } else {
                int[] ia = Broadcasting.indexMap(a.shape, shape), ib = Broadcasting.indexMap(b.shape, shape);
                for (int i = 0; i < size; i++) {
                    z[i] = f.value(x[ia[i]], y[ib[i]]);
                }
            }
            Tensor out = Tensor.wrap(z, shape);
            ctx.saveForBackward(a, b, out);
            return out;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0), b = ctx.saved(1), z = ctx.saved(2);
            Tensor[] grads = new Tensor[2];
            for (int side = 0; side < 2; side++) {
                if (ctx.needsGradient(side)) {
                    Tensor p = side == 0 ? f.partialNodeA(Algebra.TENSORS, a, b, z)
                            : f.partialNodeB(Algebra.TENSORS, a, b, z);
                    if (p != null) {                         // the overflow rule, as in backwardOnValues
                        int s = side;
                        Tensor operand = side == 0 ? a : b;
                        int[] ma = Broadcasting.indexMap(a.shape, z.shape), mb = Broadcasting.indexMap(b.shape, z.shape);
                        p = screened(p, z.shape, operand, i -> {
                            double u = a.data[ma[i]], v = b.data[mb[i]];
                            double partial = s == 0 ? f.partialA(u, v, z.data[i]) : f.partialB(u, v, z.data[i]);
                            return partial != 0.0 ? 0.0 : screened(f, s, partial, s == 0 ? u : v,
                                    ctx.overflowed(s, s == 0 ? ma[i] : mb[i]), u, v, z.data[i]);
                        });
                    }
                    grads[side] = GraphSweep.times(grad, p != null ? p : numericPartial(a, b, z, side))
                            .sumTo(ctx.inputShapeShared(side));
                }
            }
            return grads;
        }

        /** df/da (side 0) or df/db (side 1) evaluated over the broadcast shape, as a constant tensor. */
        private Tensor numericPartial(Tensor a, Tensor b, Tensor z, int side) {
            boolean same = Arrays.equals(a.shape, z.shape) && Arrays.equals(b.shape, z.shape);
            int[] ia = same ? null : Broadcasting.indexMap(a.shape, z.shape);
            int[] ib = same ? null : Broadcasting.indexMap(b.shape, z.shape);
            double[] d = new double[z.data.length];
            for (int i = 0; i < d.length; i++) {
                double u = a.data[same ? i : ia[i]], v = b.data[same ? i : ib[i]];
                d[i] = side == 0 ? f.partialA(u, v, z.data[i]) : f.partialB(u, v, z.data[i]);
            }
            return Tensor.wrap(d, z.shape);
        }

        @Override
        Tensor[] backwardOnValues(Context ctx, Tensor grad) {
            Tensor a = ctx.saved(0), b = ctx.saved(1);
            double[] x = a.data, y = b.data, z = ctx.saved(2).data, g = grad.data;
            int size = g.length;
            boolean same = Arrays.equals(a.shape, grad.shape) && Arrays.equals(b.shape, grad.shape);
            int[] ia = same ? null : Broadcasting.indexMap(a.shape, grad.shape);
            int[] ib = same ? null : Broadcasting.indexMap(b.shape, grad.shape);
            Tensor[] grads = new Tensor[2];
            for (int side = 0; side < 2; side++) {
                if (!ctx.needsGradient(side)) {
                    continue;
                }
                double[] d = new double[size];
                for (int i = 0; i < size; i++) {
                    if (g[i] != 0.0) {                                         // a zero gradient passes nothing on
                        int ka = same ? i : ia[i], kb = same ? i : ib[i];
                        double u = x[ka], v = y[kb];
                        double p = side == 0 ? f.partialA(u, v, z[i]) : f.partialB(u, v, z[i]);
                        double operand = side == 0 ? u : v;
                        if (p == 0.0 && Double.isInfinite(operand)) {
                            p = screened(f, side, p, operand, ctx.overflowed(side, side == 0 ? ka : kb), u, v, z[i]);
                        }
                        d[i] = g[i] * p;
                    }
                }
                grads[side] = Tensor.wrap(d, grad.shape).sumTo(ctx.inputShapeShared(side));
            }
            return grads;
        }
    }
}
