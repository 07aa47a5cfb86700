package dev.autodiff.nn.train;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.data.Dataset;

/**
 * A model's mean loss and (for classification) accuracy on a data set, computed in evaluation mode (no dropout)
 * without recording anything. Several threads may evaluate one model at once: the evaluation mode holds for the
 * calling thread only ({@link Module#inMode}), so each gets the result it would get alone, and the model's modes are
 * left as they were. Not while another thread trains, binds, steps or loads the model (see {@link Module}).
 *
 * @param loss     the mean loss per example
 * @param accuracy the share of examples whose largest logit is at their label, in [0, 1]; NaN for regression
 * @param size     the number of examples
 */
public record Evaluation(double loss, double accuracy, int size) {

    /**
     * @param model     the model; in evaluation mode on the calling thread for the duration, its modes untouched
     * @param data      the examples
     * @param loss      the loss
     * @param batchSize examples per forward pass
     * @return the evaluation
     */
    public static Evaluation of(Module model, Dataset data, LossFunction loss, int batchSize) {
        return model.inMode(false, () -> {
            double total = 0.0;
            long correct = 0;
            for (Dataset batch : data.batchesInOrder(batchSize)) {
                Tensor out = model.forward(batch.features());
                total += loss.loss(out, batch).item().value() * batch.size();
                if (data.isClassification()) {
                    correct += correct(out, batch.labels());
                }
            }
            return new Evaluation(total / data.size(),
                    data.isClassification() ? (double) correct / data.size() : Double.NaN, data.size());
        });
    }

    /** The number of rows of {@code logits} whose largest element (the first of ties) is at the row's label. */
    static long correct(Tensor logits, int[] labels) {
        int[] predicted = argmax(logits);
        long c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += predicted[i] == labels[i] ? 1 : 0;
        }
        return c;
    }

    /** The index of each row's largest element (the first of ties; NaN never wins), or -1 for a row of NaNs. */
    static int[] argmax(Tensor logits) {
        int[] s = logits.shape();
        double[] v = logits.toArray();
        int n = s[0], k = v.length / Math.max(1, n);
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            best[i] = -1;
            for (int j = 0; j < k; j++) {
                double x = v[i * k + j];
                if (!Double.isNaN(x) && (best[i] < 0 || x > v[i * k + best[i]])) {
                    best[i] = j;
                }
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.4f, accuracy %.2f%% (%d examples)", loss, 100 * accuracy,
                size);
    }
}
