package dev.autodiff.core.check;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradCheckTest {

    @Test
    void passesOnACorrectGradient() {
        ScalarFunction f = x -> x[0].mul(x[1]).sin().add(x[0].square()).add(x[2].exp().mul(x[1]));
        GradCheckReport report = GradCheck.check(f, 1.5, -0.5, 0.25).assertPassed();
        assertEquals(3, report.entries().size());
        assertTrue(report.worst().relError() < 1e-8, report.toString());
        assertTrue(report.toString().startsWith("gradient check passed: 0 of 3 inputs failed"), report.toString());
    }

    /** A classic user bug: value() takes a number off the tape, so reverse mode misses that path. */
    @Test
    void catchesAGraphCutByValueAndNamesTheInput() {
        ScalarFunction f = x -> x[0].add(x[1].mul(Scalar.constant(x[1].value())));   // meant x0 + x1^2
        GradCheckReport report = GradCheck.check(f, 2.0, 3.0);
        assertFalse(report.passed());
        assertEquals(1, report.failures().size());
        GradCheckReport.Entry bad = report.failures().get(0);
        assertEquals(1, bad.index());
        assertEquals(3.0, bad.x(), 0.0);
        assertEquals(3.0, bad.analytic(), 0.0);
        assertEquals(6.0, bad.numeric(), 1e-8);
        assertEquals(3.0, bad.absError(), 1e-8);
        assertEquals(0.5, bad.relError(), 1e-8);
        assertEquals(bad, report.worst());
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("1 of 2 inputs failed"), e.getMessage());
        assertTrue(e.getMessage().contains("input[1] (x = 3.0"), e.getMessage());
        assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
    }

    /**
     * At a kink finite differences see an average slope, reverse mode the stated one-sided choice: they disagree,
     * and the check must say it cannot tell rather than blame the gradient. Wherever the kink lies in the step.
     */
    @Test
    void aKinkWithinTheStepIsInconclusiveNotFailed() {
        GradCheckReport report = GradCheck.check(x -> x[0].relu(), 0.0);
        assertEquals(GradCheck.Verdict.INCONCLUSIVE, report.worst().verdict());
        assertEquals(0.0, report.entries().get(0).analytic(), 0.0);
        assertEquals(0.5, report.entries().get(0).numeric(), 1e-9);
        assertTrue(report.toString().contains("not smooth within a finite-difference step"), report.toString());
        double h = FiniteDifferences.step(0);
        for (double d : new double[] {1e-12, h / 10, h / 7, h / 3, h / 2, 0.8 * h, -h / 5}) {
            for (ScalarFunction f : new ScalarFunction[] {x -> x[0].relu(), x -> x[0].abs().mul(3),
                    x -> x[0].max(Scalar.constant(0)).add(x[0].square())}) {
                GradCheckReport r = GradCheck.check(f, d);
                assertTrue(r.failures().isEmpty(), "kink at " + d / h + " h: " + r);
            }
        }
        // a wrong gradient of a smooth function is still a failure
        assertEquals(GradCheck.Verdict.FAIL,
                GradCheck.check(x -> x[0].mul(Scalar.constant(x[0].value())), 0.7).worst().verdict());
    }

    /** f = 1e10 + x: the differences of f carry rounding noise near eps |f| / h ~ 0.4, too much to judge. */
    @Test
    void hugeFunctionValuesAreInconclusiveNotPassed() {
        GradCheckReport correct = GradCheck.check(x -> x[0].add(1e10), 0.3);
        assertFalse(correct.passed(), correct.toString());
        assertEquals(GradCheck.Verdict.INCONCLUSIVE, correct.entries().get(0).verdict());
        assertTrue(correct.toString().contains("INCONCLUSIVE (finite-difference noise"), correct.toString());
        // a wrong gradient hidden in the same noise is not passed either
        GradCheckReport wrong = GradCheck.check(x -> x[0].mul(Scalar.constant(x[0].value())).add(1e11), 3.0);
        assertFalse(wrong.passed(), wrong.toString());
        // and one outside the noise fails outright
        assertEquals(GradCheck.Verdict.FAIL, GradCheck.check(
                x -> x[0].mul(Scalar.constant(x[0].value())).add(1e10), 30.0).entries().get(0).verdict());
        AssertionError e = assertThrows(AssertionError.class, correct::assertPassed);
        assertTrue(e.getMessage().startsWith("gradient check INCONCLUSIVE: 0 of 1 inputs failed, 1 inconclusive"),
                e.getMessage());
    }

    /** Near 0, log and 1/x vary on the scale of the step: the truncation estimate keeps correct gradients passing. */
    @Test
    void functionsVaryingOnTheScaleOfTheStepStillPass() {
        GradCheck.check(x -> x[0].log(), 5e-5).assertPassed();
        GradCheck.check(x -> x[0].pow(-1), 1e-4).assertPassed();
        GradCheck.check(x -> x[0].sqrt(), 1e-5).assertPassed();
        GradCheck.options().withRichardson(false).check(x -> x[0].log(), 5e-4).assertPassed();
    }

    @Test
    void infinitiesAndNaN() {
        assertTrue(GradCheck.check(x -> x[0].log(), -1.0).passed(), "NaN analytic and NaN numeric agree");
        // sqrt at 0: analytic +inf, numeric NaN (sqrt of -h): the step left the domain
        assertEquals(GradCheck.Verdict.INCONCLUSIVE, GradCheck.check(x -> x[0].sqrt(), 0.0).worst().verdict());
        // log at 1e-6: x - h < 0
        assertEquals(GradCheck.Verdict.INCONCLUSIVE, GradCheck.check(x -> x[0].log(), 1e-6).worst().verdict());
        // exp overflows within a step: numeric +inf against a finite analytic value proves nothing
        assertEquals(GradCheck.Verdict.INCONCLUSIVE,
                GradCheck.options().withRichardson(false).check(x -> x[0].exp(), 709.78).worst().verdict());
        // an infinite analytic derivative where the function is smooth is a bug
        GradCheckReport report = GradCheck.check(
                x -> x[0].sub(Scalar.constant(x[0].value())).cbrt().add(x[0]), 2.0);
        assertEquals(GradCheck.Verdict.FAIL, report.worst().verdict(), report.toString());
        // exp(800 +- h) are both +inf and inf - inf is NaN: nothing to compare
        assertEquals(GradCheck.Verdict.INCONCLUSIVE, GradCheck.check(x -> x[0].exp(), 800.0).worst().verdict());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().withRtol(-1));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().withAtol(Double.NaN));
        GradCheck.Options plain = GradCheck.options().withRichardson(false).withRtol(1e-5).withAtol(1e-7);
        GradCheckReport report = plain.check(x -> x[0].exp(), 1.0).assertPassed();
        assertEquals(plain, report.options());
    }
}
