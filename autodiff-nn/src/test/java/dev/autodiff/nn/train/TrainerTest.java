package dev.autodiff.nn.train;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.Dropout;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Sequential;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.data.Datasets;
import dev.autodiff.nn.data.Split;
import dev.autodiff.nn.data.Standardizer;
import dev.autodiff.nn.optim.Adam;
import dev.autodiff.nn.optim.LearningRateSchedule;
import dev.autodiff.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    /** Standardised iris, 70/30 stratified. */
    private record Data(Dataset train, Dataset test) {
    }

    private static Data iris() {
        Split s = Split.trainTest(Datasets.iris(), 0.3, 5, true);
        Standardizer z = Standardizer.fit(s.train());
        return new Data(z.transform(s.train()), z.transform(s.test()));
    }

    private static Module model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(4, 16, rng), Activation.tanh(), new Dropout(0.1, seed), new Linear(16, 3, rng));
    }

    @Test
    void sameSeedSameResultBitForBit() {
        Data data = iris();
        Module a = model(1), b = model(1);
        History ha = new Trainer(a, new Adam(a.parameters(), 0.01)).epochs(5).batchSize(16).seed(9)
                .fit(data.train(), data.test());
        History hb = new Trainer(b, new Adam(b.parameters(), 0.01)).epochs(5).batchSize(16).seed(9)
                .fit(data.train(), data.test());
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().toArray(), b.parameters().get(i).value().toArray(), 0.0);
        }
        assertEquals(ha.last().trainLoss(), hb.last().trainLoss(), 0.0);
        assertEquals(ha.last().validationAccuracy(), hb.last().validationAccuracy(), 0.0);
    }

    @Test
    void irisIsLearnedAndTheHistorySaysHow() {
        Data data = iris();
        Module m = model(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        History h = new Trainer(m, new Sgd(m.parameters(), 0.1, 0.9, false, 0)).epochs(30).batchSize(16).seed(3)
                .schedule(LearningRateSchedule.step(10, 0.5))
                .progress(Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), false))
                .fit(data.train(), data.test());
        assertEquals(30, h.epochs().size());
        assertTrue(h.last().validationAccuracy() >= 0.9, h.toCsv());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss(), h.toCsv());
        assertEquals(0.025, h.last().learningRate(), 1e-15);              // 0.1 halved at epochs 10 and 20
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(30, log.lines().count(), "one line per epoch when not a terminal:\n" + log);
        assertTrue(log.startsWith("epoch 1/30  loss "), log);
        assertEquals(31, h.toCsv().lines().count());
        assertTrue(h.toCsv().startsWith("epoch,train_loss,train_accuracy,validation_loss"));
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        // a tiny training set and a large learning rate overfit: validation loss turns up and training stops
        Data data = iris();
        Dataset few = data.train().subset(0, 1, 2, 3, 40, 41, 42, 43, 80, 81, 82, 83);
        Module m = model(4);
        History h = new Trainer(m, new Adam(m.parameters(), 0.05)).epochs(200).batchSize(4).seed(1)
                .earlyStopping(5).fit(few, data.test());
        assertTrue(h.isStoppedEarly(), h.toCsv());
        assertEquals(h.bestEpoch() + 5, h.epochs().size());
        double best = h.epochs().get(h.bestEpoch() - 1).validationLoss();
        assertEquals(best, Evaluation.of(m, data.test(), LossFunction.crossEntropy(), 64).loss(), 1e-12);
    }

    @Test
    void confusionMatrixAndEvaluationAgree() {
        Data data = iris();
        Module m = model(6);
        new Trainer(m, new Adam(m.parameters(), 0.01)).epochs(20).seed(2).fit(data.train(), null);
        ConfusionMatrix c = ConfusionMatrix.of(m, data.test(), 7);
        Evaluation e = Evaluation.of(m, data.test(), LossFunction.crossEntropy(), 7);
        assertEquals(e.accuracy(), c.accuracy(), 0.0);
        int total = 0;
        for (int[] row : c.counts()) {
            for (int v : row) {
                total += v;
            }
        }
        assertEquals(data.test().size(), total);
        assertTrue(m.isTraining(), "evaluation restores the mode");
    }

    @Test
    void misconfigurationIsRefused() {
        Module m = model(1), other = model(2);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(m, new Adam(other.parameters(), 0.01)));
        Trainer t = new Trainer(m, new Adam(m.parameters(), 0.01)).earlyStopping(3);
        assertThrows(IllegalArgumentException.class, () -> t.fit(iris().train(), null));
        assertThrows(IllegalArgumentException.class, () -> t.batchSize(0));
    }

    @Test
    void regressionTrainsWithMeanSquaredError() {
        Tensor x = Tensor.randomNormal(1L, 64, 2);
        Tensor y = x.matmul(Tensor.matrix(new double[][] {{2}, {-1}})).add(0.5);
        Dataset data = Dataset.regression(x, y);
        Linear m = new Linear(2, 1, new SplittableRandom(1));
        History h = new Trainer(m, new Adam(m.parameters(), 0.05)).loss(LossFunction.mse()).epochs(200)
                .batchSize(16).fit(data, null);
        assertTrue(h.last().trainLoss() < 1e-6, h.toCsv());
        assertTrue(Double.isNaN(h.last().trainAccuracy()));
        assertArrayEquals(new double[] {2, -1}, m.weight().value().toArray(), 1e-3);
    }
}
