package dev.autodiff.nn;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.check.GradCheckReport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer's gradients, with respect to its input and every parameter, against finite differences, over random
 * sizes and seeds. Inputs are kept away from kinks (relu, max pooling ties) by the seeded continuous draws, and a
 * report that finite differences cannot decide is not counted as a pass.
 */
class LayerGradientProperties {

    private static void assertChecked(Module m, long seed, Tensor x) {
        GradCheckReport r = ModuleGradCheck.check(m, seed, x);
        assertTrue(r.failures().isEmpty(), () -> m + "\n" + r);
        assertTrue(r.passed(), () -> "undecided: " + m + "\n" + r);
    }

    @Property(tries = 20)
    void linear(@ForAll @IntRange(min = 1, max = 4) int batch, @ForAll @IntRange(min = 1, max = 5) int in,
                @ForAll @IntRange(min = 1, max = 4) int out, @ForAll long seed) {
        assertChecked(new Linear(in, out, new SplittableRandom(seed)), seed, Tensor.randomNormal(seed, batch, in));
    }

    @Property(tries = 10)
    void linearOnABatchOfSequences(@ForAll @IntRange(min = 1, max = 3) int time, @ForAll long seed) {
        assertChecked(new Linear(3, 2, false, Init.xavierNormal(), new SplittableRandom(seed)), seed,
                Tensor.randomNormal(seed, 2, time, 3));
    }

    @Property(tries = 10)
    void smoothActivations(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Tensor x = Tensor.randomNormal(seed, 2, n);
        for (Module m : new Module[] {Activation.tanh(), Activation.sigmoid(), Activation.gelu(),
                Activation.softmax(1), Activation.softmax(0)}) {
            assertChecked(m, seed, x);
        }
    }

    @Property(tries = 10)
    void kinkedActivationsAwayFromTheirKinks(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Tensor x = awayFromZero(Tensor.randomNormal(seed, 3, n));
        assertChecked(Activation.relu(), seed, x);
        assertChecked(Activation.leakyRelu(0.05), seed, x);
    }

    @Property(tries = 10)
    void dropoutWithItsMaskFixedBySeed(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        assertChecked(new Sequential(new Linear(n, 4, new SplittableRandom(seed)), new Dropout(0.3, seed)), seed,
                Tensor.randomNormal(seed, 2, n));
    }

    @Property(tries = 10)
    void layerNorm(@ForAll @IntRange(min = 2, max = 6) int features, @ForAll long seed) {
        LayerNorm norm = new LayerNorm(features);
        norm.parameters().get(0).assign(Tensor.randomNormal(seed + 1, features));       // non-trivial gamma, beta
        norm.parameters().get(1).assign(Tensor.randomNormal(seed + 2, features));
        assertChecked(norm, seed, Tensor.randomNormal(seed, 3, features));
    }

    @Property(tries = 10)
    void embedding(@ForAll @IntRange(min = 2, max = 6) int count, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] idx = new double[5];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rng.nextInt(count);
        }
        // indices are not differentiable: fixed inside, with the checked input multiplying the looked-up rows
        Tensor indices = Tensor.of(idx, 5);
        Module m = new Module() {
            private final Embedding table = register("table", new Embedding(count, 3, rng));

            @Override
            public Tensor forward(Tensor scale) {
                return table.forward(indices).tanh().mul(scale);
            }
        };
        assertChecked(m, seed, Tensor.randomNormal(seed, 5, 3));
    }

    @Property(tries = 8)
    void conv2d(@ForAll @IntRange(min = 1, max = 2) int in, @ForAll @IntRange(min = 1, max = 3) int out,
                @ForAll @IntRange(min = 1, max = 3) int kernel, @ForAll @IntRange(min = 1, max = 2) int stride,
                @ForAll @IntRange(min = 0, max = 1) int padding, @ForAll long seed) {
        int side = kernel + 2;
        assertChecked(new Conv2d(in, out, kernel, stride, padding, new SplittableRandom(seed)), seed,
                Tensor.randomNormal(seed, 2, in, side, side + 1));
    }

    @Property(tries = 8)
    void maxPoolAndFlatten(@ForAll @IntRange(min = 1, max = 3) int kernel, @ForAll @IntRange(min = 1, max = 2) int stride,
                           @ForAll long seed) {
        // continuous random inputs have no ties; a tie within a finite-difference step is what the check detects
        assertChecked(new Sequential(new MaxPool2d(kernel, stride), new Flatten()), seed,
                Tensor.randomNormal(seed, 2, 2, kernel + 3, kernel + 2));
    }

    static Tensor awayFromZero(Tensor x) {
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] + Math.copySign(0.1, v[i]);
        }
        return Tensor.of(v, x.shape());
    }
}
