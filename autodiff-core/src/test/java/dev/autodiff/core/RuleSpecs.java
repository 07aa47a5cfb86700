package dev.autodiff.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static java.lang.Double.MAX_VALUE;
import static java.lang.Double.MIN_NORMAL;
import static java.lang.Double.MIN_VALUE;
import static java.lang.Double.NEGATIVE_INFINITY;
import static java.lang.Double.NaN;
import static java.lang.Double.POSITIVE_INFINITY;

/**
 * Where each elementwise function's two derivative rules are compared: one row per {@link UnaryFunction}, per kind of
 * {@link Activations.Activation} and per {@link BinaryFunction}, with random points of its domain, the edge values it
 * needs beyond {@link #EDGES} (kinks, the ends of its domain, the arguments where a form loses its tail), and a few
 * smooth points for the second-order check. {@link RuleAgreementProperties} fails if a function has no row.
 */
final class RuleSpecs {
    private RuleSpecs() {
    }

    /** Every function's rules are compared at these, every binary function's at every pair of them. */
    static final double[] EDGES = {
            0.0, -0.0, 1, -1, 0.5, -0.5, 2, -2, Math.PI / 2, 10, -10, 19, -19, 30, -30, 300, -300, 372, -372,
            700, -700, 710, -710, 1e154, -1e154, 1e300, -1e300, MAX_VALUE, -MAX_VALUE, 1e-154, 1e-300, -1e-300,
            MIN_NORMAL, -MIN_NORMAL, 1e-310, -1e-310, MIN_VALUE, -MIN_VALUE, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN};

