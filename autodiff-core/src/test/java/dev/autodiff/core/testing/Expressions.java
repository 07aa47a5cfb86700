package dev.autodiff.core.testing;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;
import dev.autodiff.core.testing.FunctionSpecs.Interval;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Random expression trees over the smooth tensor operations, for the property "for every expression, reverse mode
 * equals finite differences". Every expression maps a matrix x of shape [n, m] to a matrix of the same shape, so
 * subexpressions combine freely; its {@code toString} is the expression, so a failure that jqwik has shrunk names
 * the smallest expression, and hence the operation, that breaks.
 *
 * <p>The elementwise operations are those of {@link FunctionSpecs}, every entry (every fixed parametrization of an
 * activation), each composed to stay where finite differences resolve it: its argument is squashed by tanh into the
 * middle half of its first smooth interval (of its first region, for a binary function) within [-3, 3], so
 * {@code log[0.7575, 2.2475](x)} is log(1.505 + 0.7425 tanh(x)). A function added there is met here.
 *
 * <p>Operations with kinks (relu, abs, leakyRelu, elu, clamp, maximum, minimum: the entries with kinks; row max,
 * column min) and data-dependent selection (where with a computed mask) are in {@link #treesWithKinks(int)} only: at
 * a random point finite differences would now and then straddle a kink or a switch, so a property over those trees
 * first measures how far the point is from every kink the expression meets ({@link #kinkMargin(Expression, Tensor)},
 * with the kinks of {@link FunctionSpecs}) and discards the points that are too close.
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

    /** Records how far apart a and b are elementwise (where a mask a &gt; b switches). */
    private static void apart(Tensor a, Tensor b) {
        if (MARGIN.get() != null) {
            near(a.detach().sub(b.detach()), 0.0);
        }
    }

    /** Records how far the pairs of elements of a and b are from the line where a binary function switches. */
    private static void fromSwitch(FunctionSpecs.Binary f, Tensor a, Tensor b) {
        double[] m = MARGIN.get();
        if (m != null) {
            int[] shape = a.detach().add(b.detach()).shape();
            double[] av = a.detach().broadcastTo(shape).toArray(), bv = b.detach().broadcastTo(shape).toArray();
            for (int i = 0; i < av.length; i++) {
                m[0] = Math.min(m[0], f.kinkDistance(av[i], bv[i]));
            }
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
     * kinked operation in the expression and every element it sees, from that element to the operation's kinks (the
     * kinks {@link FunctionSpecs} states: for relu and abs 0, for clamp either bound; for maximum and minimum the
     * distance from the line a = b that it states; for where, between the two sides; for a row maximum, between the
     * row's two largest elements). Infinity for an expression without kinks.
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

    /** Where a function of one variable is applied: the middle half of its first interval, within [-3, 3]. */
    private static Interval window(Interval first) {
        Interval w = first.clip(-WINDOW, WINDOW);
        if (w == null) {
            throw new IllegalStateException("no smooth interval within [-3, 3]: " + first);
        }
        return w.middleHalf();
    }

    private static final double WINDOW = 3;

    /** t squashed by tanh into w: mid + radius tanh(t). */
    private static Tensor into(Tensor t, Interval w) {
        double mid = (w.lo() + w.hi()) / 2, radius = (w.hi() - w.lo()) / 2;
        Tensor s = t.tanh().mul(radius);
        return mid == 0 ? s : s.add(mid);
    }

    /** Every function of one variable of {@link FunctionSpecs}, with kinks or without. */
    private static List<Unary> elementwise(boolean withKinks) {
        List<Unary> ops = new ArrayList<>();
        for (FunctionSpecs.Unary f : FunctionSpecs.UNARY) {
            Interval w = window(f.intervals().get(0));
            for (double[] p : f.parameters()) {
                double[] kinks = f.kinkPoints(p);
                if ((kinks.length > 0) != withKinks) {
                    continue;
                }
                ops.add(new Unary(f.label(p) + w, t -> {
                    Tensor u = into(t, w);
                    for (double k : kinks) {
                        near(u, k);
                    }
                    return f.onTensor(u, p);
                }, null));
            }
        }
        return List.copyOf(ops);
    }

    /** Every function of two variables of {@link FunctionSpecs}, with kinks or without. */
    private static List<Binary> elementwiseBinary(boolean withKinks) {
        List<Binary> ops = new ArrayList<>();
        for (FunctionSpecs.Binary f : FunctionSpecs.BINARY) {
            if (f.hasKinks() != withKinks) {
                continue;
            }
            FunctionSpecs.Region r = f.regions().get(0);
            Interval wa = window(r.a().get(0)), wb = window(r.b().get(0));
            ops.add(new Binary(f.name() + wa + wb, (a, b) -> {
                Tensor u = into(a, wa), v = into(b, wb);
                fromSwitch(f, u, v);
                return f.onTensors(u, v);
            }, null, null));
        }
        return List.copyOf(ops);
    }

    private static final List<Unary> SMOOTH_ELEMENTWISE = elementwise(false);
    private static final List<Unary> KINKED_ELEMENTWISE = elementwise(true);
    private static final List<Binary> SMOOTH_BINARY = elementwiseBinary(false);
    private static final List<Binary> KINKED_BINARY = elementwiseBinary(true);

    private static Arbitrary<Expression> kinked(Arbitrary<Expression> arg) {
        List<Unary> ops = new ArrayList<>(KINKED_ELEMENTWISE);
        ops.add(new Unary("minusRowMax", t -> rowGaps(t).sub(t.max(true, 1)), null));
        ops.add(new Unary("plusColMin", t -> {
            rowGaps(t.neg().transpose());
            return t.add(t.min(true, 0));
        }, null));
        return Arbitraries.of(ops).flatMap(u -> arg.map(a -> new Unary(u.name(), u.op(), a)));
    }

    private static Arbitrary<Expression> kinkedBinary(Arbitrary<Expression> left, Arbitrary<Expression> right) {
        List<Binary> ops = new ArrayList<>(KINKED_BINARY);
        ops.add(new Binary("whereGreater", (a, b) -> {                  // a mask computed from the operands
            apart(a, b);
            return Tensor.where(a.gt(b), a.sin(), b.square());
        }, null, null));
        return Arbitraries.of(ops)
                .flatMap(op -> left.flatMap(l -> right.map(r -> new Binary(op.name(), op.op(), l, r))));
    }

    /**
     * Expression trees of at most the given depth over the smooth operations and the kinked ones (the elementwise
     * functions with kinks, row max and column min, where with a computed mask). Use with
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
        List<Unary> ops = new ArrayList<>(SMOOTH_ELEMENTWISE);
        ops.addAll(List.of(
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
                }, null)));
        return Arbitraries.of(ops).flatMap(u -> arg.map(a -> new Unary(u.name(), u.op(), a)));
    }

    private static Arbitrary<Expression> binary(Arbitrary<Expression> left, Arbitrary<Expression> right) {
        List<Binary> ops = new ArrayList<>(SMOOTH_BINARY);
        ops.addAll(List.of(
                new Binary("gram", (a, b) -> a.matmul(b.transpose()).matmul(a).div(4), null, null),
                new Binary("stackMean", (a, b) -> Tensor.stack(0, a, b).mean(false, 0), null, null),
                new Binary("gramLinear", (a, b) -> a.linear(b, null).matmul(a).div(4), null, null)));
        return Arbitraries.of(ops)
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
