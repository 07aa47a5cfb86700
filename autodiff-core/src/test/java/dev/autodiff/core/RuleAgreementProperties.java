package dev.autodiff.core;

import dev.autodiff.core.RuleSpecs.Binary;
import dev.autodiff.core.RuleSpecs.Unary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every derivative is written twice: a numeric rule ({@code derivative}, {@code partialA}, {@code partialB}) for the
 * plain sweep, and a recorded rule ({@code derivativeNode}, {@code partialNodeA}, {@code partialNodeB}) written with
 * the engine's own operations, for {@link Tape#recordGradient} and so for Hessians and Hessian-vector products. Here
 * the two are compared, for every function of {@link RuleSpecs}, at random points and at every edge value, and must
 * agree within {@link #ULPS} ulps except at the points of {@link #INTENDED}, each with its reason.
 *
 * <p>The recorded rule is evaluated on constants, through {@link Algebra#SCALARS} and {@link Algebra#TENSORS}: the
 * same operations on values, which the recorded sweep multiplies by an adjoint of exactly 1 at the root, so the
 * number compared is the one {@code recordGradient} returns (pinned against real higher-order tapes by
 * {@link #constantEvaluationIsWhatTheRecordedSweepReturns}). Where a rule returns null the sweep uses the numeric
 * partial, so the two agree by construction.
 *
 * <p>The points come from {@link RuleSpecs}, which reads them from {@link dev.autodiff.core.testing.FunctionSpecs}:
 * each function's finite domain, its kinks, singular and switch points, and the shared grid. The allow-list
 * {@link #INTENDED} is this test's own: it names differences between the two rules, not facts of the functions.
 */
class RuleAgreementProperties {
    /**
     * The bound, in ulps of the larger of the two numbers. Each pair compared is two short chains of well-conditioned
     * operations on the same arguments, each correctly rounded (0.5 ulp) or within 1 ulp (Math's exp, log, pow,
     * hypot, cbrt; the same call of tanh, sinh, cosh, erfc on both sides, where their larger bounds cancel), so their
     * difference is bounded by the sum of their error bounds. The largest is sigmoid's: e/(1 + e)^2 (about 3.5 ulps)
     * against sigmoid(x) sigmoid(-x) (about 4.5); the largest seen is 3, for sigmoid and cbrt. Points where a form is
     * ill-conditioned (a subnormal divisor) are on the allow-list, not under a wider bound.
     */
    static final double ULPS = 8;

    /** Which derivative: of a function of one variable, or a partial of a binary one. */
    enum Which { DX, DA, DB }

    interface Where {
        boolean at(double a, double b);
    }

    /**
     * An intended difference: where the numeric rule takes a limit or a masked value that the written form does not,
     * and guarding it in the recorded rule would cost every recorded application of the function an extra selection.
     * The first five are the special points {@link Tape#recordGradient}'s javadoc lists.
     *
     * @param function the function's op name
     * @param which    the derivative
     * @param where    the points (b is 0 for a function of one variable)
     * @param reason   why the difference is intended
     */
    record Intended(String function, Which which, Where where, String reason) {
    }

    static final List<Intended> INTENDED = List.of(
            new Intended("sqrt", Which.DX, (x, unused) -> isNegativeZero(x),
                    "sqrt'(0) is +infinity at both zeros (the limit from the domain); the written 0.5/sqrt(x) divides"
                            + " by sqrt(-0) = -0 and gives -infinity"),
            new Intended("log", Which.DX, (x, unused) -> isNegativeZero(x),
                    "log'(0) is +infinity at both zeros; the written 1/x gives -infinity at -0"),
            new Intended("pow", Which.DA, (a, b) -> b == 0.0 && !Double.isFinite(Math.pow(a, -1.0)),
                    "a^0 = 1 for every a, so d/da = 0; the written b a^(b-1) is 0 * infinity or 0 * NaN = NaN where"
                            + " 1/a is not finite (a = 0, a subnormal below 2^-1024, a NaN)"),
            new Intended("pow", Which.DB, (a, b) -> a == 0.0 && !(b > 0.0),
                    "0^b jumps at b <= 0 (to 1 or +infinity), so there is no d/db and the numeric rule gives NaN; the"
                            + " written f ln a is 1 * ln 0 or +-infinity * ln 0, an infinity"),
            new Intended("gelu", Which.DX, (x, unused) -> Double.isInfinite(x),
                    "gelu' tends to 1 and 0 at +-infinity, the numeric rule's values; the written Phi(x) + x phi(x)"
                            + " is +-infinity * 0 = NaN there"),
            new Intended("hypot", Which.DA, RuleAgreementProperties::subnormalRadius,
                    "the written a/f divides by f = hypot(a, b) rounded to a subnormal, whose relative error is up to"
                            + " MIN_VALUE/(2f) (1/2 at the smallest); the numeric rule uses the ratio b/a"),
            new Intended("hypot", Which.DB, RuleAgreementProperties::subnormalRadius,
                    "as for d/da: b/f with f subnormal"),
            new Intended("atan2", Which.DA, RuleAgreementProperties::subnormalRadius,
                    "the written b/r/r divides twice by r = hypot(a, b) rounded to a subnormal (see hypot); the"
                            + " numeric rule uses the ratio of the coordinates"),
            new Intended("atan2", Which.DB, RuleAgreementProperties::subnormalRadius,
                    "as for d/da: a/r/r with r subnormal"));

    private static boolean isNegativeZero(double x) {
        return Double.doubleToRawLongBits(x) == Long.MIN_VALUE;
    }

    private static boolean subnormalRadius(double a, double b) {
        double r = Math.hypot(a, b);
        return r > 0.0 && r < Double.MIN_NORMAL;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The two rules, evaluated

    /** The numeric rule's f'(x). */
    static double numeric(ElementwiseFunction f, double x) {
        return f.derivative(x, f.value(x));
    }

    /** The recorded rule's f'(x) over scalars, evaluated on constants; the numeric one where it is null. */
    static double recorded(ElementwiseFunction f, double x) {
        double y = f.value(x);
        Scalar d = ElementwiseOps.derivativeNode(f, Algebra.SCALARS, Scalar.constant(x), Scalar.constant(y));
        return d == null ? f.derivative(x, y) : d.value();
    }

    /** The recorded rule over tensors, evaluated on a constant vector; the numeric one where it is null. */
    static double[] recordedOverTensors(ElementwiseFunction f, double[] xs) {
        Tensor x = Tensor.vector(xs), y = x.map(f);
        Tensor d = ElementwiseOps.derivativeNode(f, Algebra.TENSORS, x, y);
        if (d == null) {
            double[] n = new double[xs.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = numeric(f, xs[i]);
            }
            return n;
        }
        return d.broadcastTo(xs.length).toArray();
    }

    /** The op name, with the parameters of an activation. */
    static String nameOf(ElementwiseFunction f) {
        return f instanceof UnaryFunction ? f.opName() : f.toString();
    }

    static double numeric(BinaryFunction f, Which which, double a, double b) {
        double z = f.value(a, b);
        return which == Which.DA ? f.partialA(a, b, z) : f.partialB(a, b, z);
    }

    static double recorded(BinaryFunction f, Which which, double a, double b) {
        double z = f.value(a, b);
        Scalar sa = Scalar.constant(a), sb = Scalar.constant(b), sz = Scalar.constant(z);
        Scalar p = which == Which.DA ? f.partialNodeA(Algebra.SCALARS, sa, sb, sz)
                : f.partialNodeB(Algebra.SCALARS, sa, sb, sz);
        return p == null ? numeric(f, which, a, b) : p.value();
    }

    /** Over tensors: a vector of first operands against one second operand, which broadcasts. */
    static double[] recordedOverTensors(BinaryFunction f, Which which, double[] as, double b) {
        Tensor ta = Tensor.vector(as), tb = Tensor.scalar(b), tz = ta.zip(f, tb);
        Tensor p = which == Which.DA ? f.partialNodeA(Algebra.TENSORS, ta, tb, tz)
                : f.partialNodeB(Algebra.TENSORS, ta, tb, tz);
        double[] out = new double[as.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = p == null ? numeric(f, which, as[i], b) : p.broadcastTo(as.length).toArray()[i];
        }
        return out;
    }

    /** Within {@link #ULPS}: NaN agrees with NaN, an infinity with itself, and 0 with -0. */
    static boolean agree(double numeric, double recorded) {
        if (numeric == recorded || Double.isNaN(numeric) && Double.isNaN(recorded)) {
            return true;
        }
        if (!Double.isFinite(numeric) || !Double.isFinite(recorded)) {
            return false;
        }
        return Math.abs(numeric - recorded) <= ULPS * Math.max(Math.ulp(numeric), Math.ulp(recorded));
    }

    /**
     * The same number: NaN equals NaN, and 0 equals -0, since a sweep passes nothing on through a partial of 0 and
     * returns +0 for either zero.
     */
    static boolean sameNumber(double a, double b) {
        return a == b || Double.isNaN(a) && Double.isNaN(b);
    }

    static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    static Intended intended(String function, Which which, double a, double b) {
        for (Intended i : INTENDED) {
            if (i.function().equals(function) && i.which() == which && i.where().at(a, b)) {
                return i;
            }
        }
        return null;
    }

    private static String describe(String function, Which which, String at, double numeric, double recorded) {
        return function + " " + which + " at " + at + ": numeric " + numeric + ", recorded " + recorded
                + (Double.isFinite(numeric) && Double.isFinite(recorded) ? " ("
                + Math.abs(numeric - recorded) / Math.max(Math.ulp(numeric), Math.ulp(recorded)) + " ulps)" : "");
    }

    /** Null if the two agree at x or the point is intended; else what differs. */
    static String unaryMismatch(Unary spec, ElementwiseFunction f, double x) {
        double n = numeric(f, x), r = recorded(f, x);
        if (agree(n, r) || intended(spec.name(), Which.DX, x, 0.0) != null) {
            return null;
        }
        return describe(nameOf(f), Which.DX, Double.toString(x), n, r);
    }

    static String binaryMismatch(BinaryFunction f, Which which, double a, double b) {
        double n = numeric(f, which, a, b), r = recorded(f, which, a, b);
        if (agree(n, r) || intended(f.opName(), which, a, b) != null) {
            return null;
        }
        return describe(f.opName(), which, "(" + a + ", " + b + ")", n, r);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Random points

    @Provide
    Arbitrary<Tuple3<Unary, ElementwiseFunction, Double>> unaryCases() {
        return Arbitraries.of(RuleSpecs.UNARY).flatMap(spec -> Combinators.combine(spec.functions(),
                RuleSpecs.unaryPoints(spec)).as((f, x) -> Tuple.of(spec, f, x)));
    }

    /**
     * At random points of every function's domain and anywhere, the recorded rule agrees with the numeric one (or
     * the point is intended), over scalars and, bit for bit the same, over tensors; every function is checked at 80
     * points or more.
     */
    @Property(tries = 5000)
    void unaryRulesAgree(@ForAll("unaryCases") Tuple3<Unary, ElementwiseFunction, Double> c) {
        Statistics.coverage(coverage -> {
            for (Unary s : RuleSpecs.UNARY) {
                coverage.check(s.name()).count(n -> n >= 80);
            }
        });
        Unary spec = c.get1();
        ElementwiseFunction f = c.get2();
        double x = c.get3();
        String mismatch = unaryMismatch(spec, f, x);
        assertTrue(mismatch == null, mismatch);
        double overTensors = recordedOverTensors(f, new double[] {x})[0];
        assertTrue(sameBits(recorded(f, x), overTensors),
                () -> nameOf(f) + " at " + x + ": over scalars " + recorded(f, x) + ", over tensors " + overTensors);
        Statistics.collect(spec.name());
    }

    @Provide
    Arbitrary<Tuple2<Binary, double[]>> binaryCases() {
        return Arbitraries.of(RuleSpecs.BINARY).flatMap(spec -> RuleSpecs.binaryPoints(spec).map(p -> Tuple.of(spec, p)));
    }

    /** Both partials of every binary function, as {@link #unaryRulesAgree}; every function at 150 points or more. */
    @Property(tries = 3000)
    void binaryRulesAgree(@ForAll("binaryCases") Tuple2<Binary, double[]> c) {
        Statistics.coverage(coverage -> {
            for (Binary s : RuleSpecs.BINARY) {
                coverage.check(s.f().opName()).count(n -> n >= 150);
            }
        });
        BinaryFunction f = c.get1().f();
        double a = c.get2()[0], b = c.get2()[1];
        for (Which which : new Which[] {Which.DA, Which.DB}) {
            String mismatch = binaryMismatch(f, which, a, b);
            assertTrue(mismatch == null, mismatch);
            double overTensors = recordedOverTensors(f, which, new double[] {a}, b)[0];
            assertTrue(sameBits(recorded(f, which, a, b), overTensors), () -> f.opName() + " " + which + " at ("
                    + a + ", " + b + "): over scalars " + recorded(f, which, a, b) + ", over tensors " + overTensors);
        }
        Statistics.collect(f.opName());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every edge value, every pair of them

    /**
     * Every function at every edge value (each parametrization of an activation), and every binary function at every
     * pair: all mismatches are reported at once. Over tensors the edge values form one vector (a binary function's
     * second operand broadcast against it), and every element equals the scalar evaluation bit for bit.
     */
    @Test
    void rulesAgreeAtEveryEdgeValue() {
        List<String> mismatches = new ArrayList<>();
        for (Unary spec : RuleSpecs.UNARY) {
            double[] edges = RuleSpecs.edgesOf(spec.edges());
            for (ElementwiseFunction f : spec.instances()) {
                double[] overTensors = recordedOverTensors(f, edges);
                for (int i = 0; i < edges.length; i++) {
                    String m = unaryMismatch(spec, f, edges[i]);
                    if (m != null) {
                        mismatches.add(m);
                    }
                    if (!sameBits(recorded(f, edges[i]), overTensors[i])) {
                        mismatches.add(nameOf(f) + " at " + edges[i] + ": over scalars " + recorded(f, edges[i])
                                + ", over tensors " + overTensors[i]);
                    }
                }
            }
        }
        for (Binary spec : RuleSpecs.BINARY) {
            double[] edges = RuleSpecs.edgesOf(spec.edges());
            for (Which which : new Which[] {Which.DA, Which.DB}) {
                for (double b : edges) {
                    double[] overTensors = recordedOverTensors(spec.f(), which, edges, b);
                    for (int i = 0; i < edges.length; i++) {
                        double a = edges[i];
                        String m = binaryMismatch(spec.f(), which, a, b);
                        if (m != null) {
                            mismatches.add(m);
                        }
                        if (!sameBits(recorded(spec.f(), which, a, b), overTensors[i])) {
                            mismatches.add(spec.f().opName() + " " + which + " at (" + a + ", " + b
                                    + "): over scalars " + recorded(spec.f(), which, a, b) + ", over tensors "
                                    + overTensors[i]);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                mismatches.size() + " mismatches");
    }

    /**
     * No stale entry: each intended difference is met in the edge grid, at a point where the rules do differ (so an
     * entry whose difference has been fixed must be removed), and names a function that exists.
     */
    @Test
    void everyIntendedDifferenceIsNeeded() {
        Set<Intended> needed = new HashSet<>();
        for (Unary spec : RuleSpecs.UNARY) {
            for (ElementwiseFunction f : spec.instances()) {
                for (double x : RuleSpecs.edgesOf(spec.edges())) {
                    Intended i = intended(spec.name(), Which.DX, x, 0.0);
                    if (i != null && !agree(numeric(f, x), recorded(f, x))) {
                        needed.add(i);
                    }
                }
            }
        }
        for (Binary spec : RuleSpecs.BINARY) {
            double[] edges = RuleSpecs.edgesOf(spec.edges());
            for (Which which : new Which[] {Which.DA, Which.DB}) {
                for (double a : edges) {
                    for (double b : edges) {
                        Intended i = intended(spec.f().opName(), which, a, b);
                        if (i != null && !agree(numeric(spec.f(), which, a, b), recorded(spec.f(), which, a, b))) {
                            needed.add(i);
                        }
                    }
                }
            }
        }
        Set<String> names = new TreeSet<>();
        RuleSpecs.UNARY.forEach(s -> names.add(s.name()));
        RuleSpecs.BINARY.forEach(s -> names.add(s.f().opName()));
        for (Intended i : INTENDED) {
            assertTrue(names.contains(i.function()), "no function named " + i.function());
            assertTrue(needed.contains(i), "intended difference never met in the edge grid (fixed? then remove it): "
                    + i.function() + " " + i.which() + ": " + i.reason());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The guard

    /** The activations: every class in {@link Activations} that implements {@link Activations.Activation}. */
    static Set<Class<?>> activationClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Class<?> c : Activations.class.getDeclaredClasses()) {
            if (!c.isInterface() && Activations.Activation.class.isAssignableFrom(c)) {
                classes.add(c);
            }
        }
        return classes;
    }

    /** Every unary and binary function and every kind of activation has exactly one row; no row names nothing. */
    @Test
    void everyFunctionHasARow() {
        Set<Object> expected = new LinkedHashSet<>(Arrays.asList(UnaryFunction.values()));
        Set<Class<?>> activations = activationClasses();
        assertTrue(activations.size() >= 3, "reflection found too few activations: " + activations);
        expected.addAll(activations);
        List<Object> covered = RuleSpecs.UNARY.stream().map(Unary::covers).collect(Collectors.toList());
        assertEquals(expected, new LinkedHashSet<>(covered), "unary functions and activations without a row (or rows"
                + " naming nothing) in RuleSpecs.UNARY");
        assertEquals(covered.size(), new HashSet<>(covered).size(), "a function has two rows");
        for (Unary spec : RuleSpecs.UNARY) {
            assertTrue(!spec.instances().isEmpty() && spec.smooth().length > 0, spec + ": no instances or no points");
            for (ElementwiseFunction f : spec.instances()) {
                Object kind = f instanceof UnaryFunction ? f : f.getClass();
                assertEquals(spec.covers(), kind, spec + " has an instance of another function: " + f);
            }
        }
        List<BinaryFunction> binaries = RuleSpecs.BINARY.stream().map(Binary::f).collect(Collectors.toList());
        assertEquals(List.of(BinaryFunction.values()), binaries, "binary functions without a row in RuleSpecs.BINARY"
                + " (in declaration order)");
        for (Binary spec : RuleSpecs.BINARY) {
            assertTrue(spec.smooth().length > 0, spec + ": no second-order points");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Faithfulness of the evaluation on constants

    /**
     * The evaluation on constants is exactly what the recorded sweep returns: at every edge value, the first
     * derivative from {@link Tape#recordGradient} on a higher-order tape (a scalar operation, and a tensor operation
     * on a vector of all the edge values) is the same number (the sign of a zero aside), and so are binary partials
     * with both operands recorded, with either one constant, and over tensors.
     */
    @Test
    void constantEvaluationIsWhatTheRecordedSweepReturns() {
        List<String> differences = new ArrayList<>();
        for (Unary spec : RuleSpecs.UNARY) {
            double[] edges = RuleSpecs.edgesOf(spec.edges());
            for (ElementwiseFunction f : spec.instances()) {
                try (Tape tape = Tape.openHigherOrder()) {
                    Tensor x = tape.variable(Tensor.vector(edges));
                    double[] overTensors = tape.recordGradient(x.map(f).sum().item(), x)[0].toArray();
                    for (int i = 0; i < edges.length; i++) {
                        Scalar v = tape.variable(edges[i]);
                        double swept = tape.recordGradient(v.map(f), v)[0].value();
                        double expected = recorded(f, edges[i]);
                        if (!sameNumber(expected, swept) || !sameNumber(expected, overTensors[i])) {
                            differences.add(nameOf(f) + " at " + edges[i] + ": constants " + expected + ", scalar sweep "
                                    + swept + ", tensor sweep " + overTensors[i]);
                        }
                    }
                }
            }
        }
        for (Binary spec : RuleSpecs.BINARY) {
            BinaryFunction f = spec.f();
            double[] edges = RuleSpecs.edgesOf(spec.edges());
            for (double b : edges) {
                try (Tape tape = Tape.openHigherOrder()) {
                    Tensor ta = tape.variable(Tensor.vector(edges));
                    Tensor tb = tape.variable(Tensor.full(b, edges.length));
                    Tensor[] overTensors = tape.recordGradient(ta.zip(f, tb).sum().item(), ta, tb);
                    for (int i = 0; i < edges.length; i++) {
                        double a = edges[i];
                        Scalar sa = tape.variable(a), sb = tape.variable(b);
                        Scalar[] both = tape.recordGradient(sa.zip(f, sb), sa, sb);
                        double onlyA = tape.recordGradient(sa.zip(f, b), sa)[0].value();
                        double onlyB = tape.recordGradient(Scalar.constant(a).zip(f, sb), sb)[0].value();
                        double da = recorded(f, Which.DA, a, b), db = recorded(f, Which.DB, a, b);
                        if (!sameNumber(da, both[0].value()) || !sameNumber(da, onlyA)
                                || !sameNumber(da, overTensors[0].get(i)) || !sameNumber(db, both[1].value())
                                || !sameNumber(db, onlyB) || !sameNumber(db, overTensors[1].get(i))) {
                            differences.add(f.opName() + " at (" + a + ", " + b + "): constants " + da + ", " + db
                                    + "; swept " + both[0].value() + ", " + both[1].value() + "; one constant "
                                    + onlyA + ", " + onlyB + "; tensors " + overTensors[0].get(i) + ", "
                                    + overTensors[1].get(i));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                differences.size() + " differences");
    }
}
