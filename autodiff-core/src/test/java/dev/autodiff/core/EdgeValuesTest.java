package dev.autodiff.core;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static java.lang.Double.NEGATIVE_INFINITY;
import static java.lang.Double.NaN;
import static java.lang.Double.POSITIVE_INFINITY;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixed rows at the values where derivatives go wrong: 0, +-infinity, NaN, +-300, and the kinks. Values must equal
 * the constant (plain double) computation bit for bit; derivatives must equal the stated mathematics, infinities and
 * NaN included. No operation may throw for any value.
 */
class EdgeValuesTest {
    private static final double[] EDGES = {0.0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 300.0, -300.0};

    /** One unary op and its derivative at each of {@link #EDGES}, in that order. */
    private record Row(String name, UnaryOperator<Scalar> op, double... derivatives) {
    }

    private static final double E300 = Math.exp(-300); // sigmoid'(+-300) = e^-300 / (1 + e^-300)^2
    private static final double E600 = Math.exp(-600); // tanh'(+-300) = 4 e^-600 / (1 + e^-600)^2

    private static final List<Row> ROWS = List.of(
            //                                  0          +inf        -inf           NaN  300                     -300
            new Row("neg", Scalar::neg, -1, -1, -1, -1, -1, -1),
            new Row("square", Scalar::square, 0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 600, -600),
            new Row("sqrt", Scalar::sqrt, POSITIVE_INFINITY, 0, NaN, NaN, 0.5 / Math.sqrt(300), NaN),
            new Row("cbrt", Scalar::cbrt, POSITIVE_INFINITY, 0, 0, NaN,
                    1 / (3 * Math.cbrt(300) * Math.cbrt(300)), 1 / (3 * Math.cbrt(300) * Math.cbrt(300))),
            new Row("exp", Scalar::exp, 1, POSITIVE_INFINITY, 0, NaN, Math.exp(300), Math.exp(-300)),
            new Row("expm1", Scalar::expm1, 1, POSITIVE_INFINITY, 0, NaN, Math.exp(300), Math.exp(-300)),
            new Row("log", Scalar::log, POSITIVE_INFINITY, 0, NaN, NaN, 1.0 / 300, NaN),
            new Row("log1p", Scalar::log1p, 1, 0, NaN, NaN, 1.0 / 301, NaN),
            new Row("sin", Scalar::sin, 1, NaN, NaN, NaN, Math.cos(300), Math.cos(-300)),
            new Row("cos", Scalar::cos, 0, NaN, NaN, NaN, -Math.sin(300), -Math.sin(-300)),
            new Row("tan", Scalar::tan, 1, NaN, NaN, NaN,
                    1 + Math.tan(300) * Math.tan(300), 1 + Math.tan(300) * Math.tan(300)),
            new Row("asin", Scalar::asin, 1, NaN, NaN, NaN, NaN, NaN),
            new Row("acos", Scalar::acos, -1, NaN, NaN, NaN, NaN, NaN),
            new Row("atan", Scalar::atan, 1, 0, 0, NaN, 1.0 / 90001, 1.0 / 90001),
            new Row("sinh", Scalar::sinh, 1, POSITIVE_INFINITY, POSITIVE_INFINITY, NaN, Math.cosh(300), Math.cosh(300)),
            new Row("cosh", Scalar::cosh, 0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, Math.sinh(300), -Math.sinh(300)),
            new Row("tanh", Scalar::tanh, 1, 0, 0, NaN, 4 * E600, 4 * E600),      // not a rounded 1 - 1
            new Row("sigmoid", Scalar::sigmoid, 0.25, 0, 0, NaN, E300 / ((1 + E300) * (1 + E300)),
                    E300 / ((1 + E300) * (1 + E300))),
            new Row("softplus", Scalar::softplus, 0.5, 1, 0, NaN, 1, E300 / (1 + E300)),
            new Row("gelu", Scalar::gelu, 0.5, 1, 0, NaN, 1, 0),
            new Row("relu", Scalar::relu, 0, 1, 0, NaN, 1, 0),
            new Row("abs", Scalar::abs, 0, 1, -1, NaN, 1, -1),
            new Row("pow(2)", x -> x.pow(2), 0, POSITIVE_INFINITY, NEGATIVE_INFINITY, NaN, 600, -600),
            // Math.pow(-inf, 0.5) is +inf by its specification (unlike sqrt), so the derivative there is 0.5 (-inf)^-0.5 = 0
            new Row("pow(0.5)", x -> x.pow(0.5), POSITIVE_INFINITY, 0, 0, NaN, 0.5 / Math.sqrt(300), NaN),
            new Row("pow(0)", x -> x.pow(0), 0, 0, 0, 0, 0, 0));

