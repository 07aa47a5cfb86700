package dev.autodiff.core.testing;

import dev.autodiff.core.BinaryFunction;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Tensor;
import dev.autodiff.core.UnaryFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.lang.Double.MAX_VALUE;
import static java.lang.Double.MIN_NORMAL;
import static java.lang.Double.MIN_VALUE;
import static java.lang.Double.NEGATIVE_INFINITY;
import static java.lang.Double.NaN;
import static java.lang.Double.POSITIVE_INFINITY;

/**
 * The facts about every elementwise function, each stated once: one entry per {@link UnaryFunction}, per kind of
 * activation ({@code Tensor.leakyRelu}, {@code elu}, {@code clamp}) and per {@link BinaryFunction}. An entry states
 *
 * <ul>
 *   <li>its public methods on scalars and tensors;
 *   <li>where it is smooth enough for finite differences: {@linkplain Unary#intervals() intervals} (for a binary
 *       function, {@linkplain Region regions} of pairs), from which the {@linkplain Unary#kinks kinks} are cut out
 *       {@link #KINK_MARGIN} wide;
 *   <li>its kinks, with the derivative chosen there; its {@linkplain Unary#singular() singular points} (the ends of
 *       its domain, poles, infinite slopes), which the intervals stop short of; its {@linkplain Unary#switches()
 *       switch points}, where the floating-point form changes (an overflow, a value that rounds to 1, a tail that
 *       underflows);
 *   <li>where it is finite at every scale ({@link Unary#finite()}), and a few smooth points for second derivatives;
 *   <li>its derivatives at the {@linkplain #EDGES edge values} 0, +-infinity, NaN, +-300 (for a binary function,
 *       partials at chosen pairs), exactly as the mathematics and the library's stated choices give them;
 *   <li>and a note where a number above needs its reason.
 * </ul>
 *
 * <p>Every table reads its facts from here: in autodiff-core's tests, {@code ScalarOpSpecs} takes the domain of
 * each {@link Scalar} row, {@code TensorOpsTest} the inputs of each elementwise row, {@code EdgeValuesTest} its edge
 * rows, {@code RuleSpecs} (for the agreement of the two derivative rules) the finite domains, the edge and switch
 * points and the second-order points; and {@link Expressions} composes each function into its intervals and measures
 * the distance to its kinks. Adding a function means adding its entry here (the tables' guards name what else a
 * function needs: a plain-double reference for a {@code Scalar} method).
 *
 * <p>Shipped in autodiff-core's test jar with {@link Expressions}, so a property test of code built on these
 * functions can ask where each is smooth.
 */
public final class FunctionSpecs {
    private FunctionSpecs() {
    }

    /** The columns of every function's {@linkplain Unary#edgeDerivatives edge row}. */
    public static final double[] EDGES = {0.0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 300.0, -300.0};

    /**
     * The values where the numeric and the recorded derivative rules are compared for every function (every binary
     * function at every pair of them), beyond each function's own kinks, singular and switch points.
     */
    public static final double[] GRID = {
            0.0, -0.0, 1, -1, 0.5, -0.5, 2, -2, Math.PI / 2, 10, -10, 19, -19, 30, -30, 300, -300, 372, -372,
            700, -700, 710, -710, 1e154, -1e154, 1e300, -1e300, MAX_VALUE, -MAX_VALUE, 1e-154, 1e-300, -1e-300,
            MIN_NORMAL, -MIN_NORMAL, 1e-310, -1e-310, MIN_VALUE, -MIN_VALUE, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN};

    /**
     * How far from a kink (or from the switch line of a binary function) finite differences are trusted: a step is
     * about 1e-5, so at 1e-3 a step never straddles the kink.
     */
    public static final double KINK_MARGIN = 1e-3;

    // ---------------------------------------------------------------------------------------------------------------
    // The vocabulary

    /**
     * A closed interval of reals, or of the integers in it.
     *
     * @param lo       the lowest value
     * @param hi       the highest value, at least lo
     * @param integers whether only the integers in [lo, hi] are meant
     */
    public record Interval(double lo, double hi, boolean integers) {
        /** Validates the bounds. */
        public Interval {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
            }
        }

        /**
         * @param lo the lowest value
         * @param hi the highest value
         * @return the reals in [lo, hi]
         */
        public static Interval between(double lo, double hi) {
            return new Interval(lo, hi, false);
        }

        /**
         * @param lo the lowest integer
         * @param hi the highest integer
         * @return the integers in [lo, hi]
         */
        public static Interval integersBetween(int lo, int hi) {
            return new Interval(lo, hi, true);
        }

        /**
         * @param x a value
         * @return whether x lies in the interval (and is an integer, if only integers are meant)
         */
        public boolean contains(double x) {
            return x >= lo && x <= hi && (!integers || x == Math.rint(x));
        }

        /**
         * @param u a fraction in [0, 1)
         * @return the value that fraction of the way through the interval (for integers, of its integers)
         */
        public double at(double u) {
            return integers ? Math.min(hi, Math.floor(lo + u * (hi - lo + 1))) : lo + u * (hi - lo);
        }

        /**
         * @param lo the lowest value kept
         * @param hi the highest value kept
         * @return this interval intersected with [lo, hi], or null if they do not meet
         */
        public Interval clip(double lo, double hi) {
            double l = Math.max(this.lo, lo), h = Math.min(this.hi, hi);
            return l <= h ? new Interval(l, h, integers) : null;
        }

        /** @return the middle half: [lo + w/4, hi - w/4] for the width w */
        public Interval middleHalf() {
            double q = (hi - lo) / 4;
            return new Interval(lo + q, hi - q, integers);
        }

