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

    /** At a kink finite differences see the average slope, reverse mode the stated one-sided choice. */
    @Test
    void aKinkIsReportedNotHidden() {
        GradCheckReport report = GradCheck.check(x -> x[0].relu(), 0.0);
        assertFalse(report.passed());
        assertEquals(0.0, report.entries().get(0).analytic(), 0.0);
        assertEquals(0.5, report.entries().get(0).numeric(), 1e-9);
    }

    /** f = 1e10 + x: the differences of f carry rounding noise near eps |f| / h ~ 0.4; the allowance knows it. */
    @Test
    void largeFunctionValuesWidenTheAllowanceByTheRoundingBound() {
        GradCheckReport report = GradCheck.check(x -> x[0].add(1e10).sin().mul(0).add(x[0]).add(1e10), 0.3);
        assertTrue(report.passed(), report.toString());
        assertTrue(report.entries().get(0).allowed() > 0.1, report.toString());
        // and an honest error far outside the noise still fails
        assertFalse(GradCheck.check(x -> x[0].mul(Scalar.constant(x[0].value())).add(1e10), 30.0).passed());
    }

    @Test
    void infinitiesAndNaNAgreeOnlyWithThemselves() {
        assertTrue(GradCheck.check(x -> x[0].log(), -1.0).passed(), "NaN analytic and NaN numeric agree");
        GradCheckReport report = GradCheck.check(x -> x[0].sqrt(), 0.0);
        assertFalse(report.passed(), "analytic +inf, numeric NaN (sqrt of -h): " + report);
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
