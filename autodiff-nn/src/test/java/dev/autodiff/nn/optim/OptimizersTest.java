package dev.autodiff.nn.optim;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.BindOne;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;
import dev.autodiff.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    /** An optimizer by its name in messages. */
    private record Maker(String name, Function<List<Parameter>, Optimizer> make) {
    }

    /** Every optimizer, each with state: momentum, moments, averages of squares, sums of squares. */
    private static final List<Maker> OPTIMIZERS = List.of(
            new Maker("Sgd", ps -> new Sgd(ps, 0.05, 0.9, true, 0.01)),
            new Maker("Adam", ps -> new Adam(ps, 0.01)),
            new Maker("AdamW", ps -> Adam.adamW(ps, 0.01, 0.1)),
            new Maker("RmsProp", ps -> new RmsProp(ps, 0.01)),
            new Maker("AdaGrad", ps -> new AdaGrad(ps, 0.1)));

    /** Six parameters: 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias. */
    private static Sequential mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(3, 4, rng), Activation.tanh(), new Linear(4, 4, rng), Activation.tanh(),
                new Linear(4, 2, rng));
    }

    private static ParameterGradients gradients(Module m, long seed) {
        Tensor x = Tensor.randomNormal(seed, 5, 3), y = Tensor.randomNormal(seed + 1, 5, 2);
        try (Tape tape = Tape.open(); Binding b = m.bind(tape)) {
            return b.gradients(Losses.mse(m.forward(x), y));
        }
    }

    private static double[][] values(Module m) {
        return m.parameters().stream().map(p -> p.value().toArray()).toArray(double[][]::new);
    }

    @Test
    void aBoundParameterAtAnyPositionIsRefusedBeforeAnyWeightOrStateChanges() {
        for (Maker maker : OPTIMIZERS) {
            Sequential m = mlp(1), twin = mlp(1);
            Optimizer opt = maker.make().apply(m.parameters()), twinOpt = maker.make().apply(twin.parameters());
            opt.step(gradients(m, 10));
            twinOpt.step(gradients(twin, 10));
            assertTrue(opt.state().stream().allMatch(Objects::nonNull), maker.name() + " keeps state");
            ParameterGradients g = gradients(m, 20);
            List<String> names = List.copyOf(m.namedParameters().keySet());
            for (int k = 0; k < names.size(); k++) {
                String at = maker.name() + " with " + names.get(k) + " bound";
                double[][] before = values(m);
                Object[] state = opt.state().toArray();
                try (Tape tape = Tape.open(); Binding b = BindOne.bind(tape, m.parameters().get(k))) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(g), at);
                    assertTrue(e.getMessage().startsWith(maker.name() + ".step: parameter '" + names.get(k)
                            + "' is bound to a tape"), e.getMessage());
                    assertTrue(e.getMessage().endsWith("no weight was changed"), e.getMessage());
                }
                assertArrayEquals(before, values(m), at);                 // double arrays compare bit for bit
                assertArrayEquals(state, opt.state().toArray(), at);
                assertEquals(1, opt.steps(), at);
            }
            // the refusals left nothing behind: the next step is the twin's, which never saw them
            opt.step(g);
            twinOpt.step(gradients(twin, 20));
            assertArrayEquals(values(twin), values(m), maker.name());
            assertArrayEquals(twinOpt.state().toArray(), opt.state().toArray(), maker.name());
            assertEquals(2, opt.steps());
        }
    }

    @Test
    void lbfgsRefusesABoundParameterAtAnyPositionBeforeEvaluating() {
        Sequential m = mlp(2);
        List<Parameter> ps = m.parameters();
        AtomicInteger evaluations = new AtomicInteger();
        Lbfgs.Objective halfSquares = () -> {                // sum of v^2 / 2 over every weight, without a tape
            evaluations.incrementAndGet();
            double loss = 0;
            for (Parameter p : ps) {
                loss += p.value().square().sum().item().value() / 2;
            }
            return new Lbfgs.Evaluation(loss, new ParameterGradients(ps,
                    ps.stream().map(Parameter::value).toArray(Tensor[]::new)));
        };
        double[][] before = values(m);
        for (int k = 0; k < ps.size(); k++) {
            Parameter bound = ps.get(k);
            try (Tape tape = Tape.open(); Binding b = BindOne.bind(tape, bound)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> new Lbfgs(ps, 5).minimize(halfSquares, 10, 1e-9));
                assertEquals("Lbfgs.minimize: parameter " + k + " ('" + bound.name() + "', shape "
                        + java.util.Arrays.toString(bound.shape()) + ") is bound to a tape; close the binding first;"
                        + " no weight was changed", e.getMessage());
            }
            assertArrayEquals(before, values(m), "parameter " + k + " bound");
        }
        assertEquals(0, evaluations.get());
        assertTrue(new Lbfgs(ps, 5).minimize(halfSquares, 50, 1e-9).converged());    // unbound, it runs
        assertTrue(evaluations.get() > 0);
    }

    @Test
    void lbfgsFailingAtAnyEvaluationLeavesTheLastAcceptedPoint() {
        Tensor x = Tensor.randomNormal(5L, 12, 3).mul(3), y = Tensor.randomNormal(6L, 12, 2).mul(3);
        AtomicInteger calls = new AtomicInteger();
        // after j iterations the weights are the j-th accepted point, reached in callsBy[j] evaluations
        int iterations = 20;
        int[] callsBy = new int[iterations + 1];
        double[][][] accepted = new double[iterations + 1][][];
        for (int j = 0; j <= iterations; j++) {
            Sequential m = mlp(3);
            calls.set(0);
            new Lbfgs(m.parameters(), 5).minimize(counting(m, x, y, calls, Integer.MAX_VALUE), j, 0.0);
            callsBy[j] = calls.get();
            accepted[j] = values(m);
        }
        assertTrue(callsBy[iterations] > iterations + 1, "some iterations backtrack: " + callsBy[iterations]);
        for (int fail = 1; fail <= callsBy[iterations]; fail++) {
            Sequential m = mlp(3);
            calls.set(0);
            Lbfgs.Objective failing = counting(m, x, y, calls, fail);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Lbfgs(m.parameters(), 5).minimize(failing, iterations, 0.0));
            assertEquals("evaluation " + fail + " fails", e.getMessage());
            int done = 0;
            while (callsBy[done] < fail) {
                done++;
            }
            // evaluation `fail` is the start's (done = 0) or one of iteration done - 1's: the weights must be where
            // the iterations before it left them, bit for bit
            assertArrayEquals(accepted[Math.max(0, done - 1)], values(m), "failing at evaluation " + fail);
        }
    }

    /** The mean squared error of m, counting its evaluations and failing at the given one. */
    private static Lbfgs.Objective counting(Module m, Tensor x, Tensor y, AtomicInteger calls, int failAt) {
        Lbfgs.Objective good = Lbfgs.objective(m, () -> Losses.mse(m.forward(x), y));
        return () -> {
            int n = calls.incrementAndGet();
            if (n == failAt) {
                throw new IllegalStateException("evaluation " + n + " fails");
            }
            return good.evaluate();
        };
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