    @TestFactory
    List<DynamicTest> unaryDerivativesAtEdges() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : ROWS) {
            for (int i = 0; i < EDGES.length; i++) {
                double x = EDGES[i], expected = row.derivatives()[i];
                tests.add(DynamicTest.dynamicTest(row.name() + "'(" + x + ") = " + expected, () -> {
                    double[] vd = valueAndDerivative(row.op(), x);
                    assertEquals(row.op().apply(Scalar.constant(x)).value(), vd[0], 0.0, "value");
                    assertSame(expected, vd[1]);
                }));
            }
        }
        return tests;
    }

    /** Every row of {@link ScalarOpSpecs}, with every input at every edge value: no exception, same value. */
    @Test
    void noOperationThrowsAndRecordedValuesEqualPlainValues() {
        for (ScalarOpSpecs.Spec spec : ScalarOpSpecs.ALL) {
            for (double a : EDGES) {
                for (double b : EDGES) {
                    double[] x = {a, b}, c = {b, a};
                    assertDoesNotThrow(() -> {
                        try (Tape tape = Tape.open()) {
                            Scalar recorded = spec.op().apply(tape.variables(x), c);
                            Scalar plain = spec.op().apply(ScalarOpProperties.constants(x), c);
                            assertSame(plain.value(), recorded.value());
                            Scalar[] inputs = tape.variables(x);       // the sweep never throws either
                            Scalar y = spec.op().apply(inputs, c);
                            double[] g = tape.gradient(y, inputs);
                            assertEquals(x.length, g.length);
                        }
                    }, spec + " at " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void kinksAndTies() {
        assertPartials(x -> x[0].max(x[1]), new double[] {2, 2}, 0.5, 0.5);
        assertPartials(x -> x[0].min(x[1]), new double[] {-1, -1}, 0.5, 0.5);
        assertPartials(x -> x[0].max(x[1]), new double[] {3, 2}, 1, 0);
        assertPartials(x -> x[0].min(x[1]), new double[] {3, 2}, 0, 1);
        assertPartials(x -> x[0].max(x[1]), new double[] {NaN, 2}, NaN, NaN);
        assertPartials(x -> x[0].min(x[1]), new double[] {1, NaN}, NaN, NaN);
        assertPartials(x -> x[0].hypot(x[1]), new double[] {0, 0}, 0, 0);
        assertPartials(x -> x[0].hypot(x[1]), new double[] {POSITIVE_INFINITY, 1}, 1, 0);
        assertPartials(x -> x[0].hypot(x[1]), new double[] {-3, 4}, -0.6, 0.8);
        assertPartials(x -> x[0].atan2(x[1]), new double[] {0, 0}, NaN, NaN);
        assertPartials(x -> x[0].atan2(x[1]), new double[] {1, POSITIVE_INFINITY}, 0, 0);
        assertPartials(x -> x[0].atan2(x[1]), new double[] {1e300, 1e300}, 0.5e-300, -0.5e-300);
        assertPartials(x -> x[0].div(x[1]), new double[] {1, 0}, POSITIVE_INFINITY, NEGATIVE_INFINITY);
        assertPartials(x -> x[0].pow(x[1]), new double[] {0, 2}, 0, 0);
        assertPartials(x -> x[0].pow(x[1]), new double[] {0, 1}, 1, 0);
        assertPartials(x -> x[0].pow(x[1]), new double[] {-2, 2}, -4, NaN);
        assertPartials(x -> x[0].pow(x[1]), new double[] {2, 0}, 0, Math.log(2));
        assertPartials(x -> x[0].pow(x[1]), new double[] {0, 0}, 0, NaN);          // 0^b jumps at b = 0
        assertPartials(x -> x[0].pow(x[1]), new double[] {0, -1}, NEGATIVE_INFINITY, NaN);
        assertPartials(x -> x[0].pow(x[1]), new double[] {POSITIVE_INFINITY, -1}, -0.0, 0);  // f = 0 nearby
        assertPartials(x -> x[0].pow(x[1]), new double[] {0.5, 2000}, 0, 0);        // underflowed: f = 0 nearby
        assertPartials(x -> x[0].hypot(x[1]), new double[] {3e300, -4e300}, 0.6, -0.8);
        assertPartials(x -> x[0].hypot(x[1]), new double[] {POSITIVE_INFINITY, POSITIVE_INFINITY}, NaN, NaN);
        assertPartials(x -> x[0].atan2(x[1]), new double[] {POSITIVE_INFINITY, NEGATIVE_INFINITY}, NaN, NaN);
        assertPartials(x -> x[0].atan2(x[1]), new double[] {-3e300, 4e300}, 0.16e-300, 0.12e-300);
    }

    private static void assertPartials(ScalarFunction f, double[] x, double... expected) {
        try (Tape tape = Tape.open()) {
            Scalar[] xs = tape.variables(x);
            double[] g = tape.gradient(f.apply(xs)).of(xs);
            for (int i = 0; i < expected.length; i++) {
                assertSame(expected[i], g[i]);
            }
        }
    }

    private static double[] valueAndDerivative(UnaryOperator<Scalar> op, double x) {
        try (Tape tape = Tape.open()) {
            Scalar v = tape.variable(x);
            Scalar y = op.apply(v);
            return new double[] {y.value(), tape.gradient(y).of(v)};
        }
    }

    /** Equal as doubles, NaN equal to NaN, and within 2 ulps for finite values computed along another route. */
    private static void assertSame(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, 0.0);
        } else {
            assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected),
                    "expected " + expected + " but was " + actual);
        }
    }
}
