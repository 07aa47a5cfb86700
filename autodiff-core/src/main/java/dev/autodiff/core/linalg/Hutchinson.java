package dev.autodiff.core.linalg;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Hutchinson's estimate of the trace of a {@link LinearOperator} from its products alone: the mean of z^T A z over
 * independent Rademacher probes z (entries +1 or -1 with equal probability).
 *
 * <p>Each z^T A z is an unbiased estimate of tr A, with variance 2 sum over i != j of a_ij^2 for a symmetric A, so
 * the estimate is exact for a diagonal matrix and its error shrinks as 1 / sqrt(samples). The standard error
 * reported is the sample standard deviation (with the n - 1 divisor) over sqrt(samples); for fewer than about 30
 * samples it is itself rough. The probes come from {@code new SplittableRandom(seed)}, so the same seed gives the
 * same result. Each sample costs one application of A.
 */
public final class Hutchinson {
    private static final String PREFIX = "hutchinson: ";

    private Hutchinson() {
    }

    /**
     * A trace estimate.
     *
     * @param estimate      the mean of z^T A z over the probes
     * @param standardError the estimated standard deviation of {@code estimate}: s / sqrt(samples) for the sample
     *                      standard deviation s; 0 when every sample agrees (as for a diagonal matrix), and NaN for
     *                      a single sample, which cannot estimate its own spread
     * @param samples       the number of probes
     */
    public record Result(double estimate, double standardError, int samples) {
    }

    /**
     * Estimates tr A.
     *
     * @param a       the operator; a dimension of 0 gives the exact trace 0
     * @param samples the number of probes, &gt;= 1 (&gt;= 2 for a standard error)
     * @param seed    the seed of the probes
     * @return the estimate, its standard error and the number of samples
     * @throws NullPointerException     if {@code a} is null
     * @throws IllegalArgumentException if {@code samples} is less than 1, the dimension is negative, or the operator
     *                                  returns a vector of the wrong length
     * @throws ArithmeticException      if the operator returns a NaN or infinite entry
     */
    public static Result trace(LinearOperator a, int samples, long seed) {
        Objects.requireNonNull(a, PREFIX + "the operator is null");
        if (samples < 1) {
            throw new IllegalArgumentException(PREFIX + "samples must be >= 1, got " + samples);
        }
        int n = a.dimension();
        if (n < 0) {
            throw new IllegalArgumentException(PREFIX + "the operator has dimension " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double mean = 0.0, m2 = 0.0; // Welford's running mean and sum of squared deviations
        double[] z = new double[n];
        for (int s = 1; s <= samples; s++) {
            for (int i = 0; i < n; i++) {
                z[i] = random.nextBoolean() ? 1.0 : -1.0;
            }
            double x = Matrices.dot(z, Matrices.applyChecked(a, z, PREFIX, s));
            double delta = x - mean;
            mean += delta / s;
            m2 += delta * (x - mean);
        }
        double standardError = samples == 1 ? Double.NaN : Math.sqrt(m2 / (samples - 1) / samples);
        return new Result(mean, standardError, samples);
    }
}
