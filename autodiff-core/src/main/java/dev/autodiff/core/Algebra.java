package dev.autodiff.core;

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
            for (int i = 0; i < mask.length; i++) {
                mask[i] = p.test(x.data[i]) ? 1.0 : 0.0;
            }
            return Tensor.where(Tensor.wrap(mask, x.shape), ifTrue, ifFalse);
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
