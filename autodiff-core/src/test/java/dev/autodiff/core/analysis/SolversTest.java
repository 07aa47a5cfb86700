package dev.autodiff.core.analysis;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.VectorFunction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Newton beside gradient descent, and Lagrange multipliers, on problems with known answers. */
class SolversTest {
    static final ScalarFunction SADDLE = x -> x[0].square().sub(x[1].square());
    static final ScalarFunction ROSENBROCK = x -> Scalar.constant(1).sub(x[0]).square()
            .add(x[1].sub(x[0].square()).square().mul(100));

    @Test
    void newtonStepsOntoTheSaddleWhileGradientDescentSlidesAway() {
        Solution newton = Newton.findCriticalPoint(SADDLE, 0.3, 0.2);
        assertTrue(newton.converged());
        assertEquals(1, newton.iterations());
        assertArrayEquals(new double[] {0, 0}, newton.x(), 0.0);
        assertEquals(CriticalPoint.Kind.SADDLE, CriticalPoint.classify(SADDLE, newton.x()).kind());

        Solution descent = GradientDescent.minimize(SADDLE, new double[] {0.3, 0.2}, 0.1, 1e-8, 50);
        assertFalse(descent.converged());
        double[] x = descent.x();
        assertEquals(0.3 * Math.pow(0.8, 50), x[0], 1e-15);          // x shrinks by 1 - 2 lr per step
        assertEquals(0.2 * Math.pow(1.2, 50), x[1], 1e-6);           // y grows by 1 + 2 lr: away from the saddle
        assertEquals(51, descent.path().size());
    }

    @Test
    void bothReachRosenbrocksMinimumAtVeryDifferentCost() {
        Solution newton = Newton.minimize(ROSENBROCK, -1.2, 1.0);
        assertTrue(newton.converged(), newton.toString());
        assertArrayEquals(new double[] {1, 1}, newton.x(), 1e-10);
        assertTrue(newton.iterations() <= 25, newton.toString());
        Solution descent = GradientDescent.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, 1e-3, 1e-6, 100_000);
        assertTrue(descent.converged(), descent.toString());
        assertArrayEquals(new double[] {1, 1}, descent.x(), 1e-4);
        assertTrue(descent.iterations() > 100 * newton.iterations(), descent + " vs " + newton);
    }

    @Test
    void newtonForACriticalPointStallsInRosenbrocksValleyAndSaysSo() {
        Solution s = Newton.findCriticalPoint(ROSENBROCK, -1.2, 1.0);
        assertFalse(s.converged(), s.toString());
        assertTrue(s.gradientNorm() > 1e-3, s.toString());
    }

    @Test
    void newtonMinimizeIsRepelledBySaddles() {
        // started next to the saddle of x^2 - y^2 + y^4/4 (minima at y = +-sqrt 2), it goes to a minimum instead
        Solution s = Newton.minimize(x -> x[0].square().sub(x[1].square()).add(x[1].pow(4).div(4)), 0.3, 0.2);
        assertTrue(s.converged(), s.toString());
        assertArrayEquals(new double[] {0, Math.sqrt(2)}, s.x(), 1e-10);
    }

    @Test
    void newtonReportsAStallInsteadOfAWrongAnswer() {
        // f = x^4 + 1 far out: Newton converges only linearly toward the degenerate minimum; with few steps it stops
        Solution s = Newton.findCriticalPoint(x -> x[0].pow(4).add(1), new double[] {1.0}, 1e-14, 3);
        assertFalse(s.converged());
        assertEquals(3, s.iterations());
        assertEquals(Math.pow(2.0 / 3.0, 3), s.x()[0], 1e-15);      // x <- x - x/3 each step
    }

    @Test
    void lagrangeFindsTheClosestPointOnALine() {
        Lagrange.Result r = Lagrange.solve(v -> v[0].square().add(v[1].square()),
                v -> new Scalar[] {v[0].add(v[1]).sub(1)}, 0, 0);
        assertArrayEquals(new double[] {0.5, 0.5}, r.x(), 1e-12);
        assertArrayEquals(new double[] {-1}, r.multipliers(), 1e-12);
        assertEquals(0.5, r.value(), 1e-12);
        assertEquals(CriticalPoint.Kind.MINIMUM, r.kind());
        assertArrayEquals(new double[] {0, 1, 1}, r.borderedHessian()[0], 1e-12);
        assertArrayEquals(new double[] {1, 2, 0}, r.borderedHessian()[1], 1e-12);
    }

    @Test
    void lagrangeClassifiesConstrainedMaximaAndSaddles() {
        VectorFunction circle = v -> new Scalar[] {v[0].square().add(v[1].square()).sub(1)};
        // f = x on the unit circle: maximum at (1, 0), minimum at (-1, 0)
        Lagrange.Result max = Lagrange.solve(v -> v[0], circle, 0.8, 0.3);
        assertArrayEquals(new double[] {1, 0}, max.x(), 1e-10);
        assertEquals(CriticalPoint.Kind.MAXIMUM, max.kind());
        assertEquals(-0.5, max.multipliers()[0], 1e-10);
        Lagrange.Result min = Lagrange.solve(v -> v[0], circle, -0.7, 0.2);
        assertEquals(CriticalPoint.Kind.MINIMUM, min.kind());
        // f = x^2 - y^2 - z^2... restricted to the plane z = 0: a saddle of x^2 - y^2 there
        Lagrange.Result saddle = Lagrange.solve(v -> v[0].square().sub(v[1].square()).add(v[2]),
                v -> new Scalar[] {v[2]}, 0.1, 0.1, 0.1);
        assertEquals(CriticalPoint.Kind.SADDLE, saddle.kind());
        assertArrayEquals(new double[] {0, 0, 0}, saddle.x(), 1e-12);
    }

    @Test
    void dependentOrInconsistentConstraintsGetAClearError() {
        ScalarFunction f = v -> v[0].square().add(v[1].square());
        IllegalArgumentException redundant = assertThrows(IllegalArgumentException.class, () -> Lagrange.solve(f,
                v -> new Scalar[] {v[0].add(v[1]).sub(1), v[0].mul(2).add(v[1].mul(2)).sub(2)}, 0, 0));
        assertTrue(redundant.getMessage().contains("constraints 0, 1 are linearly dependent"), redundant.getMessage());
        IllegalArgumentException inconsistent = assertThrows(IllegalArgumentException.class, () -> Lagrange.solve(f,
                v -> new Scalar[] {v[0].add(v[1]).sub(1), v[0].add(v[1]).sub(2)}, 0, 0));
        assertTrue(inconsistent.getMessage().contains("redundant or inconsistent"), inconsistent.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> Lagrange.solve(f,
                v -> new Scalar[] {v[0], v[1], v[0].add(v[1])}, 0, 0));
        assertTrue(tooMany.getMessage().contains("got 3"), tooMany.getMessage());
    }

    @Test
    void solverArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Newton.findCriticalPoint(SADDLE, new double[] {1, 1}, 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.minimize(SADDLE, new double[] {1, 1}, -0.1, 1e-8, 10));
    }
}
