package dev.autodiff.core;

import dev.autodiff.core.testing.FunctionSpecs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixed rows at the values where derivatives go wrong: 0, +-infinity, NaN, +-300, and the kinks. Values must equal
 * the constant (plain double) computation bit for bit; derivatives must equal the stated mathematics, infinities and
 * NaN included. No operation may throw for any value.
 *
 * <p>The rows are the entries of {@link FunctionSpecs}: each function's derivatives at {@link FunctionSpecs#EDGES}
 * (for every fixed parametrization of an activation) and at its kinks, and each binary function's partials at its
 * chosen pairs and, with a constant second operand, at the edges ({@code pow(2)}, {@code pow(0.5)}, {@code pow(0)}).
 * Each is checked through the public method on scalars (an activation, which has none, through {@link Scalar}'s
 * elementwise map) and on tensors. {@link #everyFunctionHasAnEdgeRow} fails if a function has no row.
 */
class EdgeValuesTest {
    private static final double[] EDGES = FunctionSpecs.EDGES;

    /** f on scalars: the entry's Scalar method, or the activation mapped over a scalar. */
    private static UnaryOperator<Scalar> onScalar(FunctionSpecs.Unary spec, double[] p) {
        if (spec.hasScalarMethod()) {
            return spec::onScalar;
        }
        ElementwiseFunction f = RuleSpecs.instance(spec, p);
        return x -> x.map(f);
    }

    @TestFactory
    List<DynamicTest> unaryDerivativesAtEdges() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FunctionSpecs.Unary spec : FunctionSpecs.UNARY) {
            for (double[] p : spec.parameters()) {
                double[] derivatives = spec.edgeDerivatives(p);
                if (derivatives == null) {
                    continue;                                       // the guard below reports it
                }
                String label = spec.label(p);
                UnaryOperator<Scalar> op = onScalar(spec, p);
                List<FunctionSpecs.Kink> kinks = spec.kinks(p);
                double[] xs = Arrays.copyOf(EDGES, EDGES.length + kinks.size());
                double[] expected = Arrays.copyOf(derivatives, xs.length);
                for (int k = 0; k < kinks.size(); k++) {
                    xs[EDGES.length + k] = kinks.get(k).x();
                    expected[EDGES.length + k] = kinks.get(k).derivative();
                }
                for (int i = 0; i < xs.length; i++) {
                    double x = xs[i], e = expected[i];
                    tests.add(DynamicTest.dynamicTest(label + "'(" + x + ") = " + e, () -> {
                        double[] vd = valueAndDerivative(op, x);
                        assertEquals(op.apply(Scalar.constant(x)).value(), vd[0], 0.0, "value");
                        assertSame(e, vd[1]);
                    }));
                }
                tests.add(DynamicTest.dynamicTest(label + " over tensors at " + Arrays.toString(xs), () -> {
                    try (Tape tape = Tape.open()) {
                        Tensor v = tape.variable(Tensor.vector(xs));
                        Tensor y = spec.onTensor(v, p);
                        assertArraySame(spec.onTensor(Tensor.vector(xs), p).toArray(), y.toArray(), "values");
                        double[] g = tape.gradient(y.sum().item()).of(v).toArray();
                        for (int i = 0; i < xs.length; i++) {
                            assertSame(expected[i], g[i], label + "'(" + xs[i] + ")");
                        }
                    }
                }));
            }
        }
        return tests;
    }

    /** Both partials of every binary function at its chosen pairs, over scalars and over tensors. */
    @TestFactory
    List<DynamicTest> binaryPartialsAtKinksTiesAndEdges() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FunctionSpecs.Binary spec : FunctionSpecs.BINARY) {
            for (FunctionSpecs.Partials p : spec.partials()) {
                String at = spec.name() + " at (" + p.a() + ", " + p.b() + ")";
                tests.add(DynamicTest.dynamicTest(at + ": " + p.da() + ", " + p.db(), () -> {
                    try (Tape tape = Tape.open()) {
                        Scalar[] xs = tape.variables(new double[] {p.a(), p.b()});
                        Scalar y = spec.onScalars(xs[0], xs[1]);
                        assertEquals(spec.onScalars(Scalar.constant(p.a()), Scalar.constant(p.b())).value(), y.value(),
                                0.0, "value");
                        double[] g = tape.gradient(y).of(xs);
                        assertSame(p.da(), g[0], "d/da");
                        assertSame(p.db(), g[1], "d/db");
                    }
                    try (Tape tape = Tape.open()) {
                        Tensor a = tape.variable(Tensor.vector(p.a())), b = tape.variable(Tensor.vector(p.b()));
                        Scalar y = spec.onTensors(a, b).sum().item();
                        assertSame(p.da(), tape.gradient(y).of(a).get(0), "d/da over tensors");
                        assertSame(p.db(), tape.gradient(y).of(b).get(0), "d/db over tensors");
                    }
                }));
            }
            for (FunctionSpecs.WithConstant row : spec.withConstant()) {
                for (int i = 0; i < EDGES.length; i++) {
                    double x = EDGES[i], expected = row.derivatives()[i];
                    UnaryOperator<Scalar> op = v -> spec.onScalarAndDouble(v, row.b());
                    tests.add(DynamicTest.dynamicTest(spec.name() + "(x, " + row.b() + ")'(" + x + ") = " + expected,
                            () -> {
                                double[] vd = valueAndDerivative(op, x);
                                assertEquals(op.apply(Scalar.constant(x)).value(), vd[0], 0.0, "value");
                                assertSame(expected, vd[1]);
                            }));
                }
                if (spec.hasTensorAndDouble()) {
                    tests.add(DynamicTest.dynamicTest(spec.name() + "(x, " + row.b() + ") over tensors", () -> {
                        try (Tape tape = Tape.open()) {
                            Tensor v = tape.variable(Tensor.vector(EDGES));
                            Tensor y = spec.onTensorAndDouble(v, row.b());
                            assertArraySame(spec.onTensorAndDouble(Tensor.vector(EDGES), row.b()).toArray(),
                                    y.toArray(), "values");
                            double[] g = tape.gradient(y.sum().item()).of(v).toArray();
                            for (int i = 0; i < EDGES.length; i++) {
                                assertSame(row.derivatives()[i], g[i], "at " + EDGES[i]);
                            }
                        }
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * The guard: every {@link UnaryFunction}, every kind of activation (every record of {@link Activations}, found by
     * reflection) and every {@link BinaryFunction} has an edge row in {@link FunctionSpecs}, one value per edge for
     * every fixed parametrization, and a binary function at least one pair of partials.
     */
    @Test
    void everyFunctionHasAnEdgeRow() {
        Set<String> missing = new TreeSet<>();
        for (UnaryFunction f : UnaryFunction.values()) {
            FunctionSpecs.UNARY.stream().filter(s -> s.function() == f).findFirst().ifPresentOrElse(
                    s -> checkEdgeRows(s, missing), () -> missing.add(f + ": no entry"));
        }
        Set<Class<?>> activations = RuleAgreementProperties.activationClasses();
        assertTrue(activations.size() >= 3, "reflection found too few activations: " + activations);
        for (Class<?> kind : activations) {
            FunctionSpecs.UNARY.stream().filter(s -> s.function() == null
                    && RuleSpecs.instance(s, s.parameters().get(0)).getClass() == kind).findFirst().ifPresentOrElse(
                    s -> checkEdgeRows(s, missing), () -> missing.add(kind.getSimpleName() + ": no entry"));
        }
        for (BinaryFunction f : BinaryFunction.values()) {
            FunctionSpecs.BINARY.stream().filter(s -> s.function() == f).findFirst().ifPresentOrElse(s -> {
                if (s.partials().isEmpty()) {
                    missing.add(f + ": no partials");
                }
                for (FunctionSpecs.WithConstant row : s.withConstant()) {
                    if (row.derivatives().length != EDGES.length) {
                        missing.add(f + " with b = " + row.b() + ": " + row.derivatives().length + " derivatives");
                    }
                }
            }, () -> missing.add(f + ": no entry"));
        }
        assertEquals(Set.of(), missing, "functions without an edge row in FunctionSpecs");
    }

    private static void checkEdgeRows(FunctionSpecs.Unary spec, Set<String> missing) {
        for (double[] p : spec.parameters()) {
            double[] d = spec.edgeDerivatives(p);
            if (d == null || d.length != EDGES.length) {
                missing.add(spec.label(p) + ": " + (d == null ? "no edge row" : d.length + " derivatives, not "
                        + EDGES.length));
            }
        }
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

    private static double[] valueAndDerivative(UnaryOperator<Scalar> op, double x) {
        try (Tape tape = Tape.open()) {
            Scalar v = tape.variable(x);
            Scalar y = op.apply(v);
            return new double[] {y.value(), tape.gradient(y).of(v)};
        }
    }

    private static void assertArraySame(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.0, what + " [" + i + "]");
        }
    }

    private static void assertSame(double expected, double actual) {
        assertSame(expected, actual, "");
    }

    /** Equal as doubles, NaN equal to NaN, and within 2 ulps for finite values computed along another route. */
    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, 0.0, what);
        } else {
            assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected),
                    what + (what.isEmpty() ? "" : ": ") + "expected " + expected + " but was " + actual);
        }
    }
}
