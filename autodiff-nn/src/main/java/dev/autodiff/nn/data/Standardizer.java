package dev.autodiff.nn.data;

import dev.autodiff.core.ShapeMismatchException;
import dev.autodiff.core.Tensor;

import java.util.Arrays;

/**
 * Per-column standardization, fitted on training features: z = (x - mean) / std, column by column, with the
 * population standard deviation (divisor n, as scikit-learn's StandardScaler). Immutable.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(split.train());
 * Dataset train = s.transform(split.train()), test = s.transform(split.test());   // the training statistics
 * }</pre>
 *
 * <p>A constant column (every value equal) gets its value as mean and std 1, so it maps to 0 rather than to NaN.
 * The deviations are scaled by the largest before squaring, so neither tiny (1e-200) nor huge (1e200) columns
 * underflow or overflow.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;
    private final Tensor meanTensor;
    private final Tensor stdTensor;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
        this.meanTensor = Tensor.vector(mean);
        this.stdTensor = Tensor.vector(std);
    }

    /**
     * Fits to a data set's features.
     *
     * @param data at least one example
     * @return the fitted standardizer
     */
    public static Standardizer fit(Dataset data) {
        return fit(data.features());
    }

    /**
     * Fits to the columns of a matrix.
     *
     * @param features [n, d], n &gt;= 1, all finite
     * @return the fitted standardizer
     * @throws ShapeMismatchException   if {@code features} is not a matrix
     * @throws IllegalArgumentException if it has no rows, or a value is NaN or infinite (naming row and column)
     */
    public static Standardizer fit(Tensor features) {
        int[] shape = features.shape();
        if (shape.length != 2) {
            throw new ShapeMismatchException("Standardizer.fit", "features must be a matrix [n, d]", shape);
        }
        int n = shape[0], d = shape[1];
        if (n == 0) {
            throw new IllegalArgumentException("Standardizer.fit: no rows to fit to, shape " + Arrays.toString(shape));
        }
        double[] x = features.toArray();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Standardizer.fit: value " + x[i] + " at row " + i / d
                        + ", column " + i % d + " is not finite");
            }
        }
        double[] mean = new double[d], std = new double[d];
        for (int j = 0; j < d; j++) {
            double min = x[j], max = x[j], sum = 0;
            for (int i = 0; i < n; i++) {
                double v = x[i * d + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            if (min == max) {
                mean[j] = min;
                std[j] = 1;
                continue;
            }
            double m = sum / n;
            if (!Double.isFinite(m)) {                     // the sum overflowed: add the values / n instead
                m = 0;
                for (int i = 0; i < n; i++) {
                    m += x[i * d + j] / n;
                }
            }
            double scale = 0;                              // largest deviation, so that squares cannot overflow
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(x[i * d + j] - m));
            }
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double z = (x[i * d + j] - m) / scale;
                squares += z * z;
            }
            double s = scale * Math.sqrt(squares / n);
            mean[j] = m;
            std[j] = s > 0 && Double.isFinite(s) ? s : 1;
        }
        return new Standardizer(mean, std);
    }

    /** @return the number of columns fitted */
    public int numFeatures() {
        return mean.length;
    }

    /** @return the columns' means (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return the columns' standard deviations, 1 for constant columns (a copy) */
    public double[] std() {
        return std.clone();
    }

    /**
     * (x - mean) / std per column. Computed with tensor operations, so a recorded input gives a recorded output.
     *
     * @param features [..., d] (rows of the fitted width; a single row [d] too)
     * @return the standardized features, of the same shape
     * @throws ShapeMismatchException if the last dimension is not the fitted width
     */
    public Tensor transform(Tensor features) {
        checkWidth("transform", features);
        return features.sub(meanTensor).div(stdTensor);
    }

    /**
     * @param data a data set of the fitted width
     * @return the same examples with standardized features
     */
    public Dataset transform(Dataset data) {
        return data.withFeatures(transform(data.features()));
    }

    /**
     * x * std + mean per column: undoes {@link #transform(Tensor)} up to rounding.
     *
     * @param standardized [..., d]
     * @return the features in the original units
     * @throws ShapeMismatchException if the last dimension is not the fitted width
     */
    public Tensor inverse(Tensor standardized) {
        checkWidth("inverse", standardized);
        return standardized.mul(stdTensor).add(meanTensor);
    }

    private void checkWidth(String op, Tensor t) {
        int[] shape = t.shape();
        if (shape.length == 0 || shape[shape.length - 1] != mean.length) {
            throw new ShapeMismatchException("Standardizer." + op, "the last dimension must be the fitted "
                    + mean.length + " columns", shape);
        }
    }

    @Override
    public String toString() {
        return "Standardizer[" + mean.length + " columns]";
    }
}
