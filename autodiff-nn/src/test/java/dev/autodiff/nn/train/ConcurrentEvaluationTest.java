package dev.autodiff.nn.train;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.Dropout;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Sequential;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.data.Datasets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inference on one shared model from many threads at once. */
class ConcurrentEvaluationTest {
    private static Sequential model(Dropout drop) {
        SplittableRandom rng = new SplittableRandom(4);
        return new Sequential(new Linear(4, 16, rng), Activation.tanh(), drop, new Linear(16, 3, rng));
    }

    @Test
    void manyThreadsEvaluatingOneModelWithDropoutGetTheSingleThreadResultBitForBit() throws Exception {
        Dataset data = Datasets.iris();
        Dropout drop = new Dropout(0.5, 9);
        Sequential m = model(drop);                           // left in training mode: evaluation must switch
        Sequential twin = model(new Dropout(0.5, 9));
        Tensor twinFirstMask = twin.forward(data.features());  // a fresh dropout's first training-mode pass
        Evaluation expected = Evaluation.of(m, data, LossFunction.crossEntropy(), 16);
        int[][] expectedCounts = ConfusionMatrix.of(m, data, 16).counts();
        // a pass in training mode would change the loss, so a leaked mode cannot go unnoticed
        assertNotEquals(expected.loss(), LossFunction.crossEntropy().loss(twinFirstMask, data).item().value());

        int threads = 8, each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Object>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                boolean counts = t % 2 == 1;                  // half the threads also build confusion matrices
                results.add(pool.submit(() -> {
                    start.await();
                    List<Object> got = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        got.add(Evaluation.of(m, data, LossFunction.crossEntropy(), 16));
                        if (counts) {
                            got.add(ConfusionMatrix.of(m, data, 16).counts());
                        }
                    }
                    return got;
                }));
            }
            start.countDown();
            int seen = 0;
            for (Future<List<Object>> f : results) {
                for (Object r : f.get(5, TimeUnit.MINUTES)) {
                    if (r instanceof Evaluation e) {
                        // a record compares its doubles as Double.compare does: bit for bit
                        assertEquals(expected, e);
                        seen++;
                    } else {
                        assertArrayEquals(expectedCounts, (int[][]) r);
                    }
                }
            }
            assertEquals(threads * each, seen);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(m.isTraining(), "the model's mode is what it was");
        assertTrue(drop.isTraining());
        // no evaluation drew a mask: the dropout's generator is where a fresh one's is
        assertArrayEquals(twinFirstMask.toArray(), m.forward(data.features()).toArray());
    }
}
