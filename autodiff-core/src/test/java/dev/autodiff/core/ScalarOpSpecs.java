package dev.autodiff.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * One row per public {@link Scalar} operation: its signature, where it is smooth enough to check with finite
 * differences, the operation itself and a reference value computed with plain doubles. {@link ScalarOpProperties}
 * checks every row; {@link ScalarOpCoverageTest} fails if an operation has no row.
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

    /** Values in [-hi, -lo] or [lo, hi]: away from a kink or a pole at 0. */
    static Arbitrary<Double> awayFromZero(double lo, double hi) {
        return Arbitraries.oneOf(within(lo, hi), within(-hi, -lo));
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

    private static Arbitrary<Case> pairsApart(double min) {
        return binary(within(-10, 10), within(-10, 10)).filter(p -> Math.abs(p.x()[0] - p.x()[1]) >= min);
    }

    private static Arbitrary<Case> constantPairsApart(double min) {
        return withConstant(within(-10, 10), within(-10, 10)).filter(p -> Math.abs(p.x()[0] - p.c()[0]) >= min);
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
            new Spec("add(Scalar)", binary(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].add(x[1]), (x, c) -> x[0] + x[1]),
            new Spec("add(double)", withConstant(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].add(c[0]), (x, c) -> x[0] + c[0]),
            new Spec("sub(Scalar)", binary(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].sub(x[1]), (x, c) -> x[0] - x[1]),
            new Spec("sub(double)", withConstant(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].sub(c[0]), (x, c) -> x[0] - c[0]),
            new Spec("mul(Scalar)", binary(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].mul(x[1]), (x, c) -> x[0] * x[1]),
            new Spec("mul(double)", withConstant(within(-10, 10), within(-10, 10)),
                    (x, c) -> x[0].mul(c[0]), (x, c) -> x[0] * c[0]),
            new Spec("div(Scalar)", binary(within(-10, 10), awayFromZero(0.1, 10)),
                    (x, c) -> x[0].div(x[1]), (x, c) -> x[0] / x[1]),
            new Spec("div(double)", withConstant(within(-10, 10), awayFromZero(0.1, 10)),
                    (x, c) -> x[0].div(c[0]), (x, c) -> x[0] / c[0]),
            new Spec("neg()", unary(within(-10, 10)), (x, c) -> x[0].neg(), (x, c) -> -x[0]),
            new Spec("square()", unary(within(-10, 10)), (x, c) -> x[0].square(), (x, c) -> x[0] * x[0]),
            new Spec("sqrt()", unary(within(0.01, 100)), (x, c) -> x[0].sqrt(), (x, c) -> Math.sqrt(x[0])),
            new Spec("cbrt()", unary(awayFromZero(0.01, 100)), (x, c) -> x[0].cbrt(), (x, c) -> Math.cbrt(x[0])),
            new Spec("pow(double)", Arbitraries.oneOf(
                    withConstant(within(0.1, 10), within(-3, 3)),
                    withConstant(within(-10, -0.1), Arbitraries.integers().between(-3, 3).map(Integer::doubleValue))),
                    (x, c) -> x[0].pow(c[0]), (x, c) -> Math.pow(x[0], c[0])),
            new Spec("pow(Scalar)", binary(within(0.1, 5), within(-3, 3)),
                    (x, c) -> x[0].pow(x[1]), (x, c) -> Math.pow(x[0], x[1])),
            // exponentials and logarithms
            new Spec("exp()", unary(within(-20, 20)), (x, c) -> x[0].exp(), (x, c) -> Math.exp(x[0])),
            new Spec("expm1()", unary(within(-20, 20)), (x, c) -> x[0].expm1(), (x, c) -> Math.expm1(x[0])),
            new Spec("log()", unary(within(0.01, 100)), (x, c) -> x[0].log(), (x, c) -> Math.log(x[0])),
            new Spec("log1p()", unary(within(-0.99, 100)), (x, c) -> x[0].log1p(), (x, c) -> Math.log1p(x[0])),
            // trigonometric
            new Spec("sin()", unary(within(-10, 10)), (x, c) -> x[0].sin(), (x, c) -> Math.sin(x[0])),
            new Spec("cos()", unary(within(-10, 10)), (x, c) -> x[0].cos(), (x, c) -> Math.cos(x[0])),
            new Spec("tan()", unary(within(-1.4, 1.4)), (x, c) -> x[0].tan(), (x, c) -> Math.tan(x[0])),
            new Spec("asin()", unary(within(-0.95, 0.95)), (x, c) -> x[0].asin(), (x, c) -> Math.asin(x[0])),
            new Spec("acos()", unary(within(-0.95, 0.95)), (x, c) -> x[0].acos(), (x, c) -> Math.acos(x[0])),
            new Spec("atan()", unary(within(-10, 10)), (x, c) -> x[0].atan(), (x, c) -> Math.atan(x[0])),
            new Spec("atan2(Scalar)", binary(within(-10, 10), within(-10, 10))
                    .filter(p -> Math.hypot(p.x()[0], p.x()[1]) >= 0.1 && !(p.x()[1] < 0 && Math.abs(p.x()[0]) < 1e-3)),
                    (x, c) -> x[0].atan2(x[1]), (x, c) -> Math.atan2(x[0], x[1])),
            new Spec("atan2(double)", withConstant(within(-10, 10), within(-10, 10))
                    .filter(p -> Math.hypot(p.x()[0], p.c()[0]) >= 0.1 && !(p.c()[0] < 0 && Math.abs(p.x()[0]) < 1e-3)),
                    (x, c) -> x[0].atan2(c[0]), (x, c) -> Math.atan2(x[0], c[0])),
            new Spec("hypot(Scalar)", binary(within(-10, 10), within(-10, 10))
                    .filter(p -> Math.hypot(p.x()[0], p.x()[1]) >= 0.1),
                    (x, c) -> x[0].hypot(x[1]), (x, c) -> Math.hypot(x[0], x[1])),
            new Spec("hypot(double)", withConstant(within(-10, 10), within(-10, 10))
                    .filter(p -> Math.hypot(p.x()[0], p.c()[0]) >= 0.1),
                    (x, c) -> x[0].hypot(c[0]), (x, c) -> Math.hypot(x[0], c[0])),
            // hyperbolic and activations
            new Spec("sinh()", unary(within(-10, 10)), (x, c) -> x[0].sinh(), (x, c) -> Math.sinh(x[0])),
            new Spec("cosh()", unary(within(-10, 10)), (x, c) -> x[0].cosh(), (x, c) -> Math.cosh(x[0])),
            new Spec("tanh()", unary(within(-10, 10)), (x, c) -> x[0].tanh(), (x, c) -> Math.tanh(x[0])),
            new Spec("sigmoid()", unary(within(-30, 30)), (x, c) -> x[0].sigmoid(),
                    (x, c) -> 1.0 / (1.0 + Math.exp(-x[0]))),
            new Spec("softplus()", unary(within(-30, 30)), (x, c) -> x[0].softplus(),
                    (x, c) -> Math.log1p(Math.exp(x[0]))),
            // the reference is the same formula: GELU's accuracy is pinned by SpecialFunctionsTest's known values
            new Spec("gelu()", unary(within(-8, 8)), (x, c) -> x[0].gelu(),
                    (x, c) -> x[0] * 0.5 * SpecialFunctions.erfc(-x[0] / Math.sqrt(2))),
            new Spec("normalCdf()", unary(within(-8, 8)), (x, c) -> x[0].normalCdf(),
                    (x, c) -> 0.5 * SpecialFunctions.erfc(-x[0] / Math.sqrt(2))),
            new Spec("relu()", unary(awayFromZero(1e-3, 10)), (x, c) -> x[0].relu(), (x, c) -> Math.max(x[0], 0)),
            new Spec("abs()", unary(awayFromZero(1e-3, 10)), (x, c) -> x[0].abs(), (x, c) -> Math.abs(x[0])),
            new Spec("min(Scalar)", pairsApart(1e-3), (x, c) -> x[0].min(x[1]), (x, c) -> Math.min(x[0], x[1])),
            new Spec("min(double)", constantPairsApart(1e-3), (x, c) -> x[0].min(c[0]),
                    (x, c) -> Math.min(x[0], c[0])),
            new Spec("max(Scalar)", pairsApart(1e-3), (x, c) -> x[0].max(x[1]), (x, c) -> Math.max(x[0], x[1])),
            new Spec("max(double)", constantPairsApart(1e-3), (x, c) -> x[0].max(c[0]),
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
