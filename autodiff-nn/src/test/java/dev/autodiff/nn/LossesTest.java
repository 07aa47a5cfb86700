package dev.autodiff.nn;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.check.GradCheck;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each loss: known values, gradients against finite differences, and stability at large logits. */
class LossesTest {
    @Test
    void knownValues() {
        Tensor p = Tensor.vector(1, 2, 3), t = Tensor.vector(1, 0, 5);
        assertEquals((0 + 4 + 4) / 3.0, Losses.mse(p, t).item().value(), 1e-15);
        // residuals 0, 2, -2 with delta 1: 0, 1 (2 - 0.5), 1.5
        assertEquals((0 + 1.5 + 1.5) / 3.0, Losses.huber(p, t, 1.0).item().value(), 1e-15);
        assertEquals(Losses.mse(p, t).item().value() / 2, Losses.huber(p, t, 10.0).item().value(), 1e-15);
        // uniform logits over K classes: cross-entropy log K
        assertEquals(Math.log(4), Losses.crossEntropy(Tensor.zeros(2, 4), new int[] {0, 3}).item().value(), 1e-15);
        assertEquals(Math.log(2), Losses.binaryCrossEntropyWithLogits(Tensor.zeros(3), Tensor.vector(0, 1, 0.5))
                .item().value(), 1e-15);
    }

    @Test
    void crossEntropyIsExactAtHugeLogits() {
        Tensor logits = Tensor.matrix(new double[][] {{1000, 0, -1000}, {-1000, 1000, 999}});
        double loss = Losses.crossEntropy(logits, new int[] {1, 2}).item().value();
        // example 0: -log softmax = 1000 exactly (to rounding); example 1: log(1 + e) ~ 1.3132616875
        assertEquals((1000 + Math.log1p(Math.E)) / 2, loss, 1e-9);
        Tensor bce = Losses.binaryCrossEntropyWithLogits(Tensor.vector(1000, -1000), Tensor.vector(0, 0));
        assertEquals(500, bce.item().value(), 1e-9);
        GradCheck.check(x -> Losses.crossEntropy(x[0], new int[] {1, 2}), logits).assertPassed();
    }

    @Property(tries = 20)
    void gradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int n,
                                         @ForAll @IntRange(min = 2, max = 5) int k, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor logits = Tensor.randomNormal(seed, n, k).mul(3);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = rng.nextInt(k);
        }
        Tensor weights = Tensor.randomUniform(seed + 1, 0.1, 1, n, k);
        Tensor probabilities = weights.div(weights.sum(true, 1));
        Tensor target = Tensor.randomNormal(seed + 2, n, k);
        Tensor bits = Tensor.randomUniform(seed + 3, 0, 1, n, k);
        GradCheck.check(x -> Losses.crossEntropy(x[0], classes), logits).assertPassed();
        GradCheck.check(x -> Losses.crossEntropy(x[0], probabilities), logits).assertPassed();
        GradCheck.check(x -> Losses.binaryCrossEntropyWithLogits(x[0], bits), logits).assertPassed();
        GradCheck.check(x -> Losses.mse(x[0], x[1]), logits, target).assertPassed();
        // Huber away from its switch |r| = delta: residuals of the two draws differ by far more than a step
        Tensor r = logits.sub(target).abs();
        double delta = 0.5 * (r.max().item().value() + r.min().item().value());
        boolean clear = true;
        for (double v : r.toArray()) {
            clear &= Math.abs(v - delta) > 1e-3;
        }
        if (clear) {
            GradCheck.check(x -> Losses.huber(x[0], x[1], delta), logits, target).assertPassed();
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("class 3 of example 1 is outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.mse(Tensor.zeros(2), Tensor.zeros(3)));
        assertTrue(e.getMessage().startsWith("mse: prediction [2] and target [3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.huber(Tensor.zeros(2), Tensor.zeros(2), 0));
    }

    @Test
    void softLabelsOfOneHotEqualClassIndices() {
        Tensor logits = Tensor.randomNormal(4L, 3, 4);
        Tensor oneHot = Tensor.matrix(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}});
        assertArrayEquals(Losses.crossEntropy(logits, new int[] {1, 3, 0}).toArray(),
                Losses.crossEntropy(logits, oneHot).toArray(), 1e-15);
    }
}
