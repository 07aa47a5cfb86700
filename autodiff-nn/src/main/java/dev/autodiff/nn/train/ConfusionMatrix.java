package dev.autodiff.nn.train;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.data.Dataset;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs: row i, column j is the number of examples of class i that the model
 * put in class j. The diagonal holds the correct ones.
 */
public final class ConfusionMatrix {
    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    /**
     * @param model     a classifier producing logits; evaluated in evaluation mode (on the calling thread only, so
     *                  several threads may do this at once, as for {@link Evaluation#of}) without recording
     * @param data      labelled examples
     * @param batchSize examples per forward pass
     * @return the matrix, numClasses x numClasses
     */
    public static ConfusionMatrix of(Module model, Dataset data, int batchSize) {
        int k = data.numClasses();
        int[][] counts = new int[k][k];
        model.inMode(false, () -> {
            int row = 0;
            for (Dataset batch : data.batchesInOrder(batchSize)) {
                Tensor logits = model.forward(batch.features());
                if (logits.rank() != 2 || logits.shape()[1] != k) {
                    throw new IllegalArgumentException("confusionMatrix: the model gives logits of shape "
                            + Arrays.toString(logits.shape()) + " for " + k + " classes; expected [batch, " + k + "]");
                }
                int[] predicted = Evaluation.argmax(logits);
                int[] labels = batch.labels();
                for (int i = 0; i < labels.length; i++, row++) {
                    if (predicted[i] < 0) {
                        throw new ArithmeticException("confusionMatrix: the logits of example " + row
                                + " are all NaN");
                    }
                    counts[labels[i]][predicted[i]]++;
                }
            }
            return null;
        });
        return new ConfusionMatrix(counts);
    }

    /** @return the number of examples of class {@code actual} predicted as {@code predicted} */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return a copy of the counts */
    public int[][] counts() {
        return Arrays.stream(counts).map(int[]::clone).toArray(int[][]::new);
    }

    /** @return the share of examples on the diagonal */
    public double accuracy() {
        long right = 0, all = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return (double) right / all;
    }

    /** @return the table, true classes down, predicted classes across */
    @Override
    public String toString() {
        int width = 3;
        for (int[] row : counts) {
            for (int c : row) {
                width = Math.max(width, Integer.toString(c).length() + 1);
            }
        }
        StringBuilder s = new StringBuilder(String.format("%" + (width + 6) + "s", "predicted"));
        s.append('\n').append(String.format("%6s", "true"));
        for (int j = 0; j < counts.length; j++) {
            s.append(String.format("%" + width + "d", j));
        }
        for (int i = 0; i < counts.length; i++) {
            s.append('\n').append(String.format("%6d", i));
            for (int j = 0; j < counts.length; j++) {
                s.append(String.format("%" + width + "d", counts[i][j]));
            }
        }
        return s.toString();
    }
}
