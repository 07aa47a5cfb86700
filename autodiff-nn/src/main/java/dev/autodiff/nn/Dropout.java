package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the survivors scaled by 1/(1 - p),
 * so that the expected output is the input; in evaluation mode the identity. The masks come from a generator seeded
 * at construction: the same seed gives the same sequence of masks, and {@link #reseed(long)} restarts it (a gradient
 * check reseeds before each evaluation so that every evaluation sees the same mask). In evaluation mode it touches
 * no state and may run on several threads at once; in training mode its generator is shared: one thread at a time.
 */
public final class Dropout extends Module {
    private final double p;
    private SplittableRandom rng;

    /**
     * @param p    the drop probability, in [0, 1]
     * @param seed the seed of the masks
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    /** Restarts the sequence of masks from a seed. */
    public void reseed(long seed) {
        rng = new SplittableRandom(seed);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0.0) {
            return x;
        }
        double[] mask = new double[x.size()];
        double keep = p == 1.0 ? 0.0 : 1.0 / (1.0 - p);                  // p = 1 drops everything
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0.0 : keep;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override
    protected String describe() {
        return "p=" + p;
    }
}
