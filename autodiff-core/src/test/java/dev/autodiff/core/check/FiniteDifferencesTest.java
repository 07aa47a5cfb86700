package dev.autodiff.core.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiniteDifferencesTest {

    @Test
    void stepIsCbrtEpsScaledByTheCoordinate() {
        assertEquals(Math.cbrt(Math.ulp(1.0)), FiniteDifferences.step(0.0), 0.0);
        assertEquals(FiniteDifferences.step(0.5), FiniteDifferences.step(-1.0), 0.0);
        assertEquals(1000 * FiniteDifferences.CBRT_EPS, FiniteDifferences.step(-1000.0), 1e-18);
    }

    @Test
    void centralDifferencesReachAboutTenDigits() {
        double[] x = {1.0, -2.0, 30.0};
        double[] exact = {Math.exp(1.0), Math.cos(-2.0), 1.0 / 30.0};
        for (boolean richardson : new boolean[] {false, true}) {
            double[] g = FiniteDifferences.gradient(v -> Math.exp(v[0]) + Math.sin(v[1]) + Math.log(v[2]), x,
                    richardson);
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(g[i] - exact[i]) <= 1e-9 * Math.abs(exact[i]),
                        "richardson " + richardson + ", input " + i + ": " + g[i] + " vs " + exact[i]);
            }
        }
        assertArrayEquals(new double[] {1.0, -2.0, 30.0}, x, 0.0, "input unchanged");
    }

    @Test
    void richardsonRemovesTheSecondOrderError() {
        // f = x^3 at x = 1: central differences are off by exactly h^2 (the third derivative's term), Richardson not
        double h = FiniteDifferences.step(1.0);
        FiniteDifferences.Estimate plain = FiniteDifferences.partial(v -> v[0] * v[0] * v[0], new double[] {1}, 0,
                false);
        FiniteDifferences.Estimate extrapolated = FiniteDifferences.partial(v -> v[0] * v[0] * v[0],
                new double[] {1}, 0, true);
        assertEquals(3 + h * h, plain.derivative(), 20 * plain.roundoff());
        assertEquals(3, extrapolated.derivative(), 20 * extrapolated.roundoff());
        assertEquals(h, plain.step(), 0.0);
        // the truncation estimates: about h^2 for plain differences, about 0 (below rounding) once extrapolated
        assertEquals(h * h, plain.truncation(), 0.1 * h * h + 20 * plain.roundoff());
        assertTrue(extrapolated.truncation() < 20 * extrapolated.roundoff(), extrapolated.toString());
    }

    @Test
    void truncationEstimateIsLargeWhereTheFunctionVariesOnTheStepsScale() {
        FiniteDifferences.Estimate e = FiniteDifferences.partial(v -> Math.log(v[0]), new double[] {2e-5}, 0, true);
        double error = Math.abs(e.derivative() - 1 / 2e-5);
        assertTrue(error <= e.truncation() && e.truncation() <= 100 * error, e + " vs actual error " + error);
    }

    @Test
    void kinkEstimateSeparatesSmoothFromKinked() {
        for (double x : new double[] {-2, 0.3, 1, 7}) {
            FiniteDifferences.Estimate smooth = FiniteDifferences.partial(v -> Math.exp(v[0]) * Math.sin(v[0]),
                    new double[] {x}, 0, true);
            assertTrue(smooth.kink() < 80 * smooth.roundoff() + 1e-9, "smooth at " + x + ": " + smooth);
        }
        double h = FiniteDifferences.step(0);
        for (double d : new double[] {0, h / 10, h / 3, h / 2, 0.9 * h}) {   // |x| kinked at distance d
            FiniteDifferences.Estimate kinked = FiniteDifferences.partial(v -> Math.abs(v[0]), new double[] {d}, 0,
                    true);
            assertTrue(kinked.kink() > 0.05, "a kink at distance " + d / h + " h: " + kinked);
        }
    }

    @Test
    void evaluationCount() {
        int[] calls = {0};
        FiniteDifferences.gradient(v -> ++calls[0], new double[7]);
        assertEquals(14, calls[0], "2n evaluations");
        calls[0] = 0;
        FiniteDifferences.gradient(v -> ++calls[0], new double[7], true);
        assertEquals(28, calls[0], "4n with Richardson");
        calls[0] = 0;
        FiniteDifferences.partial(v -> ++calls[0], new double[1], 0, true);
        assertEquals(7, calls[0], "an estimate with its error and smoothness estimates: f(x) and 3 differences");
    }
}
