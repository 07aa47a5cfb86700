package dev.autodiff.nn.train;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.data.Dataset;

/** The loss of a model's output on a batch, as a tensor of one element. */
@FunctionalInterface
public interface LossFunction {
    /**
     * @param output the model's output for the batch's features
     * @param batch  the batch, with its labels or targets
     * @return the mean loss over the batch
     */
    Tensor loss(Tensor output, Dataset batch);

    /** Softmax cross-entropy of logits against the batch's class labels. */
    static LossFunction crossEntropy() {
        return (output, batch) -> Losses.crossEntropy(output, batch.labels());
    }

    /** Mean squared error against the batch's regression targets. */
    static LossFunction mse() {
        return (output, batch) -> Losses.mse(output, batch.targets());
    }
}
