package dev.autodiff.nn;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.data.Datasets;
import dev.autodiff.nn.optim.Adam;
import dev.autodiff.nn.optim.Lbfgs;
import dev.autodiff.nn.optim.LearningRateSchedule;
import dev.autodiff.nn.optim.Optimizer;
import dev.autodiff.nn.optim.Sgd;
import dev.autodiff.nn.train.Evaluation;
import dev.autodiff.nn.train.History;
import dev.autodiff.nn.train.LossFunction;
import dev.autodiff.nn.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours a careful user relies on: tied weights, binding rules, atomic steps, modes, determinism, edge values. */
class ReviewRegressionTest {
    @Test
    void tiedWeightsAppearOnceAndGetTheirWholeGradient() {
        Linear shared = new Linear(3, 3, new SplittableRandom(1));
        Sequential m = new Sequential(shared, Activation.tanh(), shared);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(12, m.parameterCount());
        Tensor x = Tensor.randomNormal(2L, 2, 3);
        ParameterGradients g;
        try (Tape tape = Tape.open(); Binding b = m.bind(tape)) {
            g = b.gradients(m.forward(x).square().sum());
        }
        // the gradient of a tied weight is the sum over its uses: compare with finite differences
        assertTrue(ModuleGradCheck.check(m, 3L, x).passed());
        assertTrue(g.norm() > 0);
    }

