package dev.autodiff.nn;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.check.GradCheckReport;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers' forward passes against direct computations, the initialisers' statistics, and a whole CNN's gradient. */
class LayersTest {
    @Test
    void conv2dEqualsTheDefiningSum() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 2, c = 2, h = 5, w = 4, out = 3, k = 3, stride = 2, pad = 1;
        Conv2d conv = new Conv2d(c, out, k, stride, pad, rng);
        Tensor x = Tensor.randomNormal(2L, n, c, h, w);
        Tensor y = conv.forward(x);
        int ho = (h + 2 * pad - k) / stride + 1, wo = (w + 2 * pad - k) / stride + 1;
        assertArrayEquals(new int[] {n, out, ho, wo}, y.shape());
        Tensor weight = conv.weight().value(), bias = conv.bias().value();
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double s = bias.get(o);
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int r = i * stride + u - pad, q = j * stride + v - pad;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        s += weight.get(o, ch, u, v) * x.get(b, ch, r, q);
                                    }
                                }
                            }
                        }
                        assertEquals(s, y.get(b, o, i, j), 1e-12, "at " + b + "," + o + "," + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void maxPoolTakesEachWindowsMaximum() {
        Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 9, 7, 6, 1, 3, 2}, 1, 1, 4, 4);
        assertArrayEquals(new double[] {5, 8, 6, 9}, new MaxPool2d(2).forward(x).toArray(), 0.0);
        assertArrayEquals(new double[] {5, 8, 8, 4, 9, 9, 6, 9, 9}, new MaxPool2d(2, 1).forward(x).toArray(), 0.0);
    }

    @Test
    void layerNormNormalisesEachRow() {
        LayerNorm norm = new LayerNorm(4);
        Tensor y = norm.forward(Tensor.matrix(new double[][] {{1, 2, 3, 4}, {10, 10, 10, 30}}));
        for (int r = 0; r < 2; r++) {
            double mean = 0, square = 0;
            for (int j = 0; j < 4; j++) {
                mean += y.get(r, j) / 4;
                square += y.get(r, j) * y.get(r, j) / 4;
            }
            assertEquals(0, mean, 1e-12);
            assertEquals(1, square, 1e-4);                     // eps = 1e-5 shrinks it a hair
        }
        assertEquals(-1.5 / Math.sqrt(1.25 + 1e-5), y.get(0, 0), 1e-12);     // (1 - 2.5) / sqrt(var + eps)
    }

    @Test
    void embeddingLooksUpRows() {
        Embedding e = new Embedding(5, 3, new SplittableRandom(1));
        Tensor y = e.forward(Tensor.matrix(new double[][] {{4, 0}, {2, 2}}));
        assertArrayEquals(new int[] {2, 2, 3}, y.shape());
        for (int j = 0; j < 3; j++) {
            assertEquals(e.weight().value().get(4, j), y.get(0, 0, j), 0.0);
            assertEquals(e.weight().value().get(2, j), y.get(1, 1, j), 0.0);
        }
        IndexOutOfBoundsException bad = assertThrows(IndexOutOfBoundsException.class,
                () -> e.forward(Tensor.vector(1, 5)));
        assertTrue(bad.getMessage().contains("index 5.0 at position 1"), bad.getMessage());
    }

    @Test
    void initialisersHaveTheirVariance() {
        SplittableRandom rng = new SplittableRandom(3);
        int fanIn = 200, fanOut = 300;
        double[][] cases = {
            {variance(Init.xavierUniform().sample(rng, fanIn, fanOut, 300, 200)), 2.0 / (fanIn + fanOut)},
            {variance(Init.xavierNormal().sample(rng, fanIn, fanOut, 300, 200)), 2.0 / (fanIn + fanOut)},
            {variance(Init.heNormal().sample(rng, fanIn, fanOut, 300, 200)), 2.0 / fanIn},
            {variance(Init.heUniform().sample(rng, fanIn, fanOut, 300, 200)), 2.0 / fanIn},
            {variance(Init.fanInUniform().sample(rng, fanIn, fanOut, 300, 200)), 1.0 / (3 * fanIn)},
        };
        for (double[] c : cases) {
            // 60 000 draws: the sample variance is within 2% of its expectation far beyond 5 standard errors
            assertEquals(c[1], c[0], 0.02 * c[1]);
        }
        assertEquals(0.0, variance(Init.zeros().sample(rng, 1, 1, 3, 3)), 0.0);
    }

    private static double variance(Tensor t) {
        double[] v = t.toArray();
        double mean = 0, sq = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        for (double x : v) {
            sq += (x - mean) * (x - mean) / v.length;
        }
        return sq;
    }

    @Test
    void aWholeConvolutionalNetworksGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        Module net = new Sequential(new Reshape(1, 6, 6), new Conv2d(1, 2, 3, 1, 1, rng), Activation.tanh(),
                new MaxPool2d(2), new Flatten(), new LayerNorm(18), new Linear(18, 3, rng));
        int[] labels = {0, 2};
        Module withLoss = new Module() {
            private final Module inner = register("net", net);

            @Override
            public Tensor forward(Tensor x) {
                return Losses.crossEntropy(inner.forward(x), labels);
            }
        };
        GradCheckReport r = ModuleGradCheck.check(withLoss, 11L, Tensor.randomNormal(6L, 2, 36));
        assertTrue(r.passed(), r::toString);
        assertEquals(72 + net.parameterCount(), r.entries().size());
    }
}
