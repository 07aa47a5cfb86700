package dev.autodiff.core;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;

/**
 * The operations derivative rules are written with, over {@link Scalar}s or over {@link Tensor}s: a rule written once
 * against this interface builds its derivative as recorded nodes of either kind, and so can be differentiated again
 * (derivatives of second and higher order). Every operation is one of the engine's own primitives.
 *
 * @param <T> Scalar or Tensor
 */
interface Algebra<T> {
    /** Rules over scalars: each operation is a {@link Scalar} operation. */
    Algebra<Scalar> SCALARS = new Algebra<>() {
        @Override
        public Scalar map(UnaryFunction f, Scalar x) {
            return x.map(f);
        }

        @Override
        public Scalar zip(BinaryFunction f, Scalar a, Scalar b) {
            return a.zip(f, b);
        }

        @Override
        public Scalar constant(double c) {
            return Scalar.constant(c);
        }

        @Override
        public Scalar where(Scalar x, DoublePredicate p, Scalar ifTrue, Scalar ifFalse) {
            return p.test(x.value) ? ifTrue : ifFalse;
        }

        @Override
        public Scalar constantOf(Scalar a, Scalar b, DoubleBinaryOperator g) {
            return Scalar.constant(g.applyAsDouble(a.value, b.value));
        }
    };

    /** Rules over tensors: each operation is an elementwise {@link Tensor} operation, broadcasting constants. */
    Algebra<Tensor> TENSORS = new Algebra<>() {
        @Override
        public Tensor map(UnaryFunction f, Tensor x) {
            return x.map(f);
        }

        @Override
        public Tensor zip(BinaryFunction f, Tensor a, Tensor b) {
            return a.zip(f, b);
        }

        @Override
        public Tensor constant(double c) {
            return Tensor.scalar(c);
        }

        @Override
        public Tensor where(Tensor x, DoublePredicate p, Tensor ifTrue, Tensor ifFalse) {
            double[] mask = new double[x.data.length];
            int chosen = 0;
            for (int i = 0; i < mask.length; i++) {
                if (p.test(x.data[i])) {
                    mask[i] = 1.0;
                    chosen++;
                }
            }
            // one branch everywhere (a log of positive values, say): that branch, if it already has the result's
            // shape, with no where recorded
            Tensor only = chosen == mask.length ? ifTrue : chosen == 0 ? ifFalse : null;
            if (only != null && Arrays.equals(only.shape, Broadcasting.shape("where", x.shape,
                    Broadcasting.shape("where", ifTrue.shape, ifFalse.shape)))) {
                return only;
            }
            return Tensor.where(Tensor.wrap(mask, x.shape), ifTrue, ifFalse);
        }

        @Override
        public Tensor constantOf(Tensor a, Tensor b, DoubleBinaryOperator g) {
            int[] shape = Broadcasting.shape("constantOf", a.shape, b.shape);
            double[] c = new double[Tensor.sizeOf(shape)];
            if (Arrays.equals(a.shape, shape) && Arrays.equals(b.shape, shape)) {
                for (int i = 0; i < c.length; i++) {
                    c[i] = g.applyAsDouble(a.data[i], b.data[i]);
                }
            } else {
                int[] ia = Broadcasting.indexMap(a.shape, shape), ib = Broadcasting.indexMap(b.shape, shape);
                for (int i = 0; i < c.length; i++) {
                    c[i] = g.applyAsDouble(a.data[ia[i]], b.data[ib[i]]);
                }
            }
            return Tensor.wrap(c, shape);
        }
    };

    /** f(x), elementwise. */
    T map(UnaryFunction f, T x);

    /** f(a, b), elementwise (tensors broadcast). */
    T zip(BinaryFunction f, T a, T b);

    /** The constant c, which broadcasts against any operand. */
    T constant(double c);

    /** Per element, {@code ifTrue} where {@code p} holds for x's value, else {@code ifFalse}; no gradient to x. */
    T where(T x, DoublePredicate p, T ifTrue, T ifFalse);

    /**
     * The constant g(a, b), element by element over a's and b's broadcast shape, computed from their values: it passes
     * no gradient to either. A rule uses one where its partial is locally constant and the written form cannot take
     * the limit the numeric rule takes, or adds one to a node to correct the node's value without changing its
     * derivative.
     */
    T constantOf(T a, T b, DoubleBinaryOperator g);

    default T add(T a, double c) {
        return zip(BinaryFunction.ADD, a, constant(c));
    }

    default T add(T a, T b) {
        return zip(BinaryFunction.ADD, a, b);
    }

    default T sub(double c, T b) {
        return zip(BinaryFunction.SUB, constant(c), b);
    }

    default T sub(T a, double c) {
        return zip(BinaryFunction.SUB, a, constant(c));
    }

    default T mul(T a, T b) {
        return zip(BinaryFunction.MUL, a, b);
    }

    default T mul(T a, double c) {
        return zip(BinaryFunction.MUL, a, constant(c));
    }

    default T div(T a, T b) {
        return zip(BinaryFunction.DIV, a, b);
    }

    default T div(double c, T b) {
        return zip(BinaryFunction.DIV, constant(c), b);
    }

    default T neg(T x) {
        return map(UnaryFunction.NEG, x);
    }

    default T square(T x) {
        return map(UnaryFunction.SQUARE, x);
    }
}
