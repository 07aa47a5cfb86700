package dev.autodiff.core;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Derivatives known in closed form, compared with reverse mode to within a few rounding errors. */
class ClosedFormTest {

    /** d/dx x^x = x^x (1 + ln x): base and exponent are the same node. */
    @Property(tries = 200)
    void xToTheX(@ForAll @DoubleRange(min = 0.05, max = 6) double x) {
        double[] g = Autodiff.grad(v -> v[0].pow(v[0]), x);
        double expected = Math.pow(x, x) * (1 + Math.log(x));
        assertEquals(expected, g[0], 1e-13 * Math.max(1, Math.abs(expected)));
    }

    /** Rosenbrock's function written with Scalar operations, as a user would. */
    static Scalar rosenbrock(Scalar[] x) {
        Scalar f = Scalar.constant(0);
        for (int i = 0; i + 1 < x.length; i++) {
            Scalar t1 = x[i + 1].sub(x[i].square());
            Scalar t2 = Scalar.constant(1).sub(x[i]);
            f = f.add(t1.square().mul(100).add(t2.square()));
        }
        return f;
    }

    /** The analytic gradient of Rosenbrock's function, term by term. */
    static double[] rosenbrockGradient(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            double t1 = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * t1 - 2 * (1 - x[i]);
            g[i + 1] += 200 * t1;
        }
        return g;
    }

    @Test
    void rosenbrockAtThousandDimensions() {
        int n = 1000;
        double[] w1 = new double[n];
        double[] random = new double[n];
        Random rng = new Random(42);
        for (int i = 0; i < n; i++) {
            w1[i] = 1 + 0.1 * Math.sin(i);               // the benchmark inputs of W1
            random[i] = 4 * rng.nextDouble() - 2;
        }
        for (double[] x : new double[][] {w1, random}) {
            double[] expected = rosenbrockGradient(x);
            double[] actual = Autodiff.grad(ClosedFormTest::rosenbrock, x);
            for (int i = 0; i < n; i++) {
                // each component is a sum of three terms of size up to ~1e3: a few ulps of that
                assertEquals(expected[i], actual[i], 1e-12 * 1e3, "component " + i);
            }
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        assertArrayEquals(new double[n], Autodiff.grad(ClosedFormTest::rosenbrock, ones), 0.0,
                "the minimum at (1, ..., 1) has gradient exactly 0");
    }

    @Test
    void logSumExpGradientIsSoftmax() {
        double[] x = {1000, 999, -3, 0.5};
        // log(sum exp x_i), stabilised by the max the way a user writes it
        ScalarFunction lse = v -> {
            Scalar m = v[0];
            for (Scalar s : v) {
                m = m.max(s);
            }
            Scalar[] shifted = new Scalar[v.length];
            for (int i = 0; i < v.length; i++) {
                shifted[i] = v[i].sub(Scalar.constant(m.value())).exp();
            }
            return Scalar.sum(shifted).log().add(m.value());
        };
        double[] g = Autodiff.grad(lse, x);
        double z = 1 + Math.exp(-1) + Math.exp(-1003) + Math.exp(-999.5);
        double[] softmax = {1 / z, Math.exp(-1) / z, Math.exp(-1003) / z, Math.exp(-999.5) / z};
        assertArrayEquals(softmax, g, 1e-15);
    }
}
