package dev.autodiff.core;

import dev.autodiff.core.testing.FunctionSpecs;
import dev.autodiff.core.testing.FunctionSpecs.Interval;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per public {@link Scalar} operation: its signature, where it is smooth enough to check with finite
 * differences, the operation itself and a reference value computed with plain doubles. {@link ScalarOpProperties}
 * checks every row; {@link ScalarOpCoverageTest} fails if an operation has no row.
 *
 * <p>The domain of every elementwise row is read from {@link FunctionSpecs}: a function's smooth intervals less its
 * kinks, and for a binary function its regions less its kinks, where both operands vary (the {@code Scalar} operand)
 * or where the second is a constant (the {@code double} operand, which adds the regions smooth in the first operand
 * only). What stays here is what is particular to this table: the signature, the call and the plain-double
 * reference, and the domains of the n-ary operations.
 */
final class ScalarOpSpecs {
    private ScalarOpSpecs() {
    }

    /** A point: {@code x} are differentiated inputs, {@code c} constant parameters. */
    record Case(double[] x, double[] c) {
        @Override
        public String toString() {
            return "x=" + java.util.Arrays.toString(x) + (c.length == 0 ? "" : " c=" + java.util.Arrays.toString(c));
        }
    }

    interface Op {
        Scalar apply(Scalar[] x, double[] c);
    }

    interface Reference {
        double apply(double[] x, double[] c);
    }

    /**
     * @param signature method name and parameter types, as {@link ScalarOpCoverageTest} derives it by reflection
     * @param domain    points where the op is smooth within a finite-difference step
     * @param op        the operation under test
     * @param reference its value with plain doubles
     */
    record Spec(String signature, Arbitrary<Case> domain, Op op, Reference reference) {
        @Override
        public String toString() {
            return signature;
        }
    }

    static Arbitrary<Double> within(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(10);
    }

    /** Values in any of the intervals, each interval as likely as another. */
    static Arbitrary<Double> within(List<Interval> intervals) {
        List<Arbitrary<Double>> each = intervals.stream().map(i -> i.integers()
                ? Arbitraries.integers().between((int) i.lo(), (int) i.hi()).map(Integer::doubleValue)
                : within(i.lo(), i.hi())).collect(Collectors.toList());
        return each.size() == 1 ? each.get(0) : Arbitraries.oneOf(each);
    }

    static Arbitrary<Case> unary(Arbitrary<Double> x) {
        return x.map(v -> new Case(new double[] {v}, new double[0]));
    }

    static Arbitrary<Case> binary(Arbitrary<Double> a, Arbitrary<Double> b) {
        return Combinators.combine(a, b).as((u, v) -> new Case(new double[] {u, v}, new double[0]));
    }

    /** One input and one constant parameter. */
    static Arbitrary<Case> withConstant(Arbitrary<Double> a, Arbitrary<Double> c) {
        return Combinators.combine(a, c).as((u, v) -> new Case(new double[] {u}, new double[] {v}));
    }

    /** Where f is smooth: its intervals less its kinks. */
    static Arbitrary<Case> domain(UnaryFunction f) {
        return unary(within(FunctionSpecs.of(f).smooth(new double[0])));
    }

    /** Where f is smooth with both operands variables: its regions for variable operands, less its kinks. */
    static Arbitrary<Case> domain(BinaryFunction f) {
        FunctionSpecs.Binary spec = FunctionSpecs.of(f);
        return Arbitraries.oneOf(spec.regions().stream().filter(r -> !r.onlyConstantB())
                .map(r -> binary(within(r.a()), within(r.b())).filter(p -> spec.smoothAt(r, p.x()[0], p.x()[1])))
                .collect(Collectors.toList()));
    }

    /** Where f is smooth in its first operand with the second a constant: every region, less the kinks. */
    static Arbitrary<Case> domainWithConstant(BinaryFunction f) {
        FunctionSpecs.Binary spec = FunctionSpecs.of(f);
        return Arbitraries.oneOf(spec.regions().stream()
                .map(r -> withConstant(within(r.a()), within(r.b())).filter(p -> spec.smoothAt(r, p.x()[0], p.c()[0])))
                .collect(Collectors.toList()));
    }

    private static Arbitrary<Case> vectors(int minLength, int maxLength, boolean splitIntoConstants) {
        return Arbitraries.integers().between(minLength, maxLength).flatMap(n ->
                within(-10, 10).array(double[].class).ofSize(n).flatMap(x ->
                        within(-10, 10).array(double[].class).ofSize(splitIntoConstants ? n : 0)
                                .map(c -> new Case(x, c))));
    }

