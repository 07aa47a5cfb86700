package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** erf, erfc and GELU against published values (Abramowitz and Stegun; the standard normal table). */
class SpecialFunctionsTest {

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                "expected " + expected + " but was " + actual);
    }

    @Test
    void erfAtKnownPoints() {
        assertEquals(0.0, SpecialFunctions.erf(0.0), 0.0);
        assertRelative(0.5204998778130465, SpecialFunctions.erf(0.5), 1e-14);
        assertRelative(0.8427007929497149, SpecialFunctions.erf(1.0), 1e-14);
        assertRelative(0.9953222650189527, SpecialFunctions.erf(2.0), 1e-14);
        assertRelative(-0.8427007929497149, SpecialFunctions.erf(-1.0), 1e-14);
        assertEquals(1.0, SpecialFunctions.erf(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, SpecialFunctions.erf(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(SpecialFunctions.erf(Double.NaN)));
    }

    @Test
    void erfcKeepsItsTail() {
        assertRelative(2.209049699858544e-05, SpecialFunctions.erfc(3.0), 1e-13);
        assertRelative(1.5374597944280349e-12, SpecialFunctions.erfc(5.0), 1e-13);
        assertRelative(2.088487583762545e-45, SpecialFunctions.erfc(10.0), 1e-13);
        assertRelative(0.004677734981047266, SpecialFunctions.erfc(2.0), 1e-13);
        assertRelative(1.9999779095030015, SpecialFunctions.erfc(-3.0), 1e-15);
        assertEquals(0.0, SpecialFunctions.erfc(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(2.0, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY), 0.0);
        for (double x = -4; x <= 4; x += 0.37) {                 // the two halves of the algorithm agree
            assertEquals(1.0, SpecialFunctions.erf(x) + SpecialFunctions.erfc(x), 4e-16, "at " + x);
        }
    }

    @Test
    void geluIsXTimesTheNormalDistribution() {
        double[][] phi = {{1, 0.8413447460685429}, {-1, 0.15865525393145705}, {2, 0.9772498680518208},
                {-3, 0.0013498980316300946}};
        for (double[] p : phi) {
            assertRelative(p[0] * p[1], UnaryFunction.GELU.value(p[0]), 1e-14);
        }
        assertEquals(0.0, UnaryFunction.GELU.value(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, UnaryFunction.GELU.value(Double.POSITIVE_INFINITY), 0.0);
    }
}
