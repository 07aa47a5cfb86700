package dev.autodiff.core;

import dev.autodiff.core.testing.FunctionSpecs;
import dev.autodiff.core.testing.FunctionSpecs.Interval;
import dev.autodiff.core.testing.FunctionSpecs.Region;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The facts of {@link FunctionSpecs} hold together: every entry's methods apply the entry's function, its intervals
 * keep clear of its singular points and {@link FunctionSpecs#KINK_MARGIN} from its kinks, and its second-order points
 * are smooth points. The tables that read the entries rely on all three.
 */
class FunctionSpecsTest {

    /** Points of each interval: its ends and two fractions of the way through. */
    private static double[] pointsOf(List<Interval> intervals) {
        return intervals.stream().flatMapToDouble(i -> Arrays.stream(new double[] {i.at(0), i.at(0.37), i.at(0.81),
                i.hi()})).toArray();
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    @Test
    void everyEntrysMethodsApplyItsFunction() {
        List<String> wrong = new ArrayList<>();
        for (FunctionSpecs.Unary spec : FunctionSpecs.UNARY) {
            for (double[] p : spec.parameters()) {
                ElementwiseFunction f = RuleSpecs.instance(spec, p);
                if (!f.opName().equals(spec.name())) {
                    wrong.add(spec.label(p) + " builds " + f.opName());
                }
                double[] xs = pointsOf(spec.smooth(p));
                double[] overTensors = spec.onTensor(Tensor.vector(xs), p).toArray();
                for (int i = 0; i < xs.length; i++) {
                    double expected = f.value(xs[i]);
                    boolean scalar = !spec.hasScalarMethod()
                            || same(expected, spec.onScalar(Scalar.constant(xs[i])).value());
                    if (!same(expected, overTensors[i]) || !scalar) {
                        wrong.add(spec.label(p) + " at " + xs[i]);
                    }
                }
            }
        }
        for (FunctionSpecs.Binary spec : FunctionSpecs.BINARY) {
            BinaryFunction f = spec.function();
            for (Region r : spec.regions()) {
                for (double a : pointsOf(r.a())) {
                    for (double b : pointsOf(r.b())) {
                        double expected = f.value(a, b);
                        Tensor ta = Tensor.vector(a, -a), tb = Tensor.vector(b);
                        double[] expectedPair = {expected, f.value(-a, b)};
                        List<double[]> results = new ArrayList<>(List.of(
                                new double[] {spec.onScalars(Scalar.constant(a), Scalar.constant(b)).value()},
                                new double[] {spec.onScalarAndDouble(Scalar.constant(a), b).value()},
                                spec.onTensors(ta, tb).toArray()));
                        if (spec.hasTensorAndDouble()) {
                            results.add(spec.onTensorAndDouble(ta, b).toArray());
                        }
                        if (spec.hasTensorAndScalar()) {
                            results.add(spec.onTensorAndScalar(ta, Scalar.constant(b)).toArray());
                        }
                        for (double[] result : results) {
                            for (int i = 0; i < result.length; i++) {
                                if (!same(expectedPair[i], result[i])) {
                                    wrong.add(spec + " at (" + (i == 0 ? a : -a) + ", " + b + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "methods that do not apply their entry's function");
    }

    @Test
    void intervalsKeepClearOfSingularPointsAndKinks() {
        List<String> wrong = new ArrayList<>();
        for (FunctionSpecs.Unary spec : FunctionSpecs.UNARY) {
            for (Interval i : spec.intervals()) {
                for (double s : spec.singular()) {
                    if (i.contains(s)) {
                        wrong.add(spec + ": " + i + " holds the singular point " + s);
                    }
                }
            }
            for (double[] p : spec.parameters()) {
                List<Interval> smooth = spec.smooth(p);
                for (double k : spec.kinkPoints(p)) {
                    for (Interval i : smooth) {
                        double gap = Math.max(i.lo() - k, k - i.hi());       // k - margin rounds: 1e-9 of slack
                        if (!(gap >= FunctionSpecs.KINK_MARGIN * (1 - 1e-9))) {
                            wrong.add(spec.label(p) + ": " + i + " comes within the margin of the kink " + k);
                        }
                    }
                }
            }
        }
        for (FunctionSpecs.Binary spec : FunctionSpecs.BINARY) {
            for (Region r : spec.regions()) {
                for (double a : pointsOf(r.a())) {
                    for (double b : pointsOf(r.b())) {
                        if (r.contains(a, b) && !Double.isFinite(spec.function().value(a, b))) {
                            wrong.add(spec + ": not finite at (" + a + ", " + b + ") in " + r);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void secondOrderPointsAreSmooth() {
        List<String> wrong = new ArrayList<>();
        for (FunctionSpecs.Unary spec : FunctionSpecs.UNARY) {
            for (double x : spec.secondOrder()) {
                for (double s : spec.singular()) {
                    if (x == s) {
                        wrong.add(spec + " at its singular point " + x);
                    }
                }
                for (double[] p : spec.parameters()) {
                    for (double k : spec.kinkPoints(p)) {
                        if (Math.abs(x - k) < FunctionSpecs.KINK_MARGIN) {
                            wrong.add(spec.label(p) + " at " + x + ", next to its kink " + k);
                        }
                    }
                }
            }
        }
        for (FunctionSpecs.Binary spec : FunctionSpecs.BINARY) {
            for (double[] x : spec.secondOrder()) {
                if (spec.kinkDistance(x[0], x[1]) < FunctionSpecs.KINK_MARGIN) {
                    wrong.add(spec + " at " + Arrays.toString(x) + ", next to its switch");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
