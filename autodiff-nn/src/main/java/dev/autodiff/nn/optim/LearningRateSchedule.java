package dev.autodiff.nn.optim;

/** A learning rate as a function of the epoch (0-based), from the base rate. */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * @param base  the initial learning rate
     * @param epoch the epoch about to run, from 0
     * @return the rate for that epoch
     */
    double rate(double base, int epoch);

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return (base, epoch) -> base;
    }

    /** base gamma^floor(epoch / every): multiplied by gamma every {@code every} epochs (PyTorch's StepLR). */
    static LearningRateSchedule step(int every, double gamma) {
        if (every <= 0 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule: need every > 0 and gamma in (0, 1], got " + every
                    + ", " + gamma);
        }
        return (base, epoch) -> base * Math.pow(gamma, epoch / every);
    }

    /**
     * Cosine annealing from base to {@code min} over {@code epochs}: min + (base - min)(1 + cos(pi epoch / epochs))/2,
     * and min from then on.
     */
    static LearningRateSchedule cosine(int epochs, double min) {
        if (epochs <= 0 || !(min >= 0)) {
            throw new IllegalArgumentException("cosine schedule: need epochs > 0 and min >= 0, got " + epochs + ", "
                    + min);
        }
        return (base, epoch) -> epoch >= epochs ? min
                : min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
    }
}
