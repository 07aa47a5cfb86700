package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overflow rule: a partial that is 0 only because its operand overflowed (an infinity computed from finite
 * values, or from such an infinity) is NaN, so that an overflow never hands back a silent finite gradient. Exact zeros
 * stay exact: the branch a {@code where} masks out, a piecewise linear function's flat side, and every infinity the
 * user gave (a -inf mask).
 */
class OverflowRuleTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** df/dx at x by the numeric sweep, the sweep for chosen nodes and the recorded sweep; all three must agree. */
    private static double derivative(UnaryOperator<Scalar> f, double x) {
        double full, chosen, recorded;
        try (Tape tape = Tape.open()) {
            Scalar v = tape.variable(x);
            Scalar y = f.apply(v);
            full = tape.gradient(y).of(v);
            chosen = tape.gradient(y, v)[0];
        }
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar v = tape.variable(x);
            recorded = tape.recordGradient(f.apply(v), v)[0].value();
        }
        assertEquals(full, chosen, 0.0, "the two numeric sweeps");
        assertEquals(full, recorded, 0.0, "the recorded sweep");
        return full;
    }

    /** d(sum f(x))/dx elementwise, by the numeric and the recorded tensor sweeps; both must agree. */
    private static double[] tensorDerivative(UnaryOperator<Tensor> f, double... x) {
        try (Tape tape = Tape.open()) {
            Tensor v = tape.variable(Tensor.vector(x));
            Scalar y = f.apply(v).sum().item();
            double[] numeric = tape.gradient(y, v)[0].toArray();
            assertArrayEquals(numeric, tape.recordGradient(y, v)[0].toArray(), "the recorded sweep");
            return numeric;
        }
    }

    @Test
    void logOfAnOverflowedExpHasNoSilentDerivative() {
        assertEquals(1.0, derivative(x -> x.exp().log(), 700), 1e-15, "exp(700) is finite: the chain rule holds");
        assertTrue(Double.isNaN(derivative(x -> x.exp().log(), 710)), "exp(710) = inf: the derivative 1 is lost");
        assertTrue(Double.isNaN(derivative(x -> x.cosh().log(), 800)));
        assertTrue(Double.isNaN(derivative(x -> x.exp().mul(2).log(), 710)), "an overflow's multiple is one");
        assertTrue(Double.isNaN(derivative(x -> Scalar.constant(1).div(x).atan(), 0)), "atan(1/x) at 0: -1, lost");
        assertTrue(Double.isNaN(tensorDerivative(x -> x.exp().log(), 710)[0]));
        assertArrayEquals(new double[] {1, Double.NaN}, tensorDerivative(x -> x.exp().log(), 1, 710), 1e-15,
                "element by element");
    }

    @Test
    void zeroTimesAPoleIsNaN() {
        // 0 * log(x) at 0 is 0 * -inf = NaN: its value and its derivative
        assertTrue(Double.isNaN(derivative(x -> x.log().mul(0), 0)));
        Tensor mask = Tensor.vector(0, 1);
        assertArrayEquals(new double[] {Double.NaN, 0.5}, tensorDerivative(x -> x.log().mul(mask), 0, 2), 1e-15);
        assertTrue(Double.isNaN(derivative(x -> Scalar.dot(new Scalar[] {x.log()}, new double[] {0}), 0)));
    }

    @Test
    void whereStillMasksAPoleExactly() {
        Tensor zero = Tensor.scalar(0);
        assertArrayEquals(new double[] {0, 0.5}, tensorDerivative(x -> Tensor.where(x.gt(0), x.log(), zero), 0, 2),
                1e-15, "the masked log(0) passes nothing on");
        // x log x with the limit 0 at x = 0 (an entropy term): the masked branch is 0 * -inf = NaN, masked whole
        assertArrayEquals(new double[] {0, Math.log(2) + 1},
                tensorDerivative(x -> Tensor.where(x.gt(0), x.mul(x.log()), zero), 0, 2), 1e-15);
    }

    @Test
    void flatSidesOfPiecewiseLinearFunctionsStayExact() {
        assertEquals(0.0, derivative(x -> x.log().relu(), 0), "relu(log x) is 0 near 0");
        assertEquals(0.0, derivative(x -> x.log().max(Scalar.constant(0)), 0));
        assertArrayEquals(new double[] {0}, tensorDerivative(x -> x.log().relu(), 0));
        assertArrayEquals(new double[] {0}, tensorDerivative(x -> x.log().maximum(0), 0));
    }

    @Test
    void infinitiesTheUserGivesAreNotOverflows() {
        assertEquals(0.0, derivative(Scalar::exp, Double.NEGATIVE_INFINITY), "exp'(-inf) = 0");
        assertEquals(0.0, derivative(x -> x.add(Scalar.constant(Double.NEGATIVE_INFINITY)).exp(), 1));
        assertEquals(0.0, derivative(Scalar::atan, INF));
        // a -inf mask on logits: the masked entry gets 0, the others their softmax weights
        Tensor mask = Tensor.vector(0, Double.NEGATIVE_INFINITY, 0);
        double[] g = tensorDerivative(x -> x.add(mask).logSumExp(false, 0), 1, 2, 1);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, g, 1e-15);
    }

    @Test
    void anOverflowIsForgottenOnReset() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(710);
            x.exp();                                          // node 1 overflows
            tape.reset();
            Scalar y = tape.variable(Double.NEGATIVE_INFINITY); // node 0 is a user's infinity now
            Scalar z = tape.variable(INF);                      // and node 1 too
            assertEquals(0.0, tape.gradient(z.atan(), z)[0]);
            assertEquals(0.0, tape.gradient(y.exp(), y)[0]);
        }
    }
}