    private static Scalar[] half(Scalar[] x, int which) {
        int n = x.length / 2;
        return java.util.Arrays.copyOfRange(x, which * n, (which + 1) * n);
    }

    static final List<Spec> ALL = List.of(
            // arithmetic
            new Spec("add(Scalar)", domain(BinaryFunction.ADD),
                    (x, c) -> x[0].add(x[1]), (x, c) -> x[0] + x[1]),
            new Spec("add(double)", domainWithConstant(BinaryFunction.ADD),
                    (x, c) -> x[0].add(c[0]), (x, c) -> x[0] + c[0]),
            new Spec("sub(Scalar)", domain(BinaryFunction.SUB),
                    (x, c) -> x[0].sub(x[1]), (x, c) -> x[0] - x[1]),
            new Spec("sub(double)", domainWithConstant(BinaryFunction.SUB),
                    (x, c) -> x[0].sub(c[0]), (x, c) -> x[0] - c[0]),
            new Spec("mul(Scalar)", domain(BinaryFunction.MUL),
                    (x, c) -> x[0].mul(x[1]), (x, c) -> x[0] * x[1]),
            new Spec("mul(double)", domainWithConstant(BinaryFunction.MUL),
                    (x, c) -> x[0].mul(c[0]), (x, c) -> x[0] * c[0]),
            new Spec("div(Scalar)", domain(BinaryFunction.DIV),
                    (x, c) -> x[0].div(x[1]), (x, c) -> x[0] / x[1]),
            new Spec("div(double)", domainWithConstant(BinaryFunction.DIV),
                    (x, c) -> x[0].div(c[0]), (x, c) -> x[0] / c[0]),
            new Spec("neg()", domain(UnaryFunction.NEG), (x, c) -> x[0].neg(), (x, c) -> -x[0]),
            new Spec("square()", domain(UnaryFunction.SQUARE), (x, c) -> x[0].square(), (x, c) -> x[0] * x[0]),
            new Spec("sqrt()", domain(UnaryFunction.SQRT), (x, c) -> x[0].sqrt(), (x, c) -> Math.sqrt(x[0])),
            new Spec("cbrt()", domain(UnaryFunction.CBRT), (x, c) -> x[0].cbrt(), (x, c) -> Math.cbrt(x[0])),
            new Spec("pow(double)", domainWithConstant(BinaryFunction.POW),
                    (x, c) -> x[0].pow(c[0]), (x, c) -> Math.pow(x[0], c[0])),
            new Spec("pow(Scalar)", domain(BinaryFunction.POW),
                    (x, c) -> x[0].pow(x[1]), (x, c) -> Math.pow(x[0], x[1])),
            // exponentials and logarithms
            new Spec("exp()", domain(UnaryFunction.EXP), (x, c) -> x[0].exp(), (x, c) -> Math.exp(x[0])),
            new Spec("expm1()", domain(UnaryFunction.EXPM1), (x, c) -> x[0].expm1(), (x, c) -> Math.expm1(x[0])),
            new Spec("log()", domain(UnaryFunction.LOG), (x, c) -> x[0].log(), (x, c) -> Math.log(x[0])),
            new Spec("log1p()", domain(UnaryFunction.LOG1P), (x, c) -> x[0].log1p(), (x, c) -> Math.log1p(x[0])),
            // trigonometric
            new Spec("sin()", domain(UnaryFunction.SIN), (x, c) -> x[0].sin(), (x, c) -> Math.sin(x[0])),
            new Spec("cos()", domain(UnaryFunction.COS), (x, c) -> x[0].cos(), (x, c) -> Math.cos(x[0])),
            new Spec("tan()", domain(UnaryFunction.TAN), (x, c) -> x[0].tan(), (x, c) -> Math.tan(x[0])),
            new Spec("asin()", domain(UnaryFunction.ASIN), (x, c) -> x[0].asin(), (x, c) -> Math.asin(x[0])),
            new Spec("acos()", domain(UnaryFunction.ACOS), (x, c) -> x[0].acos(), (x, c) -> Math.acos(x[0])),
            new Spec("atan()", domain(UnaryFunction.ATAN), (x, c) -> x[0].atan(), (x, c) -> Math.atan(x[0])),
            new Spec("atan2(Scalar)", domain(BinaryFunction.ATAN2),
                    (x, c) -> x[0].atan2(x[1]), (x, c) -> Math.atan2(x[0], x[1])),
            new Spec("atan2(double)", domainWithConstant(BinaryFunction.ATAN2),
                    (x, c) -> x[0].atan2(c[0]), (x, c) -> Math.atan2(x[0], c[0])),
            new Spec("hypot(Scalar)", domain(BinaryFunction.HYPOT),
                    (x, c) -> x[0].hypot(x[1]), (x, c) -> Math.hypot(x[0], x[1])),
            new Spec("hypot(double)", domainWithConstant(BinaryFunction.HYPOT),
                    (x, c) -> x[0].hypot(c[0]), (x, c) -> Math.hypot(x[0], c[0])),
            // hyperbolic and activations
            new Spec("sinh()", domain(UnaryFunction.SINH), (x, c) -> x[0].sinh(), (x, c) -> Math.sinh(x[0])),
            new Spec("cosh()", domain(UnaryFunction.COSH), (x, c) -> x[0].cosh(), (x, c) -> Math.cosh(x[0])),
            new Spec("tanh()", domain(UnaryFunction.TANH), (x, c) -> x[0].tanh(), (x, c) -> Math.tanh(x[0])),
            new Spec("sigmoid()", domain(UnaryFunction.SIGMOID), (x, c) -> x[0].sigmoid(),
                    (x, c) -> 1.0 / (1.0 + Math.exp(-x[0]))),
            new Spec("softplus()", domain(UnaryFunction.SOFTPLUS), (x, c) -> x[0].softplus(),
                    (x, c) -> Math.log1p(Math.exp(x[0]))),
            // the reference is the same formula: GELU's accuracy is pinned by SpecialFunctionsTest's known values
            new Spec("gelu()", domain(UnaryFunction.GELU), (x, c) -> x[0].gelu(),
                    (x, c) -> x[0] * 0.5 * SpecialFunctions.erfc(-x[0] / Math.sqrt(2))),
            new Spec("normalCdf()", domain(UnaryFunction.NORMAL_CDF), (x, c) -> x[0].normalCdf(),
                    (x, c) -> 0.5 * SpecialFunctions.erfc(-x[0] / Math.sqrt(2))),
            new Spec("relu()", domain(UnaryFunction.RELU), (x, c) -> x[0].relu(), (x, c) -> Math.max(x[0], 0)),
            new Spec("abs()", domain(UnaryFunction.ABS), (x, c) -> x[0].abs(), (x, c) -> Math.abs(x[0])),
            new Spec("min(Scalar)", domain(BinaryFunction.MINIMUM), (x, c) -> x[0].min(x[1]),
                    (x, c) -> Math.min(x[0], x[1])),
            new Spec("min(double)", domainWithConstant(BinaryFunction.MINIMUM), (x, c) -> x[0].min(c[0]),
                    (x, c) -> Math.min(x[0], c[0])),
            new Spec("max(Scalar)", domain(BinaryFunction.MAXIMUM), (x, c) -> x[0].max(x[1]),
                    (x, c) -> Math.max(x[0], x[1])),
            new Spec("max(double)", domainWithConstant(BinaryFunction.MAXIMUM), (x, c) -> x[0].max(c[0]),
                    (x, c) -> Math.max(x[0], c[0])),
            // n-ary
            new Spec("static sum(Scalar[])", vectors(0, 12, false), (x, c) -> Scalar.sum(x), (x, c) -> {
                double s = 0;
                for (double v : x) {
                    s += v;
                }
                return s;
            }),
            new Spec("static dot(Scalar[],Scalar[])", vectors(0, 6, false).map(p -> {
                double[] x = java.util.Arrays.copyOf(p.x(), 2 * p.x().length);
                for (int i = 0; i < p.x().length; i++) {
                    x[p.x().length + i] = Math.cos(3 * p.x()[i]) * 5; // a second, different vector
                }
                return new Case(x, p.c());
            }), (x, c) -> Scalar.dot(half(x, 0), half(x, 1)), (x, c) -> {
                double s = 0;
                int n = x.length / 2;
                for (int i = 0; i < n; i++) {
                    s += x[i] * x[n + i];
                }
                return s;
            }),
            new Spec("static dot(Scalar[],double[])", vectors(0, 12, true), (x, c) -> Scalar.dot(x, c), (x, c) -> {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    s += x[i] * c[i];
                }
                return s;
            }));
}
