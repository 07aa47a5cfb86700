package dev.autodiff.core.testing;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Random expression trees over the smooth tensor operations, for the property "for every expression, reverse mode
 * equals finite differences". Every expression maps a matrix x of shape [n, m] to a matrix of the same shape, so
 * subexpressions combine freely; its {@code toString} is the expression, so a failure that jqwik has shrunk names
 * the smallest expression, and hence the operation, that breaks.
 *
 * <p>Operations with kinks (relu, abs, max, clamp...) and data-dependent selection (where with a computed mask) are
 * in {@link #treesWithKinks(int)} only: at a random point finite differences would now and then straddle a kink or a
 * switch, so a property over those trees first measures how far the point is from every kink the expression meets
 * ({@link #kinkMargin(Expression, Tensor)}) and discards the points that are too close.
 */
public final class Expressions {
    private Expressions() {
    }

    /** An expression in one matrix x. */
    public interface Expression extends TensorFunction {
        /**
         * @param x the matrix
         * @return the expression's value, of x's shape
         */
        Tensor of(Tensor x);

        @Override
        default Tensor apply(Tensor... inputs) {
            return of(inputs[0]);
        }
    }

    private record Leaf() implements Expression {
        @Override
        public Tensor of(Tensor x) {
            return x;
        }

        @Override
        public String toString() {
            return "x";
        }
    }

    private record Unary(String name, UnaryOperator<Tensor> op, Expression arg) implements Expression {
        @Override
        public Tensor of(Tensor x) {
            return op.apply(arg.of(x));
        }

        @Override
        public String toString() {
            return name + "(" + arg + ")";
        }
    }

    private record Binary(String name, BinaryOperator<Tensor> op, Expression left, Expression right)
            implements Expression {
        @Override
        public Tensor of(Tensor x) {
            return op.apply(left.of(x), right.of(x));
        }

        @Override
        public String toString() {
            return name + "(" + left + ", " + right + ")";
        }
    }

    /** The smallest distance to a kink seen during the current {@link #kinkMargin} evaluation, or null. */
    private static final ThreadLocal<double[]> MARGIN = new ThreadLocal<>();

    /** Records how far the elements of {@code t} are from the kink at {@code at}. */
    private static Tensor near(Tensor t, double at) {
        double[] m = MARGIN.get();
        if (m != null) {
            for (double v : t.toArray()) {
                m[0] = Math.min(m[0], Math.abs(v - at));
            }
        }
        return t;
    }

    /** Records how far apart a and b are elementwise (where max, min or a mask a &gt; b switches). */
    private static void apart(Tensor a, Tensor b) {
        if (MARGIN.get() != null) {
            near(a.detach().sub(b.detach()), 0.0);
        }
    }

    /** Records the gap between the largest two elements of each row (where a row maximum switches). */
    private static Tensor rowGaps(Tensor t) {
        double[] m = MARGIN.get();
        if (m != null && t.rank() == 2 && t.shape()[1] > 1) {
            int cols = t.shape()[1];
            double[] v = t.toArray();
            for (int r = 0; r < t.shape()[0]; r++) {
                double first = Double.NEGATIVE_INFINITY, second = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    double x = v[r * cols + c];
                    if (x > first) {
                        second = first;
                        first = x;
                    } else if (x > second) {
                        second = x;
                    }
                }
                m[0] = Math.min(m[0], first - second);
            }
        }
        return t;
    }

    /**
     * How far {@code x} is from the nearest kink or switch that {@code e} meets: the smallest distance, over every
     * kinked operation in the expression and every element it sees, from that element to the operation's kink (for
     * relu and abs, from 0; for clamp, from either bound; for maximum, minimum and where, between the two sides; for a
     * row maximum, between the row's two largest elements). Infinity for an expression without kinks.
     *
     * @param e the expression
     * @param x the point
     * @return the margin; finite differences with steps well below it see a smooth function
     */
    public static double kinkMargin(Expression e, Tensor x) {
        double[] m = {Double.POSITIVE_INFINITY};
        MARGIN.set(m);
        try {
            e.of(x.detach());
        } finally {
            MARGIN.remove();
        }
        return m[0];
    }

    private static Arbitrary<Expression> kinked(Arbitrary<Expression> arg) {
        return Arbitraries.of(
                new Unary("relu", t -> near(t, 0).relu(), null),
                new Unary("abs", t -> near(t, 0).abs(), null),
                new Unary("leakyRelu", t -> near(t, 0).leakyRelu(0.1), null),
                new Unary("elu", t -> near(t, 0).elu(1.0), null),
                new Unary("clamp", t -> near(near(t, -0.5), 0.5).clamp(-0.5, 0.5), null),
                new Unary("minusRowMax", t -> rowGaps(t).sub(t.max(true, 1)), null),
                new Unary("plusColMin", t -> {
                    rowGaps(t.neg().transpose());
                    return t.add(t.min(true, 0));
                }, null))
                .flatMap(u -> arg.map(a -> new Unary(u.name(), u.op(), a)));
    }

    private static Arbitrary<Expression> kinkedBinary(Arbitrary<Expression> left, Arbitrary<Expression> right) {
        return Arbitraries.of(
                new Binary("maximum", (a, b) -> {
                    apart(a, b);
                    return a.maximum(b);
                }, null, null),
                new Binary("minimum", (a, b) -> {
                    apart(a, b);
                    return a.minimum(b);
                }, null, null),
                new Binary("whereGreater", (a, b) -> {                  // a mask computed from the operands
                    apart(a, b);
                    return Tensor.where(a.gt(b), a.sin(), b.square());
                }, null, null))
                .flatMap(op -> left.flatMap(l -> right.map(r -> new Binary(op.name(), op.op(), l, r))));
    }

    /**
     * Expression trees of at most the given depth over the smooth operations and the kinked ones (relu, abs,
     * leakyRelu, elu, clamp, row max and column min, maximum, minimum, where with a computed mask). Use with
     * {@link #kinkMargin} to keep finite differences away from the kinks.
     *
     * @param maxDepth the largest nesting of operations, at least 0
     * @return the trees; they shrink towards x
     */
    public static Arbitrary<Expression> treesWithKinks(int maxDepth) {
        if (maxDepth == 0) {
            return Arbitraries.just(new Leaf());
        }
        Arbitrary<Expression> smaller = Arbitraries.lazy(() -> treesWithKinks(maxDepth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Leaf())),
                net.jqwik.api.Tuple.of(3, unary(smaller)),
                net.jqwik.api.Tuple.of(3, binary(smaller, smaller)),
                net.jqwik.api.Tuple.of(3, kinked(smaller)),
                net.jqwik.api.Tuple.of(2, kinkedBinary(smaller, smaller)));
    }

    private static int[] reversed(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = n - 1 - i;
        }
        return r;
    }

    private static Tensor reversedColumns(int[] shape) {
        double[] index = new double[shape[0] * shape[1]];
        for (int i = 0; i < index.length; i++) {
            index[i] = shape[1] - 1 - i % shape[1];
        }
        return Tensor.of(index, shape);
    }

    private static Arbitrary<Expression> unary(Arbitrary<Expression> arg) {
        return Arbitraries.of(
                new Unary("neg", Tensor::neg, null), new Unary("square", Tensor::square, null),
                new Unary("sin", Tensor::sin, null), new Unary("cos", Tensor::cos, null),
                new Unary("tanh", Tensor::tanh, null), new Unary("sigmoid", Tensor::sigmoid, null),
                new Unary("softplus", Tensor::softplus, null), new Unary("gelu", Tensor::gelu, null),
                new Unary("exp", t -> t.tanh().exp(), null),                            // exp of a bounded value
                new Unary("logOf1PlusSquare", t -> t.square().log1p(), null),
                new Unary("sqrtOf1PlusSquare", t -> t.square().add(1).sqrt(), null),
                new Unary("softmaxRows", t -> t.softmax(1), null),
                new Unary("logSoftmaxCols", t -> t.logSoftmax(0), null),
                new Unary("minusRowMean", t -> t.sub(t.mean(true, 1)), null),
                new Unary("plusColLogSumExp", t -> t.add(t.logSumExp(true, 0)), null),
                new Unary("timesColSum", t -> t.mul(t.sum(true, 0)), null),
                new Unary("divByRowNorm", t -> t.div(t.square().sum(true, 1).add(1).sqrt()), null),
                new Unary("reshapeTransposed", t -> t.transpose().reshape(t.shape()), null),
                new Unary("shiftRows", t -> t.rank() == 2 && t.shape()[0] > 1
                        ? Tensor.concat(0, t.slice(0, 1, t.shape()[0]), t.slice(0, 0, 1)) : t, null),
                new Unary("padSlice", t -> t.pad(0.5, new int[] {1, 0}, new int[] {0, 0})
                        .slice(0, 0, t.shape()[0]), null),
                // the rest of the elementwise functions, each composed to stay inside its domain
                new Unary("atan", t -> t.map(dev.autodiff.core.UnaryFunction.ATAN), null),
                new Unary("sinhOfTanh", t -> t.tanh().map(dev.autodiff.core.UnaryFunction.SINH), null),
                new Unary("coshOfTanh", t -> t.tanh().map(dev.autodiff.core.UnaryFunction.COSH), null),
                new Unary("tanOfTanh", t -> t.tanh().mul(0.7).map(dev.autodiff.core.UnaryFunction.TAN), null),
                new Unary("asinOfTanh", t -> t.tanh().mul(0.5).map(dev.autodiff.core.UnaryFunction.ASIN), null),
                new Unary("acosOfTanh", t -> t.tanh().mul(0.5).map(dev.autodiff.core.UnaryFunction.ACOS), null),
                new Unary("expm1OfTanh", t -> t.tanh().map(dev.autodiff.core.UnaryFunction.EXPM1), null),
                new Unary("logOf2PlusTanh", t -> t.tanh().add(2).log(), null),
                new Unary("cbrtOf2PlusTanh", t -> t.tanh().add(2).map(dev.autodiff.core.UnaryFunction.CBRT), null),
                new Unary("normalCdf", Tensor::normalCdf, null),
                new Unary("minusRowVariance", t -> t.sub(t.variance(0, true, 1)), null),
                new Unary("reverseRows", t -> t.indexSelect(0, reversed(t.shape()[0])), null),
                new Unary("gatherColsReversed", t -> t.gather(1, reversedColumns(t.shape())), null),
                new Unary("sumToBroadcast", t -> t.sumTo(1, t.shape()[1]).broadcastTo(t.shape()), null),
                new Unary("permuteBack", t -> t.permute(1, 0).permute(1, 0), null),
                new Unary("sinViaScalars", t -> {
                    dev.autodiff.core.Scalar[] e = new dev.autodiff.core.Scalar[t.size()];
                    int cols = t.shape()[1];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = t.element(i / cols, i % cols).sin();
                    }
                    return Tensor.fromScalars(e, t.shape());
                }, null))
                .flatMap(u -> arg.map(a -> new Unary(u.name(), u.op(), a)));
    }

    private static Arbitrary<Expression> binary(Arbitrary<Expression> left, Arbitrary<Expression> right) {
        return Arbitraries.of(
                new Binary("add", Tensor::add, null, null), new Binary("sub", Tensor::sub, null, null),
                new Binary("mul", Tensor::mul, null, null),
                new Binary("div", (a, b) -> a.div(b.square().add(1)), null, null),     // a / (1 + b^2)
                new Binary("pow", (a, b) -> a.square().add(1).pow(b.tanh()), null, null), // (1 + a^2)^tanh(b)
                new Binary("gram", (a, b) -> a.matmul(b.transpose()).matmul(a).div(4), null, null),
                new Binary("stackMean", (a, b) -> Tensor.stack(0, a, b).mean(false, 0), null, null),
                new Binary("gramLinear", (a, b) -> a.linear(b, null).matmul(a).div(4), null, null),
                new Binary("atan2", (a, b) -> a.atan2(b.square().add(1)), null, null),      // away from the origin
                new Binary("hypot", (a, b) -> a.hypot(b.square().add(1)), null, null))
                .flatMap(op -> left.flatMap(l -> right.map(r -> new Binary(op.name(), op.op(), l, r))));
    }

    /**
     * Expression trees of at most the given depth.
     *
     * @param maxDepth the largest nesting of operations, at least 0 (0 gives x alone)
     * @return the trees; they shrink towards x
     */
    public static Arbitrary<Expression> trees(int maxDepth) {
        if (maxDepth == 0) {
            return Arbitraries.just(new Leaf());
        }
        Arbitrary<Expression> smaller = Arbitraries.lazy(() -> trees(maxDepth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Leaf())),
                net.jqwik.api.Tuple.of(4, unary(smaller)),
                net.jqwik.api.Tuple.of(4, binary(smaller, smaller)));
    }
}