    /**
     * An elementwise function of one variable, or a kind of activation with its parameters.
     *
     * @param name      as reports show it
     * @param covers    the {@link UnaryFunction} constant, or the activation's class
     * @param instances fixed parametrizations, for the edge grid and the second-order check (one for a
     *                  {@link UnaryFunction})
     * @param functions random parametrizations, for the property
     * @param domain    points where f is finite, at the scales where its rules differ in form
     * @param edges     edge values of this function, beyond {@link #EDGES}
     * @param smooth    points at least a finite-difference step from any kink, where f'' is checked
     */
    record Unary(String name, Object covers, List<ElementwiseFunction> instances,
                 Arbitrary<ElementwiseFunction> functions, Arbitrary<Double> domain, double[] edges, double[] smooth) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param f      the function
     * @param domain points where f is finite
     * @param edges  edge values of this function beyond {@link #EDGES}, each paired with every value of both
     * @param smooth points (a, b) where the Hessian of f is checked
     */
    record Binary(BinaryFunction f, Arbitrary<double[]> domain, double[] edges, double[][] smooth) {
        @Override
        public String toString() {
            return f.opName();
        }
    }

    static Arbitrary<Double> within(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(12);
    }

    /** Magnitudes 10^e for e uniform in [lo, hi], of either sign: every scale, subnormals included. */
    static Arbitrary<Double> scales(double lo, double hi) {
        return Combinators.combine(Arbitraries.doubles().between(lo, hi).ofScale(8), Arbitraries.of(1.0, -1.0))
                .as((e, sign) -> sign * Math.pow(10, e));
    }

    /** Any double at any scale (the rules must agree everywhere outside the allow-list, not only on the domain). */
    static Arbitrary<Double> anywhere() {
        return Arbitraries.oneOf(scales(-324, 308.25), within(-800, 800),
                Arbitraries.of(Arrays.stream(EDGES).boxed().collect(Collectors.toList())));
    }

    /** Positive magnitudes 10^e for e uniform in [lo, hi]. */
    static Arbitrary<Double> positive(double lo, double hi) {
        return scales(lo, hi).map(Math::abs);
    }

    private static Unary unary(UnaryFunction f, Arbitrary<Double> domain, double[] edges, double... smooth) {
        return new Unary(f.opName(), f, List.of(f), Arbitraries.just(f), domain, edges, smooth);
    }

    private static Unary activation(String name, Class<?> kind, List<? extends ElementwiseFunction> instances,
                                    Arbitrary<? extends ElementwiseFunction> functions, Arbitrary<Double> domain,
                                    double[] edges, double... smooth) {
        return new Unary(name, kind, List.copyOf(instances), functions.map(f -> (ElementwiseFunction) f), domain,
                edges, smooth);
    }

    private static double[] none() {
        return new double[0];
    }

    /** x and its neighbours one ulp away. */
    private static double[] around(double... xs) {
        double[] out = new double[3 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[3 * i] = xs[i];
            out[3 * i + 1] = Math.nextUp(xs[i]);
            out[3 * i + 2] = Math.nextDown(xs[i]);
        }
        return out;
    }

    static final List<Unary> UNARY = List.of(
            unary(UnaryFunction.NEG, within(-1e6, 1e6), none(), 0.3, -7, 1e5),
            unary(UnaryFunction.SQUARE, within(-1e6, 1e6), none(), 0.3, -7, 1e5),
            unary(UnaryFunction.SQRT, positive(-320, 300), around(0.0), 0.01, 2, 1e10),
            unary(UnaryFunction.CBRT, scales(-320, 300), around(0.0), -8, 1e-3, 1e9),
            unary(UnaryFunction.EXP, within(-745, 709), around(709.78, -745.13), -700, 0.5, 300),
            unary(UnaryFunction.EXPM1, within(-745, 709), around(-37, 709.78), -40, 1e-3, 20),
            unary(UnaryFunction.LOG, positive(-320, 300), around(0.0), 0.05, 3, 300),
            unary(UnaryFunction.LOG1P, Arbitraries.oneOf(within(-1, 10), positive(-300, 300)), around(-1),
                    -0.9, 1e-8, 50),
            unary(UnaryFunction.SIN, within(-100, 100), none(), 0.7, -2.5, 100),
            unary(UnaryFunction.COS, within(-100, 100), none(), 0.7, -2.5, 100),
            unary(UnaryFunction.TAN, within(-1.57, 1.57), around(Math.PI / 2), 0.3, -1.2, 1.5),
            unary(UnaryFunction.ASIN, within(-1, 1), around(1, -1), 0.5, -0.99, 0.999),
            unary(UnaryFunction.ACOS, within(-1, 1), around(1, -1), 0.5, -0.99, 0.999),
            unary(UnaryFunction.ATAN, scales(-300, 300), none(), 0.5, -30, 1e5),
            unary(UnaryFunction.SINH, within(-710, 710), around(710.47), -3, 0.2, 300),
            unary(UnaryFunction.COSH, within(-710, 710), around(710.47), -3, 0.2, 300),
            // 1 - y^2 rounds to 0 from |x| ~ 19.06; 4 e^-2|x| underflows beyond ~372.5
            unary(UnaryFunction.TANH, within(-400, 400), around(19.06, -19.06, 372.5), 0.3, -2, 10, 19, 20, 25, -25,
                    100, 300),
            // sigmoid(x) rounds to 1 from x ~ 36.7; e^-|x| is subnormal beyond ~708
            unary(UnaryFunction.SIGMOID, within(-800, 800), around(36.7, -36.7, 708.4, -745.1), 0.3, -5, 30, -30,
                    100, -300, 700),
            unary(UnaryFunction.SOFTPLUS, within(-800, 800), around(36.7, -36.7), 0.3, -30, -40, -300),
            unary(UnaryFunction.RELU, within(-1e6, 1e6), around(0.0), -2, 3),
            // gelu' = Phi(x) + x phi(x) cancels at its zero, x ~ -0.7518
            unary(UnaryFunction.GELU, within(-40, 40), around(-0.7517915247, -38.5, 38.5), -0.75, 2, 5, -5, -10),
            unary(UnaryFunction.NORMAL_CDF, within(-40, 40), around(-38.5, 38.5), 0.5, -8, -20, 8),
            unary(UnaryFunction.ABS, within(-1e6, 1e6), around(0.0), -2, 3),
            activation("leakyRelu", Activations.LeakyRelu.class,
                    List.of(new Activations.LeakyRelu(0.01), new Activations.LeakyRelu(0.0),
                            new Activations.LeakyRelu(1.5)),
                    within(0, 1).map(Activations.LeakyRelu::new), within(-1e6, 1e6), around(0.0), -2, 3),
            activation("elu", Activations.Elu.class,
                    List.of(new Activations.Elu(1.0), new Activations.Elu(0.3), new Activations.Elu(4.0)),
                    within(0.01, 5).map(Activations.Elu::new), within(-800, 100), around(0.0, -745.1),
                    -0.5, -5, -30, -300, 2),
            activation("clamp", Activations.Clamp.class,
                    List.of(new Activations.Clamp(-1, 2), new Activations.Clamp(0, 0), new Activations.Clamp(-3, -1)),
                    Combinators.combine(within(-5, 5), within(0, 5))
                            .as((lo, width) -> new Activations.Clamp(lo, lo + width)),
                    within(-10, 10), around(-1, 2, 0, -3), -0.5, 1.5, -5, 5));

    private static Arbitrary<double[]> pairs(Arbitrary<Double> a, Arbitrary<Double> b) {
        return Combinators.combine(a, b).as((u, v) -> new double[] {u, v});
    }

    /** Pairs anywhere, and pairs of comparable magnitude (where atan2's and hypot's two forms both matter). */
    private static Arbitrary<double[]> pairsAnywhere() {
        return Arbitraries.oneOf(pairs(anywhere(), anywhere()),
                Combinators.combine(anywhere(), within(-10, 10)).as((u, k) -> new double[] {u, u * k}));
    }

    private static Binary binary(BinaryFunction f, Arbitrary<double[]> domain, double[] edges, double[]... smooth) {
        return new Binary(f, domain, edges, smooth);
    }

    static final List<Binary> BINARY = List.of(
            binary(BinaryFunction.ADD, pairs(within(-1e6, 1e6), within(-1e6, 1e6)), none(), new double[] {1.5, -2}),
            binary(BinaryFunction.SUB, pairs(within(-1e6, 1e6), within(-1e6, 1e6)), none(), new double[] {1.5, -2}),
            binary(BinaryFunction.MUL, pairs(within(-1e6, 1e6), within(-1e6, 1e6)), none(), new double[] {1.5, -2},
                    new double[] {1e100, -3e-90}),
            binary(BinaryFunction.DIV, pairs(within(-1e6, 1e6), scales(-150, 150)), none(), new double[] {1, 3},
                    new double[] {-2, 0.5}, new double[] {3e5, -7}),
            binary(BinaryFunction.POW, Arbitraries.oneOf(
                    pairs(positive(-300, 300), within(-50, 50)),
                    pairs(within(-10, 10), Arbitraries.integers().between(-20, 20).map(Integer::doubleValue))),
                    around(0.0, 1, -1), new double[] {2, 3}, new double[] {0.5, -1.5}, new double[] {3, 0.5},
                    new double[] {1.5, 40}, new double[] {10, -20}),
            // a radius below MIN_NORMAL where the partials are still finite (see the allow-list)
            binary(BinaryFunction.ATAN2, pairs(within(-100, 100), within(-100, 100)),
                    new double[] {1.279531898473167e-309, -1.98611887831967e-310, -6.65976850567055e-310},
                    new double[] {1, 2}, new double[] {-3, 0.5}, new double[] {1e150, 2e150}, new double[] {1e-3, -2}),
            binary(BinaryFunction.HYPOT, pairs(within(-100, 100), within(-100, 100)), none(),
                    new double[] {3, 4}, new double[] {-0.5, 2}, new double[] {1e200, -3e200}),
            binary(BinaryFunction.MAXIMUM, pairs(within(-1e6, 1e6), within(-1e6, 1e6)), none(), new double[] {1, 2},
                    new double[] {-1, -3}),
            binary(BinaryFunction.MINIMUM, pairs(within(-1e6, 1e6), within(-1e6, 1e6)), none(), new double[] {1, 2},
                    new double[] {-1, -3}));

    /** The random points of a binary row: its domain, and pairs anywhere. */
    static Arbitrary<double[]> binaryPoints(Binary spec) {
        return Arbitraries.oneOf(spec.domain(), pairsAnywhere());
    }

    /** The random points of a unary row: its domain, and anywhere. */
    static Arbitrary<Double> unaryPoints(Unary spec) {
        return Arbitraries.oneOf(spec.domain(), anywhere());
    }

    /** EDGES followed by a row's own edges. */
    static double[] edgesOf(double[] own) {
        double[] all = Arrays.copyOf(EDGES, EDGES.length + own.length);
        System.arraycopy(own, 0, all, EDGES.length, own.length);
        return all;
    }
}
