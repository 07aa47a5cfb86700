package dev.autodiff.core;

import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.check.GradCheckReport;
import dev.autodiff.core.testing.Expressions;
import dev.autodiff.core.testing.FunctionSpecs;
import dev.autodiff.core.testing.TensorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every random expression over the smooth tensor operations, at a random point, reverse mode equals finite
 * differences (full Jacobian), and so does reverse mode through a recorded gradient at second order. A failure shrinks
 * to the smallest expression that breaks, which names the operation.
 */
class ExpressionProperties {

    @Provide
    Arbitrary<Tuple2<Expressions.Expression, Tensor>> cases() {
        Arbitrary<Tensor> points = Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(1, 3), net.jqwik.api.Arbitraries.integers().between(1, 3))
                .as((n, m) -> new int[] {n, m}).flatMap(shape -> TensorArbitraries.tensors(shape, -1.5, 1.5));
        return Combinators.combine(Expressions.trees(4), points).as(Tuple::of);
    }

    @Property(tries = 400)
    void reverseModeEqualsFiniteDifferences(@ForAll("cases") Tuple2<Expressions.Expression, Tensor> c) {
        GradCheckReport report = GradCheck.check(c.get1(), c.get2());
        assertTrue(report.failures().isEmpty(), () -> c.get1() + " at " + c.get2() + ": " + report);
        Statistics.collect(report.passed() ? "decided" : "inconclusive");
        Assume.that(report.passed());
    }

    @Property(tries = 200)
    void secondOrderEqualsFiniteDifferencesOfTheGradient(@ForAll("cases") Tuple2<Expressions.Expression, Tensor> c) {
        GradCheckReport report = GradCheck.checkSecondOrder(c.get1(), 7L, c.get2());
        assertTrue(report.failures().isEmpty(), () -> c.get1() + " at " + c.get2() + ": " + report);
        Statistics.collect(report.passed() ? "decided" : "inconclusive");
        Assume.that(report.passed());
    }

    @Provide
    Arbitrary<Tuple2<Expressions.Expression, Tensor>> kinkedCases() {
        Arbitrary<Tensor> points = Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(1, 3), net.jqwik.api.Arbitraries.integers().between(1, 3))
                .as((n, m) -> new int[] {n, m}).flatMap(shape -> TensorArbitraries.tensors(shape, -1.5, 1.5));
        return Combinators.combine(Expressions.treesWithKinks(4), points).as(Tuple::of);
    }

    /**
     * The kinked operations too (relu, abs, clamp, maximum, where with a computed mask...), at points at least
     * {@link FunctionSpecs#KINK_MARGIN} (1e-3) from every kink the expression meets, where a finite-difference step
     * (about 1e-5) sees a smooth function.
     */
    @Property(tries = 400)
    void kinkedExpressionsAwayFromTheirKinks(@ForAll("kinkedCases") Tuple2<Expressions.Expression, Tensor> c) {
        Assume.that(Expressions.kinkMargin(c.get1(), c.get2()) > FunctionSpecs.KINK_MARGIN);
        GradCheckReport report = GradCheck.check(c.get1(), c.get2());
        assertTrue(report.failures().isEmpty(), () -> c.get1() + " at " + c.get2() + ": " + report);
        GradCheckReport second = GradCheck.checkSecondOrder(c.get1(), 7L, c.get2());
        assertTrue(second.failures().isEmpty(), () -> "second order: " + c.get1() + " at " + c.get2() + ": " + second);
        Statistics.collect(report.passed() && second.passed() ? "decided" : "inconclusive");
    }
}
