package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutodiffTest {
    private static final ScalarFunction ROSENBROCK_2D =
            x -> Scalar.constant(1).sub(x[0]).square().add(x[1].sub(x[0].square()).square().mul(100));

    @Test
    void gradAndValueAndGrad() {
        double[] x = {-1.2, 1.0};
        // df/dx = -2(1 - x) - 400 x (y - x^2), df/dy = 200 (y - x^2)
        assertArrayEquals(new double[] {-215.6, -88.0}, Autodiff.grad(ROSENBROCK_2D, x), 1e-12);
        ValueAndGradient vg = Autodiff.valueAndGrad(ROSENBROCK_2D, x);
        assertEquals(24.2, vg.value(), 1e-12);
        assertArrayEquals(new double[] {-215.6, -88.0}, vg.gradient(), 1e-12);
        assertArrayEquals(new double[] {-1.2, 1.0}, x, 0.0, "input unchanged");
        assertEquals(24.2, ROSENBROCK_2D.valueAt(x), 1e-12);
    }

    @Test
    void valueAndGradientIsImmutable() {
        ValueAndGradient vg = Autodiff.valueAndGrad(x -> x[0].mul(x[1]), 2, 3);
        vg.gradient()[0] = 99;
        assertArrayEquals(new double[] {3, 2}, vg.gradient(), 0.0);
        assertEquals(vg, new ValueAndGradient(6, new double[] {3, 2}));
    }

    @Test
    void jacobianOfPolarCoordinates() {
        double r = 2, theta = 0.7;
        double[][] j = Autodiff.jacobian(x -> new Scalar[] {x[0].mul(x[1].cos()), x[0].mul(x[1].sin()),
                Scalar.constant(5)}, r, theta);
        assertArrayEquals(new double[] {Math.cos(theta), -r * Math.sin(theta)}, j[0], 1e-15);
        assertArrayEquals(new double[] {Math.sin(theta), r * Math.cos(theta)}, j[1], 1e-15);
        assertArrayEquals(new double[] {0, 0}, j[2], 0.0, "a constant output has a zero row");
    }

    @Test
    void functionsThatIgnoreTheirInputHaveZeroGradient() {
        assertArrayEquals(new double[] {0, 0}, Autodiff.grad(x -> Scalar.constant(7), 1, 2), 0.0);
        assertArrayEquals(new double[0], Autodiff.grad(x -> Scalar.constant(7)), 0.0);
    }

    @Test
    void badFunctionsGetClearErrors() {
        try (Tape other = Tape.open()) {
            Scalar foreign = other.variable(1);
            TapeMisuseException e = assertThrows(TapeMisuseException.class,
                    () -> Autodiff.grad(x -> foreign, 1.0));
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE, e.kind());
        }
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Autodiff.grad(x -> null, 1.0));
        assertTrue(npe.getMessage().contains("returned null"), npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> Autodiff.jacobian(x -> new Scalar[] {x[0], null}, 1.0));
        assertTrue(npe.getMessage().contains("output 1"), npe.getMessage());
    }

    @Test
    void leakedNodesAreUnusable() {
        Scalar[] leaked = new Scalar[1];
        Autodiff.grad(x -> leaked[0] = x[0].square(), 3.0);
        assertEquals(9.0, leaked[0].value(), 0.0);
        assertEquals(TapeMisuseException.Kind.CLOSED,
                assertThrows(TapeMisuseException.class, () -> leaked[0].add(1)).kind());
    }
}
