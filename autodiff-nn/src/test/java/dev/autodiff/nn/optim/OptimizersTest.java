package dev.autodiff.nn.optim;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each optimizer against steps computed by hand, the all-or-nothing rule, schedules and L-BFGS. */
class OptimizersTest {
    private static final double EPS = 1e-15;

    private static Parameter param(double... v) {
        return new Parameter("w", Tensor.vector(v));
    }

    private static ParameterGradients grad(Parameter p, double... g) {
        return new ParameterGradients(List.of(p), new Tensor[] {Tensor.vector(g)});
    }

    @Test
    void plainSgd() {
        Parameter p = param(1.0, -2.0);
        new Sgd(List.of(p), 0.1).step(grad(p, 0.5, -1.0));
        assertArrayEquals(new double[] {0.95, -1.9}, p.value().toArray(), EPS);
    }

    @Test
    void sgdWithMomentumNesterovAndWeightDecay() {
        Parameter p = param(1.0);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.9, false, 0.0);
        sgd.step(grad(p, 1.0));                       // v = 1, p = 1 - 0.1 = 0.9
        sgd.step(grad(p, 1.0));                       // v = 0.9 + 1 = 1.9, p = 0.9 - 0.19 = 0.71
        assertEquals(0.71, p.value().get(0), EPS);
        Parameter q = param(1.0);
        Sgd nesterov = new Sgd(List.of(q), 0.1, 0.9, true, 0.5);
        nesterov.step(grad(q, 1.0));                  // g' = 1 + 0.5 = 1.5, v = 1.5, d = 1.5 + 1.35 = 2.85, q = 0.715
        assertEquals(1 - 0.1 * 2.85, q.value().get(0), EPS);
        nesterov.step(grad(q, 1.0));                  // g' = 1 + 0.3575, v = 0.9 * 1.5 + g', d = g' + 0.9 v
        double g2 = 1 + 0.5 * 0.715, v2 = 0.9 * 1.5 + g2;
        assertEquals(0.715 - 0.1 * (g2 + 0.9 * v2), q.value().get(0), 1e-15);
        assertEquals(2, nesterov.steps());
    }

    @Test
    void adamAndAdamW() {
        Parameter p = param(1.0);
        Adam adam = new Adam(List.of(p), 0.1);
        adam.step(grad(p, 2.0));                      // mhat = 2, vhat = 4: step = 0.1 * 2 / (2 + 1e-8)
        assertEquals(1 - 0.1 * 2 / (2 + 1e-8), p.value().get(0), EPS);
        adam.step(grad(p, -1.0));
        double m = 0.9 * 0.2 + 0.1 * -1, v = 0.999 * 0.004 + 0.001 * 1;
        double mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999);
        assertEquals(1 - 0.1 * 2 / (2 + 1e-8) - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8), p.value().get(0), 1e-15);

        Parameter q = param(2.0);
        Adam.adamW(List.of(q), 0.1, 0.01).step(grad(q, 3.0));   // decay first: 2 - 0.1*0.01*2, then the Adam step
        assertEquals(2 - 0.002 - 0.1 * 3 / (3 + 1e-8), q.value().get(0), EPS);
    }

    @Test
    void rmsPropAndAdaGrad() {
        Parameter p = param(1.0);
        RmsProp rms = new RmsProp(List.of(p), 0.01);
        rms.step(grad(p, 2.0));                       // v = 0.01 * 4 = 0.04, step = 0.01 * 2 / 0.2
        assertEquals(1 - 0.01 * 2 / (0.2 + 1e-8), p.value().get(0), EPS);
        Parameter q = param(1.0);
        AdaGrad ada = new AdaGrad(List.of(q), 0.5);
        ada.step(grad(q, 3.0));                       // s = 9: step = 0.5
        ada.step(grad(q, 4.0));                       // s = 25: step = 0.5 * 4 / 5 = 0.4
        assertEquals(1 - 0.5 * 3 / (3 + 1e-10) - 0.5 * 4 / (5 + 1e-10), q.value().get(0), EPS);
    }

    @Test
    void aNonFiniteGradientChangesNothing() {
        Parameter a = param(1.0, 2.0), b = param(3.0);
        Adam adam = new Adam(List.of(a, b), 0.1);
        adam.step(new ParameterGradients(List.of(a, b), new Tensor[] {Tensor.vector(1, 1), Tensor.vector(1)}));
        double[] before = a.value().toArray();
        Optimizer.NonFiniteException e = assertThrows(Optimizer.NonFiniteException.class, () -> adam.step(
                new ParameterGradients(List.of(a, b), new Tensor[] {Tensor.vector(1, 1), Tensor.vector(Double.NaN)})));
        assertTrue(e.getMessage().contains("element 0 is NaN; no weight was changed"), e.getMessage());
        assertArrayEquals(before, a.value().toArray(), 0.0);
        assertEquals(1, adam.steps());
        // the state is unchanged too: the next step equals a step from the state before the refusal
        Parameter c = param(1.0, 2.0), d = param(3.0);
        Adam twin = new Adam(List.of(c, d), 0.1);
        twin.step(new ParameterGradients(List.of(c, d), new Tensor[] {Tensor.vector(1, 1), Tensor.vector(1)}));
        ParameterGradients next = new ParameterGradients(List.of(a, b), new Tensor[] {Tensor.vector(0.5, -2),
                Tensor.vector(0.25)});
        adam.step(next);
        twin.step(new ParameterGradients(List.of(c, d), new Tensor[] {Tensor.vector(0.5, -2), Tensor.vector(0.25)}));
        assertArrayEquals(c.value().toArray(), a.value().toArray(), 0.0);
        // an update that overflows a weight is refused as well
        Parameter huge = param(1e308);
        assertThrows(Optimizer.NonFiniteException.class, () -> new Sgd(List.of(huge), 1e10).step(grad(huge, -1e300)));
        assertEquals(1e308, huge.value().get(0));
    }

    @Test
    void badSettingsAreRefused() {
        Parameter p = param(1.0);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p, p), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1, 1.0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1, 0.0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1, 1.0, 0.999, 1e-8, 0, false));
        Parameter other = param(2.0);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1).step(grad(other, 1.0)));
    }

    @Test
    void schedules() {
        LearningRateSchedule step = LearningRateSchedule.step(2, 0.5);
        assertEquals(0.1, step.rate(0.1, 1), EPS);
        assertEquals(0.05, step.rate(0.1, 2), EPS);
        assertEquals(0.025, step.rate(0.1, 5), EPS);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(10, 0.001);
        assertEquals(0.1, cosine.rate(0.1, 0), EPS);
        assertEquals(0.001 + 0.099 * 0.5, cosine.rate(0.1, 5), 1e-15);
        assertEquals(0.001, cosine.rate(0.1, 10), EPS);
    }

    @Test
    void lbfgsSolvesALeastSquaresProblemToRounding() {
        // y = X w_true exactly: L-BFGS on the mean squared error recovers w_true and b = 0
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = Tensor.randomNormal(11L, 40, 3);
        Tensor wTrue = Tensor.matrix(new double[][] {{1.5}, {-2.0}, {0.5}});
        Tensor y = x.matmul(wTrue);
        Linear model = new Linear(3, 1, rng);
        Lbfgs.Result r = new Lbfgs(model.parameters(), 10).minimize(
                Lbfgs.objective(model, () -> Losses.mse(model.forward(x), y)), 100, 1e-12);
        assertTrue(r.converged(), r.toString());
        assertTrue(r.iterations() < 30, r.toString());
        assertArrayEquals(new double[] {1.5, -2.0, 0.5}, model.weight().value().toArray(), 1e-9);
        assertEquals(0.0, model.bias().value().get(0), 1e-9);
    }
}
