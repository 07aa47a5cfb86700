package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.Arrays;

/**
 * Loss functions, each the mean over the batch (the first dimension) of a per-example loss, returned as a rank-0
 * tensor. The classification losses take logits (unnormalised scores) and are computed in the stable forms: no
 * exponential of a large logit is ever formed, so logits of +-1000 give exact, finite losses and gradients.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean squared error: mean((prediction - target)^2) over all elements.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor mse(Tensor prediction, Tensor target) {
        sameShape("mse", prediction, target);
        return prediction.sub(target).square().mean();
    }

    /**
     * Huber loss: per element 0.5 r^2 for |r| &lt;= delta, delta (|r| - 0.5 delta) beyond, with r = prediction -
     * target; the mean over all elements. Quadratic near 0, linear in the tails, so outliers pull less than in mse.
     *
     * @param delta where the loss turns linear, &gt; 0
     */
    public static Tensor huber(Tensor prediction, Tensor target, double delta) {
        sameShape("huber", prediction, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber: delta must be > 0, got " + delta);
        }
        Tensor r = prediction.sub(target).abs();
        Tensor quadratic = r.minimum(delta);                   // min(|r|, delta)
        // 0.5 q^2 + delta (|r| - q): equals 0.5 r^2 inside, delta (|r| - delta/2) outside
        return quadratic.square().mul(0.5).add(r.sub(quadratic).mul(delta)).mean();
    }

    /**
     * Softmax cross-entropy from logits and class indices: mean over the batch of -log softmax(logits)[class].
     *
     * @param logits  [N, K] scores
     * @param classes N class indices in [0, K)
     * @throws IllegalArgumentException if the shapes do not fit or a class is out of range
     */
    public static Tensor crossEntropy(Tensor logits, int[] classes) {
        int[] s = logits.shape();
        if (s.length != 2 || s[0] != classes.length) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(s) + " and "
                    + classes.length + " classes; logits must be [N, K] with N = the number of classes given");
        }
        double[] index = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= s[1]) {
                throw new IllegalArgumentException("crossEntropy: class " + classes[i] + " of example " + i
                        + " is outside [0, " + s[1] + ")");
            }
            index[i] = classes[i];
        }
        Tensor picked = logits.logSoftmax(1).gather(1, Tensor.of(index, classes.length, 1));
        return picked.mean().neg();
    }

    /**
     * Softmax cross-entropy with label smoothing: the target puts 1 - eps on the class and eps spread evenly over all
     * K classes, so the loss is (1 - eps) CE + eps mean_k(-log softmax(logits)_k), as PyTorch's
     * {@code label_smoothing}. eps = 0 is {@link #crossEntropy(Tensor, int[])}.
     *
     * @param smoothing eps in [0, 1]
     */
    public static Tensor crossEntropy(Tensor logits, int[] classes, double smoothing) {
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], got " + smoothing);
        }
        Tensor hard = crossEntropy(logits, classes);
        if (smoothing == 0) {
            return hard;
        }
        Tensor uniform = logits.logSoftmax(1).mean(false, 1).mean().neg();
        return hard.mul(1 - smoothing).add(uniform.mul(smoothing));
    }

    /**
     * Softmax cross-entropy from logits and target probabilities (soft labels): mean over the batch of
     * -sum_k p_k log softmax(logits)_k. The probabilities are constants (no gradient).
     *
     * @param logits        [N, K] scores
     * @param probabilities [N, K], each row a distribution
     */
    public static Tensor crossEntropy(Tensor logits, Tensor probabilities) {
        sameShape("crossEntropy", logits, probabilities);
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be [N, K], got "
                    + Arrays.toString(logits.shape()));
        }
        return logits.logSoftmax(1).mul(probabilities.detach()).sum(false, 1).mean().neg();
    }

    /**
     * Binary cross-entropy from logits x and targets y in [0, 1]: mean of -y log sigmoid(x) - (1 - y) log(1 -
     * sigmoid(x)), computed as y softplus(-x) + (1 - y) softplus(x): two non-negative terms, so no cancellation and
     * full relative accuracy for any x (the shorter softplus(x) - x y loses every digit for y = 1 and x &gt; 36). The
     * gradient is sigmoid(x) - y; the targets are constants (no gradient).
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        sameShape("binaryCrossEntropyWithLogits", logits, targets);
        Tensor y = targets.detach();
        return logits.neg().softplus().mul(y).add(logits.softplus().mul(y.neg().add(1.0))).mean();
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": prediction " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " differ in shape");
        }
    }
}
