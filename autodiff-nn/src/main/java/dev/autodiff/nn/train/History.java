package dev.autodiff.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a training run did, epoch by epoch: for reading, printing or plotting. */
public final class History {
    /**
     * One epoch.
     *
     * @param epoch              the epoch, from 1
     * @param trainLoss          the mean training loss over the epoch's batches
     * @param trainAccuracy      the share of training examples classified right during the epoch (NaN for regression)
     * @param validationLoss     the validation loss after the epoch (NaN without validation data)
     * @param validationAccuracy the validation accuracy after the epoch (NaN without validation data or for
     *                           regression)
     * @param learningRate       the learning rate used
     * @param seconds            the epoch's wall-clock time
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                        double validationAccuracy, double learningRate, double seconds) {
    }

    private final List<Epoch> epochs = new ArrayList<>();
    private int bestEpoch = -1;
    private boolean stoppedEarly;

    void add(Epoch e) {
        epochs.add(e);
    }

    void best(int epoch) {
        bestEpoch = epoch;
    }

    void stoppedEarly() {
        stoppedEarly = true;
    }

    /** @return the epochs, in order */
    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    /** @return the last epoch */
    public Epoch last() {
        return epochs.get(epochs.size() - 1);
    }

    /** @return the epoch whose weights the model holds after early stopping (its validation loss was lowest), or -1 */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return whether early stopping ended the run before the last epoch */
    public boolean isStoppedEarly() {
        return stoppedEarly;
    }

    /** @return the history as CSV, with a header line, one line per epoch */
    public String toCsv() {
        StringBuilder s = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
                + "learning_rate,seconds\n");
        for (Epoch e : epochs) {
            s.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.6f\n", e.epoch(), e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.learningRate(), e.seconds()));
        }
        return s.toString();
    }
}
