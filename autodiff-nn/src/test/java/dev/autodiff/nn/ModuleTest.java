package dev.autodiff.nn;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    private static Sequential mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(4, 8, rng), Activation.tanh(), new Dropout(0.5, seed), new Linear(8, 3, rng));
    }

    @Test
    void parametersAreNamedByPathInOrder() {
        Sequential m = mlp(1);
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, m.parameterCount());
        assertEquals("Sequential()\n"
                + "  (0) Linear(in=4, out=8)  40 parameters\n"
                + "  (1) Activation(Tanh)\n"
                + "  (2) Dropout(p=0.5)\n"
                + "  (3) Linear(in=8, out=3)  27 parameters\n"
                + "67 parameters", m.toString());
    }

    @Test
    void sameSeedSameWeights() {
        assertArrayEquals(mlp(5).parameters().get(0).value().toArray(), mlp(5).parameters().get(0).value().toArray());
        assertFalse(java.util.Arrays.equals(mlp(5).parameters().get(0).value().toArray(),
                mlp(6).parameters().get(0).value().toArray()));
    }

    @Test
    void bindingGivesEveryParameterItsGradientAndUnbinds() {
        Sequential m = mlp(2);
        m.eval();
        Tensor x = Tensor.randomNormal(3L, 5, 4);
        try (Tape tape = Tape.open()) {
            ParameterGradients g;
            try (Binding b = m.bind(tape)) {
                assertTrue(m.parameters().get(0).isBound());
                Tensor loss = Losses.crossEntropy(m.forward(x), new int[] {0, 1, 2, 0, 1});
                g = b.gradients(loss);
            }
            assertFalse(m.parameters().get(0).isBound());
            assertEquals(4, g.size());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(m.parameters().get(i).shape(), g.gradient(i).shape());
            }
            assertSame(g.gradient(3), g.of(m.parameters().get(3)));
        }
    }

    @Test
    void misuseIsRefusedWithTheParameterNamed() {
        Sequential m = mlp(3);
        try (Tape tape = Tape.open(); Binding b = m.bind(tape)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.bind(tape));
            assertTrue(e.getMessage().contains("'0.weight' is already bound"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.parameters().get(0).assign(Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().contains("has shape [8, 4], the new value [3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Linear(4, 2, new SplittableRandom(1))
                .forward(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().startsWith("Linear(in=4): input shape [2, 5]"), e.getMessage());
    }

    @Test
    void bindingRefusesABoundParameterAtAnyPositionAndBindsNothing() {
        Sequential m = mlp(4);
        List<String> names = List.copyOf(m.namedParameters().keySet());
        List<Parameter> ps = m.parameters();
        for (int k = 0; k < ps.size(); k++) {
            try (Tape other = Tape.open(); Binding held = BindOne.bind(other, ps.get(k)); Tape tape = Tape.open()) {
                Tensor variable = ps.get(k).tensor();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.bind(tape));
                assertEquals("bind: parameter '" + names.get(k) + "' is already bound; close the other binding first",
                        e.getMessage());
                for (int i = 0; i < ps.size(); i++) {
                    assertEquals(i == k, ps.get(i).isBound(), names.get(i) + " with " + names.get(k) + " bound");
                }
                assertSame(variable, ps.get(k).tensor(), "still bound to the other tape");
            }
        }
        try (Tape tape = Tape.open(); Binding b = m.bind(tape)) {
            assertTrue(ps.stream().allMatch(Parameter::isBound));
        }
    }

    @Test
    void gradCheckRefusesABoundParameterAtAnyPositionByItsPath() {
        Sequential m = mlp(5);
        m.eval();
        List<String> names = List.copyOf(m.namedParameters().keySet());
        List<Parameter> ps = m.parameters();
        Tensor x = Tensor.randomNormal(6L, 2, 4);
        for (int k = 0; k < ps.size(); k++) {
            try (Tape tape = Tape.open(); Binding held = BindOne.bind(tape, ps.get(k))) {
                Tensor variable = ps.get(k).tensor();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> ModuleGradCheck.check(m, 7L, x));
                assertEquals("check: parameter '" + names.get(k) + "' is bound to a tape; close the binding first",
                        e.getMessage());
                for (int i = 0; i < ps.size(); i++) {
                    assertEquals(i == k, ps.get(i).isBound(), names.get(i) + " with " + names.get(k) + " bound");
                }
                assertSame(variable, ps.get(k).tensor());
            }
        }
        assertTrue(ModuleGradCheck.check(m, 7L, x).passed());
    }

    @Test
    void dropoutDropsInTrainingOnlyAndKeepsTheExpectation() {
        Dropout d = new Dropout(0.25, 9L);
        Tensor ones = Tensor.ones(100_000);
        double[] y = d.forward(ones).toArray();
        int zeros = 0;
        double sum = 0;
        for (double v : y) {
            zeros += v == 0 ? 1 : 0;
            sum += v;
            assertTrue(v == 0 || v == 1 / 0.75);
        }
        assertEquals(0.25, zeros / 1e5, 0.01);                // 5 sigma is 0.007
        assertEquals(1.0, sum / 1e5, 0.02);
        d.eval();
        assertSame(ones, d.forward(ones));
    }

    @Test
    void aScopedModeHoldsOnTheCallingThreadOnly() throws Exception {
        Dropout drop = new Dropout(0.5, 1);
        Sequential m = new Sequential(new Linear(4, 3, new SplittableRandom(1)), drop);
        Tensor x = Tensor.ones(1, 200);
        CountDownLatch inside = new CountDownLatch(1), done = new CountDownLatch(1);
        AtomicReference<Object> seenInside = new AtomicReference<>();
        Thread other = new Thread(() -> m.inMode(false, () -> {
            seenInside.set(drop.isTraining() ? "training" : drop.forward(x).toArray());
            inside.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        other.start();
        inside.await();
        // while the other thread is in its evaluation scope, this one still sees the default, training
        assertTrue(m.isTraining());
        assertTrue(drop.isTraining());
        assertTrue(java.util.Arrays.stream(drop.forward(x).toArray()).anyMatch(v -> v == 0.0), "drops here");
        done.countDown();
        other.join();
        assertArrayEquals(x.toArray(), (double[]) seenInside.get(), "passes everything there");

        m.inMode(false, () -> {
            assertFalse(drop.isTraining());
            drop.inMode(true, () -> {                        // an inner scope on a sub-module wins, then ends
                assertTrue(drop.isTraining());
                assertFalse(m.isTraining());
                return null;
            });
            assertFalse(drop.isTraining());
            m.eval();                                         // sets the default, which shows after the scope
            return null;
        });
        assertFalse(m.isTraining());
        assertFalse(drop.isTraining());
        m.inMode(true, () -> {
            m.train();
            m.eval();                                         // the scope's mode holds until it ends
            assertTrue(drop.isTraining());
            return null;
        });
        assertFalse(drop.isTraining());
        m.train();
        RuntimeException boom = assertThrows(RuntimeException.class, () -> m.inMode(false, () -> {
            throw new RuntimeException("boom");
        }));
        assertEquals("boom", boom.getMessage());
        assertTrue(drop.isTraining(), "a scope that throws ends too");
    }

    @Test
    void gradientClippingScalesAllTogether() {
        Parameter a = new Parameter("a", Tensor.zeros(2)), b = new Parameter("b", Tensor.zeros(1));
        ParameterGradients g = new ParameterGradients(List.of(a, b), new Tensor[] {Tensor.vector(3, 0),
                Tensor.vector(4)});
        assertEquals(5.0, g.norm(), 0.0);
        ParameterGradients c = g.clipNorm(1.0);
        assertArrayEquals(new double[] {0.6, 0}, c.gradient(0).toArray(), 1e-15);
        assertArrayEquals(new double[] {0.8}, c.gradient(1).toArray(), 1e-15);
        assertSame(g, g.clipNorm(10));
    }
}