    @Test
    void dottedOrEmptyNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                register("enc.weight", new Parameter("w", Tensor.zeros(1)));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
    }

    @Test
    void aBoundParameterRefusesANewValue() {
        Linear m = new Linear(2, 1, new SplittableRandom(1));
        try (Tape tape = Tape.open(); Binding b = m.bind(tape)) {
            ParameterGradients g = b.gradients(m.forward(Tensor.ones(1, 2)).sum());
            Sgd sgd = new Sgd(m.parameters(), 0.1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.step(g));
            assertTrue(e.getMessage().contains("close the binding first"), e.getMessage());
        }
    }

    @Test
    void lbfgsPutsTheWeightsBackWhenTheObjectiveFails() {
        Linear m = new Linear(3, 1, new SplittableRandom(2));
        double[] before = m.weight().value().toArray();
        AtomicInteger calls = new AtomicInteger();
        Tensor x = Tensor.randomNormal(3L, 8, 3), y = Tensor.randomNormal(4L, 8, 1);
        Lbfgs.Objective good = Lbfgs.objective(m, () -> Losses.mse(m.forward(x), y));
        Lbfgs.Objective failing = () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("boom");
            }
            return good.evaluate();
        };
        assertThrows(IllegalStateException.class, () -> new Lbfgs(m.parameters(), 5).minimize(failing, 10, 1e-9));
        assertArrayEquals(before, m.weight().value().toArray(), 0.0);
    }

    @Test
    void anInfiniteOptimizerStateIsRefusedLikeAnInfiniteWeight() {
        Parameter p = new Parameter("w", Tensor.vector(1, 1));
        Adam adam = new Adam(List.of(p), 0.1);
        assertThrows(Optimizer.NonFiniteException.class, () -> adam.step(new ParameterGradients(List.of(p),
                new Tensor[] {Tensor.vector(1e200, 1)})));
        assertArrayEquals(new double[] {1, 1}, p.value().toArray(), 0.0);
        assertEquals(0, adam.steps());
    }

    @Test
    void clippingAHugeGradientKeepsItsDirection() {
        Parameter p = new Parameter("w", Tensor.zeros(2));
        ParameterGradients g = new ParameterGradients(List.of(p), new Tensor[] {Tensor.vector(1e200, -1e200)});
        assertEquals(Math.sqrt(2) * 1e200, g.norm(), 1e186);
        assertArrayEquals(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5)}, g.clipNorm(1).gradient(0).toArray(), 1e-15);
    }

    @Test
    void binaryCrossEntropyKeepsItsDigitsAtLargeLogits() {
        for (double x : new double[] {20, 30, 40, 700}) {
            double exact = Math.log1p(Math.exp(-x));                // -log sigmoid(x), for y = 1
            double got = Losses.binaryCrossEntropyWithLogits(Tensor.vector(x), Tensor.vector(1)).item().value();
            assertEquals(exact, got, 1e-15 * exact, "x = " + x);
        }
    }

    @Test
    void nanLogitsNeverCountAsRight() {
        Tensor logits = Tensor.matrix(new double[][] {{Double.NaN, 1, 2}, {Double.NaN, Double.NaN, Double.NaN}});
        Dataset d = Dataset.of(Tensor.zeros(2, 1), new int[] {0, 0}, 3);
        Module constant = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return logits;
            }
        };
        assertEquals(0.0, Evaluation.of(constant, d, (o, b) -> Tensor.scalar(0), 2).accuracy());
    }

    @Test
    void evaluationPutsEveryModuleBackInItsOwnMode() {
        Dropout drop = new Dropout(0.5, 1);
        Sequential m = new Sequential(new Linear(4, 3, new SplittableRandom(1)), drop);
        m.train();
        drop.eval();                                        // frozen while the rest trains
        Dataset data = Datasets.iris();
        Evaluation.of(m, data, LossFunction.crossEntropy(), 50);
        assertTrue(m.isTraining());
        assertFalse(drop.isTraining());
    }

    @Test
    void fittingTwiceFromTheSameWeightsRepeatsTheRun() {
        Dataset data = Datasets.iris();
        SplittableRandom rng = new SplittableRandom(7);
        Sequential m = new Sequential(new Linear(4, 8, rng), Activation.tanh(), new Dropout(0.3, 99),
                new Linear(8, 3, rng));
        List<Tensor> start = m.parameters().stream().map(Parameter::value).toList();
        Sgd sgd = new Sgd(m.parameters(), 0.05);
        Trainer t = new Trainer(m, sgd).epochs(3).seed(5).schedule(LearningRateSchedule.step(1, 0.5));
        m.eval();
        History first = t.fit(data, null);
        assertFalse(m.isTraining(), "the mode is put back");
        assertEquals(0.05, sgd.learningRate(), 0.0);
        for (int i = 0; i < start.size(); i++) {
            m.parameters().get(i).assign(start.get(i));
        }
        History second = t.fit(data, null);
        assertEquals(first.last().trainLoss(), second.last().trainLoss(), 0.0);
        assertEquals(first.last().learningRate(), second.last().learningRate(), 0.0);
    }

    @Test
    void conv2dIsSafeToShareBetweenThreadsForInference() throws Exception {
        Conv2d conv = new Conv2d(1, 2, 3, 2, 0, new SplittableRandom(1));
        Tensor small = Tensor.randomNormal(1L, 1, 1, 9, 9), large = Tensor.randomNormal(2L, 1, 1, 10, 10);
        double[] expectSmall = conv.forward(small).toArray(), expectLarge = conv.forward(large).toArray();
        AtomicInteger wrong = new AtomicInteger();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            Tensor in = t == 0 ? small : large;
            double[] expect = t == 0 ? expectSmall : expectLarge;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!java.util.Arrays.equals(expect, conv.forward(in).toArray())) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong.get());
    }

    @Test
    void anOptimizerOverPartOfTheModelLeavesTheRestFrozen() {
        SplittableRandom rng = new SplittableRandom(3);
        Linear body = new Linear(4, 6, rng), head = new Linear(6, 3, rng);
        Sequential m = new Sequential(body, Activation.tanh(), head);
        double[] frozen = body.weight().value().toArray(), before = head.weight().value().toArray();
        new Trainer(m, new Adam(head.parameters(), 0.01)).epochs(2).seed(1).fit(Datasets.iris(), null);
        assertArrayEquals(frozen, body.weight().value().toArray(), 0.0);
        assertFalse(java.util.Arrays.equals(before, head.weight().value().toArray()));
        Linear stranger = new Linear(2, 2, rng);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(m, new Adam(stranger.parameters(), 0.01)));
        assertTrue(e.getMessage().contains("is not a parameter of the model"), e.getMessage());
    }

    @Test
    void labelSmoothingMixesInTheUniformTarget() {
        Tensor logits = Tensor.randomNormal(5L, 3, 4);
        int[] classes = {0, 3, 1};
        double eps = 0.1;
        Tensor soft = Tensor.full(eps / 4, 3, 4).add(Tensor.matrix(new double[][] {
            {1 - eps, 0, 0, 0}, {0, 0, 0, 1 - eps}, {0, 1 - eps, 0, 0}}));
        assertEquals(Losses.crossEntropy(logits, soft).item().value(),
                Losses.crossEntropy(logits, classes, eps).item().value(), 1e-14);
        dev.autodiff.core.check.GradCheck.check(x -> Losses.crossEntropy(x[0], classes, eps), logits).assertPassed();
    }
}