        @Override
        public String toString() {
            return (integers ? "integers in " : "") + "[" + lo + ", " + hi + "]";
        }
    }

    /**
     * A kink: a point where f is continuous and f' jumps, with the derivative the library chooses there.
     *
     * @param x          where
     * @param derivative f'(x) as the library defines it
     */
    public record Kink(double x, double derivative) {
    }

    /** A parametrized elementwise method of {@link Tensor}: {@code (x, p) -> x.leakyRelu(p[0])}. */
    public interface TensorMethod {
        /**
         * @param x          the tensor
         * @param parameters the function's parameters (none for a {@link UnaryFunction})
         * @return the function applied to every element
         */
        Tensor apply(Tensor x, double[] parameters);
    }

    /** A method of {@link Scalar} with a constant second operand: {@code Scalar::add} as {@code add(double)}. */
    public interface ScalarWithDouble {
        /**
         * @param a the scalar
         * @param c the constant
         * @return f(a, c)
         */
        Scalar apply(Scalar a, double c);
    }

    /** A method of {@link Tensor} with a constant second operand: {@code Tensor::add} as {@code add(double)}. */
    public interface TensorWithDouble {
        /**
         * @param a the tensor
         * @param c the constant
         * @return f(a, c) elementwise
         */
        Tensor apply(Tensor a, double c);
    }

    /** A method of {@link Tensor} with a {@link Scalar} second operand: {@code add(Scalar)}. */
    public interface TensorWithScalar {
        /**
         * @param a the tensor
         * @param s the scalar
         * @return f(a, s) elementwise
         */
        Tensor apply(Tensor a, Scalar s);
    }

    /** A condition on a pair of operands. */
    public interface Where {
        /**
         * @param a the first operand
         * @param b the second operand
         * @return whether the pair is meant
         */
        boolean at(double a, double b);
    }

    /**
     * Where a binary function is smooth enough for finite differences: a box of pairs, possibly with a condition.
     *
     * @param a             the first operand's intervals
     * @param b             the second operand's intervals
     * @param where         the pairs of the box that are meant (every pair, if null)
     * @param description   what the condition excludes, for reports (empty if there is none)
     * @param onlyConstantB whether the region is smooth in a only, so for a constant second operand alone (a negative
     *                      base with an integer exponent)
     */
    public record Region(List<Interval> a, List<Interval> b, Where where, String description, boolean onlyConstantB) {
        /** Copies the lists. */
        public Region {
            a = List.copyOf(a);
            b = List.copyOf(b);
        }

        /**
         * @param x the first operand
         * @param y the second operand
         * @return whether (x, y) lies in the box and meets the condition
         */
        public boolean contains(double x, double y) {
            return a.stream().anyMatch(i -> i.contains(x)) && b.stream().anyMatch(i -> i.contains(y))
                    && (where == null || where.at(x, y));
        }

        @Override
        public String toString() {
            return a + " x " + b + (description.isEmpty() ? "" : " " + description)
                    + (onlyConstantB ? ", b constant" : "");
        }
    }

    /**
     * Both partials of a binary function at one pair, as the library defines them.
     *
     * @param a  the first operand
     * @param b  the second operand
     * @param da df/da there
     * @param db df/db there
     */
    public record Partials(double a, double b, double da, double db) {
    }

    /**
     * df/da of a binary function with a constant second operand, at every one of {@link #EDGES}.
     *
     * @param b           the constant
     * @param derivatives df/da at each of {@link #EDGES}, in that order
     */
    public record WithConstant(double b, double[] derivatives) {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arbitraries for the finite domains

    /**
     * @param lo the lowest value
     * @param hi the highest value
     * @return values uniform in [lo, hi]
     */
    public static Arbitrary<Double> within(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(12);
    }

    /**
     * @param lo the lowest decimal exponent
     * @param hi the highest decimal exponent
     * @return magnitudes 10^e for e uniform in [lo, hi], of either sign: every scale, subnormals included
     */
    public static Arbitrary<Double> scales(double lo, double hi) {
        return Combinators.combine(Arbitraries.doubles().between(lo, hi).ofScale(8), Arbitraries.of(1.0, -1.0))
                .as((e, sign) -> sign * Math.pow(10, e));
    }

    /**
     * @param lo the lowest decimal exponent
     * @param hi the highest decimal exponent
     * @return positive magnitudes 10^e for e uniform in [lo, hi]
     */
    public static Arbitrary<Double> positive(double lo, double hi) {
        return scales(lo, hi).map(Math::abs);
    }

    /**
     * @param a the first operand's values
     * @param b the second operand's values
     * @return pairs {a, b}
     */
    public static Arbitrary<double[]> pairs(Arbitrary<Double> a, Arbitrary<Double> b) {
        return Combinators.combine(a, b).as((u, v) -> new double[] {u, v});
    }

    /**
     * @param xs points
     * @return each point with its neighbours one ulp away
     */
    public static double[] around(double... xs) {
        double[] out = new double[3 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[3 * i] = xs[i];
            out[3 * i + 1] = Math.nextUp(xs[i]);
            out[3 * i + 2] = Math.nextDown(xs[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A function of one variable

    /** The facts of a {@link UnaryFunction} or a kind of activation. */
    public static final class Unary {
        private final String name;
        private final UnaryFunction function;
        private final String signature;
        private final UnaryOperator<Scalar> onScalar;
        private final TensorMethod onTensor;
        private final List<double[]> parameters;
        private final Arbitrary<double[]> randomParameters;
        private final List<Interval> intervals;
        private final Function<double[], List<Kink>> kinks;
        private final double[] singular;
        private final double[] switches;
        private final Arbitrary<Double> finite;
        private final double[] secondOrder;
        private final Function<double[], double[]> edgeDerivatives;
        private final String note;

        private Unary(UnaryBuilder b) {
            if (b.intervals.isEmpty() || b.finite == null || b.secondOrder == null) {
                throw new IllegalStateException(b.name + ": no intervals, finite domain or second-order points");
            }
            name = b.name;
            function = b.function;
            signature = b.signature;
            onScalar = b.onScalar;
            onTensor = b.onTensor;
            parameters = b.parameters.stream().map(double[]::clone).collect(Collectors.toUnmodifiableList());
            randomParameters = b.randomParameters;
            intervals = List.copyOf(b.intervals);
            kinks = b.kinks;
            singular = b.singular;
            switches = b.switches;
            finite = b.finite;
            secondOrder = b.secondOrder;
            edgeDerivatives = b.edgeDerivatives;
            note = b.note;
        }

        /** @return the op name, as {@code opName()} gives it */
        public String name() {
            return name;
        }

        /** @return the {@link UnaryFunction}, or null for an activation */
        public UnaryFunction function() {
            return function;
        }

        /** @return the signature of its {@link Tensor} method, e.g. {@code sqrt()} or {@code clamp(double,double)} */
        public String signature() {
            return signature;
        }

        /** @return whether {@link Scalar} has a method for it (activations have none) */
        public boolean hasScalarMethod() {
            return onScalar != null;
        }

        /**
         * @param x a scalar
         * @return f(x) by the {@link Scalar} method
         * @throws UnsupportedOperationException if there is no such method
         */
        public Scalar onScalar(Scalar x) {
            if (onScalar == null) {
                throw new UnsupportedOperationException(name + " has no Scalar method");
            }
            return onScalar.apply(x);
        }

        /**
         * @param x          a tensor
         * @param parameters the parameters (none for a {@link UnaryFunction})
         * @return f applied to every element, by the {@link Tensor} method
         */
        public Tensor onTensor(Tensor x, double[] parameters) {
            return onTensor.apply(x, parameters);
        }

        /** @return fixed parametrizations (one empty one for a {@link UnaryFunction}) */
        public List<double[]> parameters() {
            return parameters.stream().map(double[]::clone).collect(Collectors.toList());
        }

        /** @return random parametrizations (always the empty one for a {@link UnaryFunction}) */
        public Arbitrary<double[]> randomParameters() {
            return randomParameters;
        }

        /**
         * @param parameters a parametrization
         * @return the name with the parameters, e.g. {@code clamp(-1.0, 2.0)}
         */
        public String label(double[] parameters) {
            return parameters.length == 0 ? name : name + Arrays.stream(parameters).mapToObj(Double::toString)
                    .collect(Collectors.joining(", ", "(", ")"));
        }

        /** @return where finite differences resolve f, before the kinks are cut out */
        public List<Interval> intervals() {
            return intervals;
        }

        /**
         * @param parameters a parametrization
         * @return the kinks of f, with f' there
         */
        public List<Kink> kinks(double[] parameters) {
            return kinks.apply(parameters);
        }

        /**
         * @param parameters a parametrization
         * @return where the kinks are
         */
        public double[] kinkPoints(double[] parameters) {
            return kinks(parameters).stream().mapToDouble(Kink::x).toArray();
        }

        /**
         * @param parameters a parametrization
         * @return where finite differences resolve f: the {@linkplain #intervals() intervals} less
         *         {@link #KINK_MARGIN} around every kink
         */
        public List<Interval> smooth(double[] parameters) {
            return cut(intervals, kinkPoints(parameters));
        }

        /** @return the ends of the domain, the poles and the infinite slopes, which the intervals stop short of */
        public double[] singular() {
            return singular.clone();
        }

        /** @return where the floating-point form of f or f' changes (an overflow, a rounding to 1, a lost tail) */
        public double[] switches() {
            return switches.clone();
        }

        /** @return points where f is finite, at the scales where its forms differ */
        public Arbitrary<Double> finite() {
            return finite;
        }

        /** @return points at least a finite-difference step from any kink, where f'' is checked */
        public double[] secondOrder() {
            return secondOrder.clone();
        }

        /**
         * @param parameters a parametrization
         * @return f' at each of {@link #EDGES}, in that order, or null if the entry has no edge row
         */
        public double[] edgeDerivatives(double[] parameters) {
            return edgeDerivatives == null ? null : edgeDerivatives.apply(parameters);
        }

        /** @return why some number above is what it is, or an empty string */
        public String note() {
            return note;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class UnaryBuilder {
        private final String name;
        private final UnaryFunction function;
        private final String signature;
        private final UnaryOperator<Scalar> onScalar;
        private final TensorMethod onTensor;
        private final List<double[]> parameters;
        private Arbitrary<double[]> randomParameters;
        private final List<Interval> intervals = new ArrayList<>();
        private Function<double[], List<Kink>> kinks = p -> List.of();
        private double[] singular = {};
        private double[] switches = {};
        private Arbitrary<Double> finite;
        private double[] secondOrder;
        private Function<double[], double[]> edgeDerivatives;
        private String note = "";

        private UnaryBuilder(String name, UnaryFunction function, String signature, UnaryOperator<Scalar> onScalar,
                             TensorMethod onTensor, List<double[]> parameters) {
            this.name = name;
            this.function = function;
            this.signature = signature;
            this.onScalar = onScalar;
            this.onTensor = onTensor;
            this.parameters = parameters;
            this.randomParameters = Arbitraries.just(new double[0]);
        }

        UnaryBuilder smooth(double lo, double hi) {
            intervals.add(Interval.between(lo, hi));
            return this;
        }

        UnaryBuilder kink(double x, double derivative) {
            List<Kink> k = List.of(new Kink(x, derivative));
            kinks = p -> k;
            return this;
        }

        UnaryBuilder kinks(Function<double[], List<Kink>> kinks) {
            this.kinks = kinks;
            return this;
        }

        UnaryBuilder singular(double... xs) {
            singular = xs;
            return this;
        }

        UnaryBuilder switches(double... xs) {
            switches = xs;
            return this;
        }

        UnaryBuilder finite(Arbitrary<Double> finite) {
            this.finite = finite;
            return this;
        }

        UnaryBuilder secondOrder(double... xs) {
            secondOrder = xs;
            return this;
        }

        /** f' at 0, +infinity, -infinity, NaN, 300, -300. */
        UnaryBuilder edges(double... derivatives) {
            edgeDerivatives = p -> derivatives.clone();
            return this;
        }

        UnaryBuilder edges(Function<double[], double[]> derivatives) {
            edgeDerivatives = derivatives;
            return this;
        }

        UnaryBuilder random(Arbitrary<double[]> parameters) {
            randomParameters = parameters;
            return this;
        }

        UnaryBuilder note(String note) {
            this.note = note;
            return this;
        }
    }

    private static UnaryBuilder unary(UnaryFunction f, UnaryOperator<Scalar> onScalar, UnaryOperator<Tensor> onTensor) {
        return new UnaryBuilder(f.opName(), f, f.opName() + "()", onScalar, (x, p) -> onTensor.apply(x),
                List.of(new double[0]));
    }

    private static UnaryBuilder activation(String name, String signature, TensorMethod onTensor,
                                           double[]... parameters) {
        return new UnaryBuilder(name, null, signature, null, onTensor, List.of(parameters));
    }

    /** The intervals less {@link #KINK_MARGIN} around each kink. */
    static List<Interval> cut(List<Interval> intervals, double[] kinks) {
        List<Interval> pieces = new ArrayList<>(intervals);
        for (double k : kinks) {
            List<Interval> next = new ArrayList<>();
            for (Interval i : pieces) {
                if (k + KINK_MARGIN < i.lo() || k - KINK_MARGIN > i.hi()) {
                    next.add(i);
                    continue;
                }
                if (k - KINK_MARGIN >= i.lo()) {
                    next.add(new Interval(i.lo(), k - KINK_MARGIN, i.integers()));
                }
                if (k + KINK_MARGIN <= i.hi()) {
                    next.add(new Interval(k + KINK_MARGIN, i.hi(), i.integers()));
                }
            }
            pieces = next;
        }
        pieces.sort(Comparator.comparingDouble(Interval::lo));
        return List.copyOf(pieces);
    }

    private static final double E300 = Math.exp(-300); // sigmoid'(+-300) = e^-300 / (1 + e^-300)^2
    private static final double E600 = Math.exp(-600); // tanh'(+-300) = 4 e^-600 / (1 + e^-600)^2

    /** 1 inside [lo, hi] (the bounds included), 0 outside, NaN for NaN: the derivative of clamp. */
    private static double inside(double[] p, double x) {
        return x >= p[0] && x <= p[1] ? 1 : Double.isNaN(x) ? NaN : 0;
    }

    /** Every function of one variable: the {@link UnaryFunction}s in declaration order, then the activations. */
    public static final List<Unary> UNARY = Stream.of(
            //                                                                     f' at: 0, +inf, -inf, NaN, 300, -300
            unary(UnaryFunction.NEG, Scalar::neg, Tensor::neg).smooth(-10, 10)
                    .finite(within(-1e6, 1e6)).secondOrder(0.3, -7, 1e5)
                    .edges(-1, -1, -1, -1, -1, -1),
            unary(UnaryFunction.SQUARE, Scalar::square, Tensor::square).smooth(-10, 10)
                    .finite(within(-1e6, 1e6)).secondOrder(0.3, -7, 1e5)
                    .edges(0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 600, -600),
            unary(UnaryFunction.SQRT, Scalar::sqrt, Tensor::sqrt).smooth(0.01, 100).singular(0.0)
                    .finite(positive(-320, 300)).secondOrder(0.01, 2, 1e10)
                    .edges(POSITIVE_INFINITY, 0, NaN, NaN, 0.5 / Math.sqrt(300), NaN),
            unary(UnaryFunction.CBRT, Scalar::cbrt, Tensor::cbrt).smooth(0.01, 100).smooth(-100, -0.01).singular(0.0)
                    .finite(scales(-320, 300)).secondOrder(-8, 1e-3, 1e9)
                    .edges(POSITIVE_INFINITY, 0, 0, NaN, 1 / (3 * Math.cbrt(300) * Math.cbrt(300)),
                            1 / (3 * Math.cbrt(300) * Math.cbrt(300)))
                    .note("the slope is infinite at 0, where f is still finite: the intervals keep 0.01 away"),
            unary(UnaryFunction.EXP, Scalar::exp, Tensor::exp).smooth(-20, 20).switches(709.78, -745.13)
                    .finite(within(-745, 709)).secondOrder(-700, 0.5, 300)
                    .edges(1, POSITIVE_INFINITY, 0, NaN, Math.exp(300), Math.exp(-300))
                    .note("e^x overflows beyond ~709.78 and is subnormal below ~-708, 0 below ~-745.13"),
            unary(UnaryFunction.EXPM1, Scalar::expm1, Tensor::expm1).smooth(-20, 20).switches(-37, 709.78)
                    .finite(within(-745, 709)).secondOrder(-40, 1e-3, 20)
                    .edges(1, POSITIVE_INFINITY, 0, NaN, Math.exp(300), Math.exp(-300))
                    .note("f + 1 rounds to 0 below ~-37, where f' = e^x keeps its tail"),
            unary(UnaryFunction.LOG, Scalar::log, Tensor::log).smooth(0.01, 100).singular(0.0)
                    .finite(positive(-320, 300)).secondOrder(0.05, 3, 300)
                    .edges(POSITIVE_INFINITY, 0, NaN, NaN, 1.0 / 300, NaN),
            unary(UnaryFunction.LOG1P, Scalar::log1p, Tensor::log1p).smooth(-0.99, 100).singular(-1)
                    .finite(Arbitraries.oneOf(within(-1, 10), positive(-300, 300))).secondOrder(-0.9, 1e-8, 50)
                    .edges(1, 0, NaN, NaN, 1.0 / 301, NaN),
            unary(UnaryFunction.SIN, Scalar::sin, Tensor::sin).smooth(-10, 10)
                    .finite(within(-100, 100)).secondOrder(0.7, -2.5, 100)
                    .edges(1, NaN, NaN, NaN, Math.cos(300), Math.cos(-300)),
            unary(UnaryFunction.COS, Scalar::cos, Tensor::cos).smooth(-10, 10)
                    .finite(within(-100, 100)).secondOrder(0.7, -2.5, 100)
                    .edges(0, NaN, NaN, NaN, -Math.sin(300), -Math.sin(-300)),
            unary(UnaryFunction.TAN, Scalar::tan, Tensor::tan).smooth(-1.4, 1.4).singular(Math.PI / 2, -Math.PI / 2)
                    .finite(within(-1.57, 1.57)).secondOrder(0.3, -1.2, 1.5)
                    .edges(1, NaN, NaN, NaN, 1 + Math.tan(300) * Math.tan(300), 1 + Math.tan(300) * Math.tan(300))
                    .note("the poles +-pi/2 (and their translates by pi; the intervals keep to the one branch)"),
            unary(UnaryFunction.ASIN, Scalar::asin, Tensor::asin).smooth(-0.95, 0.95).singular(1, -1)
                    .finite(within(-1, 1)).secondOrder(0.5, -0.99, 0.999)
                    .edges(1, NaN, NaN, NaN, NaN, NaN),
            unary(UnaryFunction.ACOS, Scalar::acos, Tensor::acos).smooth(-0.95, 0.95).singular(1, -1)
                    .finite(within(-1, 1)).secondOrder(0.5, -0.99, 0.999)
                    .edges(-1, NaN, NaN, NaN, NaN, NaN),
            unary(UnaryFunction.ATAN, Scalar::atan, Tensor::atan).smooth(-10, 10)
                    .finite(scales(-300, 300)).secondOrder(0.5, -30, 1e5)
                    .edges(1, 0, 0, NaN, 1.0 / 90001, 1.0 / 90001),
            unary(UnaryFunction.SINH, Scalar::sinh, Tensor::sinh).smooth(-10, 10).switches(710.47)
                    .finite(within(-710, 710)).secondOrder(-3, 0.2, 300)
                    .edges(1, POSITIVE_INFINITY, POSITIVE_INFINITY, NaN, Math.cosh(300), Math.cosh(300))
                    .note("sinh and cosh overflow beyond |x| ~ 710.47"),
            unary(UnaryFunction.COSH, Scalar::cosh, Tensor::cosh).smooth(-10, 10).switches(710.47)
                    .finite(within(-710, 710)).secondOrder(-3, 0.2, 300)
                    .edges(0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, Math.sinh(300), -Math.sinh(300))
                    .note("sinh and cosh overflow beyond |x| ~ 710.47"),
            unary(UnaryFunction.TANH, Scalar::tanh, Tensor::tanh).smooth(-10, 10).switches(19.06, -19.06, 372.5)
                    .finite(within(-400, 400)).secondOrder(0.3, -2, 10, 19, 20, 25, -25, 100, 300)
                    .edges(1, 0, 0, NaN, 4 * E600, 4 * E600)
                    .note("1 - y^2 rounds to 0 from |x| ~ 19.06; 4 e^-2|x| underflows beyond ~372.5; f'(+-300) is"
                            + " that tail, not a rounded 1 - 1"),
            unary(UnaryFunction.SIGMOID, Scalar::sigmoid, Tensor::sigmoid).smooth(-30, 30)
                    .switches(36.7, -36.7, 708.4, -745.1)
                    .finite(within(-800, 800)).secondOrder(0.3, -5, 30, -30, 100, -300, 700)
                    .edges(0.25, 0, 0, NaN, E300 / ((1 + E300) * (1 + E300)), E300 / ((1 + E300) * (1 + E300)))
                    .note("sigmoid(x) rounds to 1 from x ~ 36.7; e^-|x| is subnormal beyond ~708"),
            unary(UnaryFunction.SOFTPLUS, Scalar::softplus, Tensor::softplus).smooth(-30, 30).switches(36.7, -36.7)
                    .finite(within(-800, 800)).secondOrder(0.3, -30, -40, -300)
                    .edges(0.5, 1, 0, NaN, 1, E300 / (1 + E300))
                    .note("f' = sigmoid, which rounds to 1 from x ~ 36.7"),
            unary(UnaryFunction.RELU, Scalar::relu, Tensor::relu).smooth(-10, 10).kink(0, 0)
                    .finite(within(-1e6, 1e6)).secondOrder(-2, 3)
                    .edges(0, 1, 0, NaN, 1, 0),
            unary(UnaryFunction.GELU, Scalar::gelu, Tensor::gelu).smooth(-8, 8)
                    .switches(-0.7517915247, -38.5, 38.5)
                    .finite(within(-40, 40)).secondOrder(-0.75, 2, 5, -5, -10)
                    .edges(0.5, 1, 0, NaN, 1, 0)
                    .note("gelu' = Phi(x) + x phi(x) cancels at its zero, x ~ -0.7518; phi underflows beyond"
                            + " |x| ~ 38.5"),
            unary(UnaryFunction.NORMAL_CDF, Scalar::normalCdf, Tensor::normalCdf).smooth(-8, 8).switches(-38.5, 38.5)
                    .finite(within(-40, 40)).secondOrder(0.5, -8, -20, 8)
                    .edges(1 / Math.sqrt(2 * Math.PI), 0, 0, NaN, 0, 0)
                    .note("phi(x) = e^(-x^2/2)/sqrt(2 pi) underflows beyond |x| ~ 38.5 (to 0 at +-300)"),
            unary(UnaryFunction.ABS, Scalar::abs, Tensor::abs).smooth(-10, 10).kink(0, 0)
                    .finite(within(-1e6, 1e6)).secondOrder(-2, 3)
                    .edges(0, 1, -1, NaN, 1, -1),
            //                                                             f' at: 0, +inf, -inf, NaN, 300, -300
            activation("leakyRelu", "leakyRelu(double)", (x, p) -> x.leakyRelu(p[0]),
                    new double[] {0.01}, new double[] {0.0}, new double[] {1.5}, new double[] {0.1})
                    .random(within(0, 1).map(s -> new double[] {s}))
                    .smooth(-10, 10).kinks(p -> List.of(new Kink(0, p[0])))
                    .finite(within(-1e6, 1e6)).secondOrder(-2, 3)
                    .edges(p -> new double[] {p[0], 1, p[0], NaN, 1, p[0]})
                    .note("the slope at the kink 0, as PyTorch"),
            activation("elu", "elu(double)", (x, p) -> x.elu(p[0]),
                    new double[] {1.0}, new double[] {0.3}, new double[] {4.0}, new double[] {1.5})
                    .random(within(0.01, 5).map(a -> new double[] {a}))
                    .smooth(-10, 10).kinks(p -> List.of(new Kink(0, p[0]))).switches(-745.1)
                    .finite(within(-800, 100)).secondOrder(-0.5, -5, -30, -300, 2)
                    .edges(p -> new double[] {p[0], 1, 0, NaN, 1, p[0] * Math.exp(-300)})
                    .note("alpha e^0 = alpha at the kink 0, where the two sides meet for alpha = 1; alpha e^x"
                            + " underflows below ~-745"),
            activation("clamp", "clamp(double,double)", (x, p) -> x.clamp(p[0], p[1]),
                    new double[] {-1, 2}, new double[] {0, 0}, new double[] {-3, -1})
                    .random(Combinators.combine(within(-5, 5), within(0, 5))
                            .as((lo, width) -> new double[] {lo, lo + width}))
                    .smooth(-10, 10).kinks(p -> List.of(new Kink(p[0], 1), new Kink(p[1], 1)))
                    .finite(within(-10, 10)).secondOrder(-0.5, 1.5, -5, 5)
                    .edges(p -> new double[] {inside(p, 0), 0, 0, NaN, inside(p, 300), inside(p, -300)})
                    .note("f' = 1 on [lo, hi], the bounds included (as PyTorch), 0 outside"))
            .map(Unary::new).collect(Collectors.toUnmodifiableList());

    /**
     * @param f a function
     * @return its entry
     * @throws IllegalArgumentException if it has none
     */
    public static Unary of(UnaryFunction f) {
        return UNARY.stream().filter(s -> s.function() == f).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FunctionSpecs.UNARY has no entry for " + f));
    }

    /**
     * @param name an op name, e.g. {@code "clamp"}
     * @return the entry of that name
     * @throws IllegalArgumentException if there is none
     */
    public static Unary named(String name) {
        return UNARY.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FunctionSpecs.UNARY has no entry " + name));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A function of two variables

    /** The facts of a {@link BinaryFunction}. */
    public static final class Binary {
        private final BinaryFunction function;
        private final BinaryOperator<Scalar> onScalars;
        private final ScalarWithDouble onScalarAndDouble;
        private final BinaryOperator<Tensor> onTensors;
        private final TensorWithDouble onTensorAndDouble;
        private final TensorWithScalar onTensorAndScalar;
        private final List<Region> regions;
        private final DoubleBinaryOperator kinkDistance;
        private final Arbitrary<double[]> finite;
        private final double[] gridValues;
        private final double[][] secondOrder;
        private final List<Partials> partials;
        private final List<WithConstant> withConstant;
        private final String note;

        private Binary(BinaryBuilder b) {
            if (b.regions.isEmpty() || b.regions.get(0).where() != null || b.regions.get(0).onlyConstantB()
                    || b.finite == null || b.secondOrder == null) {
                throw new IllegalStateException(b.function + ": no regions (the first one a whole box, for variable"
                        + " operands), finite domain or second-order points");
            }
            function = b.function;
            onScalars = b.onScalars;
            onScalarAndDouble = b.onScalarAndDouble;
            onTensors = b.onTensors;
            onTensorAndDouble = b.onTensorAndDouble;
            onTensorAndScalar = b.onTensorAndScalar;
            regions = List.copyOf(b.regions);
            kinkDistance = b.kinkDistance;
            finite = b.finite;
            gridValues = b.gridValues;
            secondOrder = b.secondOrder;
            partials = List.copyOf(b.partials);
            withConstant = List.copyOf(b.withConstant);
            note = b.note;
        }

        /** @return the function */
        public BinaryFunction function() {
            return function;
        }

        /** @return the op name */
        public String name() {
            return function.opName();
        }

        /**
         * @param a the first scalar
         * @param b the second scalar
         * @return f(a, b) by the {@link Scalar} method ({@code min} and {@code max} for minimum and maximum)
         */
        public Scalar onScalars(Scalar a, Scalar b) {
            return onScalars.apply(a, b);
        }

        /**
         * @param a the scalar
         * @param c the constant
         * @return f(a, c) by the {@link Scalar} method with a double operand
         */
        public Scalar onScalarAndDouble(Scalar a, double c) {
            return onScalarAndDouble.apply(a, c);
        }

        /**
         * @param a the first tensor
         * @param b the second tensor
         * @return f elementwise, broadcast, by the named {@link Tensor} method
         */
        public Tensor onTensors(Tensor a, Tensor b) {
            return onTensors.apply(a, b);
        }

        /** @return whether {@link Tensor} has the method with a double operand */
        public boolean hasTensorAndDouble() {
            return onTensorAndDouble != null;
        }

        /**
         * @param a the tensor
         * @param c the constant
         * @return f(a, c) elementwise, by the {@link Tensor} method with a double operand
         */
        public Tensor onTensorAndDouble(Tensor a, double c) {
            return onTensorAndDouble.apply(a, c);
        }

        /** @return whether {@link Tensor} has the method with a {@link Scalar} operand */
        public boolean hasTensorAndScalar() {
            return onTensorAndScalar != null;
        }

        /**
         * @param a the tensor
         * @param s the scalar
         * @return f(a, s) elementwise, by the {@link Tensor} method with a {@link Scalar} operand
         */
        public Tensor onTensorAndScalar(Tensor a, Scalar s) {
            return onTensorAndScalar.apply(a, s);
        }

        /**
         * @return where finite differences resolve f; the first region is a whole box where both operands may vary,
         *         so that it can be sampled without rejection
         */
        public List<Region> regions() {
            return regions;
        }

        /**
         * @param a the first operand
         * @param b the second operand
         * @return the distance from the line where f switches between its pieces (a = b for maximum and minimum),
         *         infinity for a function without one
         */
        public double kinkDistance(double a, double b) {
            return kinkDistance == null ? POSITIVE_INFINITY : kinkDistance.applyAsDouble(a, b);
        }

        /** @return whether f switches between pieces along a line, and so has kinks */
        public boolean hasKinks() {
            return kinkDistance != null;
        }

        /**
         * @param region one of {@link #regions()}
         * @param a      the first operand
         * @param b      the second operand
         * @return whether finite differences resolve f at (a, b): in the region and {@link #KINK_MARGIN} from a kink
         */
        public boolean smoothAt(Region region, double a, double b) {
            return region.contains(a, b) && kinkDistance(a, b) >= KINK_MARGIN;
        }

        /** @return pairs where f is finite, at the scales where its forms differ */
        public Arbitrary<double[]> finite() {
            return finite;
        }

        /** @return values of this function's own, paired with {@link #GRID} and each other where rules are compared */
        public double[] gridValues() {
            return gridValues.clone();
        }

        /** @return pairs (a, b) where the Hessian of f is checked */
        public double[][] secondOrder() {
            return Arrays.stream(secondOrder).map(double[]::clone).toArray(double[][]::new);
        }

        /** @return both partials at chosen pairs: ties, kinks, zeros, infinities, NaN, the limits taken */
        public List<Partials> partials() {
            return partials;
        }

        /** @return df/da at every one of {@link #EDGES} with the second operand a chosen constant */
        public List<WithConstant> withConstant() {
            return withConstant;
        }

        /** @return why some number above is what it is, or an empty string */
        public String note() {
            return note;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class BinaryBuilder {
        private final BinaryFunction function;
        private final BinaryOperator<Scalar> onScalars;
        private final ScalarWithDouble onScalarAndDouble;
        private final BinaryOperator<Tensor> onTensors;
        private TensorWithDouble onTensorAndDouble;
        private TensorWithScalar onTensorAndScalar;
        private final List<Region> regions = new ArrayList<>();
        private DoubleBinaryOperator kinkDistance;
        private Arbitrary<double[]> finite;
        private double[] gridValues = {};
        private double[][] secondOrder;
        private final List<Partials> partials = new ArrayList<>();
        private final List<WithConstant> withConstant = new ArrayList<>();
        private String note = "";

        private BinaryBuilder(BinaryFunction function, BinaryOperator<Scalar> onScalars,
                              ScalarWithDouble onScalarAndDouble, BinaryOperator<Tensor> onTensors) {
            this.function = function;
            this.onScalars = onScalars;
            this.onScalarAndDouble = onScalarAndDouble;
            this.onTensors = onTensors;
        }

        BinaryBuilder withDouble(TensorWithDouble method) {
            onTensorAndDouble = method;
            return this;
        }

        BinaryBuilder withScalar(TensorWithScalar method) {
            onTensorAndScalar = method;
            return this;
        }

        /** A box: the first operand in [aLo, aHi], the second in the given intervals. */
        BinaryBuilder region(double aLo, double aHi, Interval... b) {
            regions.add(new Region(List.of(Interval.between(aLo, aHi)), List.of(b), null, "", false));
            return this;
        }

        BinaryBuilder region(Region region) {
            regions.add(region);
            return this;
        }

        BinaryBuilder kinkDistance(DoubleBinaryOperator distance) {
            kinkDistance = distance;
            return this;
        }

        BinaryBuilder finite(Arbitrary<double[]> finite) {
            this.finite = finite;
            return this;
        }

        BinaryBuilder grid(double... values) {
            gridValues = values;
            return this;
        }

        BinaryBuilder secondOrder(double[]... points) {
            secondOrder = points;
            return this;
        }

        /** df/da and df/db at (a, b). */
        BinaryBuilder partials(double a, double b, double da, double db) {
            partials.add(new Partials(a, b, da, db));
            return this;
        }

        /** df/da at 0, +infinity, -infinity, NaN, 300, -300 with the second operand b. */
        BinaryBuilder withConstant(double b, double... derivatives) {
            withConstant.add(new WithConstant(b, derivatives));
            return this;
        }

        BinaryBuilder note(String note) {
            this.note = note;
            return this;
        }
    }

    private static BinaryBuilder binary(BinaryFunction f, BinaryOperator<Scalar> onScalars,
                                        ScalarWithDouble onScalarAndDouble, BinaryOperator<Tensor> onTensors) {
        return new BinaryBuilder(f, onScalars, onScalarAndDouble, onTensors);
    }

    private static Interval between(double lo, double hi) {
        return Interval.between(lo, hi);
    }

    private static Arbitrary<double[]> anyPairs() {
        return pairs(within(-1e6, 1e6), within(-1e6, 1e6));
    }

    /** 0.1 from the origin, where atan2 and hypot are singular. */
    private static boolean awayFromOrigin(double a, double b) {
        return Math.hypot(a, b) >= 0.1;
    }

    /** Every function of two variables, in declaration order. */
    public static final List<Binary> BINARY = Stream.of(
            binary(BinaryFunction.ADD, Scalar::add, Scalar::add, Tensor::add).withDouble(Tensor::add)
                    .withScalar(Tensor::add)
                    .region(-10, 10, between(-10, 10))
                    .finite(anyPairs()).secondOrder(new double[] {1.5, -2})
                    .partials(1.5, -2, 1, 1).partials(POSITIVE_INFINITY, NEGATIVE_INFINITY, 1, 1)
                    .partials(NaN, 1, 1, 1),
            binary(BinaryFunction.SUB, Scalar::sub, Scalar::sub, Tensor::sub).withDouble(Tensor::sub)
                    .withScalar(Tensor::sub)
                    .region(-10, 10, between(-10, 10))
                    .finite(anyPairs()).secondOrder(new double[] {1.5, -2})
                    .partials(1.5, -2, 1, -1).partials(POSITIVE_INFINITY, POSITIVE_INFINITY, 1, -1)
                    .partials(NaN, 1, 1, -1),
            binary(BinaryFunction.MUL, Scalar::mul, Scalar::mul, Tensor::mul).withDouble(Tensor::mul)
                    .withScalar(Tensor::mul)
                    .region(-10, 10, between(-10, 10))
                    .finite(anyPairs()).secondOrder(new double[] {1.5, -2}, new double[] {1e100, -3e-90})
                    .partials(1.5, -2, -2, 1.5).partials(0, POSITIVE_INFINITY, POSITIVE_INFINITY, 0)
                    .partials(NaN, 2, 2, NaN),
            binary(BinaryFunction.DIV, Scalar::div, Scalar::div, Tensor::div).withDouble(Tensor::div)
                    .withScalar(Tensor::div)
                    .region(-10, 10, between(0.1, 10), between(-10, -0.1))
                    .finite(pairs(within(-1e6, 1e6), scales(-150, 150)))
                    .secondOrder(new double[] {1, 3}, new double[] {-2, 0.5}, new double[] {3e5, -7})
                    .partials(1, 0, POSITIVE_INFINITY, NEGATIVE_INFINITY)
                    .note("the pole b = 0: the intervals keep 0.1 away"),
            binary(BinaryFunction.POW, Scalar::pow, Scalar::pow, Tensor::pow).withDouble(Tensor::pow)
                    .withScalar(Tensor::pow)
                    .region(0.1, 10, between(-3, 3))
                    .region(new Region(List.of(between(-10, -0.1)), List.of(Interval.integersBetween(-3, 3)), null, "",
                            true))
                    .finite(Arbitraries.oneOf(pairs(positive(-300, 300), within(-50, 50)),
                            pairs(within(-10, 10), Arbitraries.integers().between(-20, 20).map(Integer::doubleValue))))
                    .grid(around(0.0, 1, -1))
                    .secondOrder(new double[] {2, 3}, new double[] {0.5, -1.5}, new double[] {3, 0.5},
                            new double[] {1.5, 40}, new double[] {10, -20})
                    .partials(0, 2, 0, 0).partials(0, 1, 1, 0).partials(-2, 2, -4, NaN).partials(2, 0, 0, Math.log(2))
                    .partials(0, 0, 0, NaN)                                   // 0^b jumps at b = 0
                    .partials(0, -1, NEGATIVE_INFINITY, NaN)
                    .partials(POSITIVE_INFINITY, -1, -0.0, 0)                 // f = 0 nearby
                    .partials(0.5, 2000, 0, 0)                                // underflowed: f = 0 nearby
                    .withConstant(2, 0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 600, -600)
                    // Math.pow(-inf, 0.5) is +inf by its specification (unlike sqrt), so d/da there is
                    // 0.5 (-inf)^-0.5 = 0
                    .withConstant(0.5, POSITIVE_INFINITY, 0, 0, NaN, 0.5 / Math.sqrt(300), NaN)
                    .withConstant(0, 0, 0, 0, 0, 0, 0)
                    .note("a negative base is smooth in a for an integer exponent only, and never in b; a zero base"
                            + " jumps in b at b <= 0"),
            binary(BinaryFunction.ATAN2, Scalar::atan2, Scalar::atan2, Tensor::atan2)
                    .region(-10, 10, between(0.1, 10))
                    .region(new Region(List.of(between(-10, 10)), List.of(between(-10, 10)),
                            (a, b) -> awayFromOrigin(a, b) && !(b < 0 && Math.abs(a) < 1e-3),
                            "0.1 from the origin and 1e-3 from the cut a = 0, b < 0", false))
                    .finite(pairs(within(-100, 100), within(-100, 100)))
                    // a radius below MIN_NORMAL where the partials are still finite (see the allow-list)
                    .grid(1.279531898473167e-309, -1.98611887831967e-310, -6.65976850567055e-310)
                    .secondOrder(new double[] {1, 2}, new double[] {-3, 0.5}, new double[] {1e150, 2e150},
                            new double[] {1e-3, -2})
                    .partials(0, 0, NaN, NaN).partials(1, POSITIVE_INFINITY, 0, 0)
                    .partials(1e300, 1e300, 0.5e-300, -0.5e-300)
                    .partials(POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, NaN)
                    .partials(-3e300, 4e300, 0.16e-300, 0.12e-300)
                    .note("atan2(a, b) is the angle of (b, a): singular at the origin, and it jumps by 2 pi across"
                            + " a = 0 for b < 0"),
            binary(BinaryFunction.HYPOT, Scalar::hypot, Scalar::hypot, Tensor::hypot)
                    .region(-10, 10, between(0.1, 10))
                    .region(new Region(List.of(between(-10, 10)), List.of(between(-10, 10)),
                            FunctionSpecs::awayFromOrigin, "0.1 from the origin", false))
                    .finite(pairs(within(-100, 100), within(-100, 100)))
                    .secondOrder(new double[] {3, 4}, new double[] {-0.5, 2}, new double[] {1e200, -3e200})
                    .partials(0, 0, 0, 0).partials(POSITIVE_INFINITY, 1, 1, 0).partials(-3, 4, -0.6, 0.8)
                    .partials(3e300, -4e300, 0.6, -0.8).partials(POSITIVE_INFINITY, POSITIVE_INFINITY, NaN, NaN)
                    .note("a cone at the origin, where the partials are taken as 0"),
            binary(BinaryFunction.MAXIMUM, Scalar::max, Scalar::max, Tensor::maximum).withDouble(Tensor::maximum)
                    .region(-10, 10, between(-10, 10)).kinkDistance((a, b) -> Math.abs(a - b))
                    .finite(anyPairs()).secondOrder(new double[] {1, 2}, new double[] {-1, -3})
                    .partials(2, 2, 0.5, 0.5).partials(3, 2, 1, 0).partials(NaN, 2, NaN, NaN)
                    .note("a tie splits the derivative 1/2 each"),
            binary(BinaryFunction.MINIMUM, Scalar::min, Scalar::min, Tensor::minimum).withDouble(Tensor::minimum)
                    .region(-10, 10, between(-10, 10)).kinkDistance((a, b) -> Math.abs(a - b))
                    .finite(anyPairs()).secondOrder(new double[] {1, 2}, new double[] {-1, -3})
                    .partials(-1, -1, 0.5, 0.5).partials(3, 2, 0, 1).partials(1, NaN, NaN, NaN)
                    .note("a tie splits the derivative 1/2 each"))
            .map(Binary::new).collect(Collectors.toUnmodifiableList());

    /**
     * @param f a function
     * @return its entry
     * @throws IllegalArgumentException if it has none
     */
    public static Binary of(BinaryFunction f) {
        return BINARY.stream().filter(s -> s.function() == f).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FunctionSpecs.BINARY has no entry for " + f));
    }

    /**
     * The points where the two derivative rules of a function of one variable are compared beyond {@link #GRID}:
     * every kink of every fixed parametrization, every singular and switch point, each with its neighbours one ulp
     * away.
     *
     * @param spec the entry
     * @return the points, without repeats
     */
    public static double[] edgePoints(Unary spec) {
        Set<Double> points = new LinkedHashSet<>();
        for (double[] p : spec.parameters()) {
            for (double k : spec.kinkPoints(p)) {
                points.add(k);
            }
        }
        Arrays.stream(spec.singular()).forEach(points::add);
        Arrays.stream(spec.switches()).forEach(points::add);
        return around(points.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
