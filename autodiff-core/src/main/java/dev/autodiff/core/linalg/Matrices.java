package dev.autodiff.core.linalg;

import java.util.Arrays;
import java.util.Objects;

/** Validation and copying shared by the package's classes; every message starts with the caller's prefix. */
final class Matrices {
    /** The relative tolerance for symmetry: |a_ij - a_ji| &lt;= 1e-10 max(1, max|a|) passes. */
    static final double SYMMETRY_TOLERANCE = 1e-10;
    /** The machine epsilon of double, 2^-52. */
    static final double EPS = Math.ulp(1.0);

    private Matrices() {
    }

    /**
     * A copy of a square matrix with finite entries.
     *
     * @throws NullPointerException     if {@code a} is null
     * @throws IllegalArgumentException if a row is null, the matrix is not square or an entry is NaN or infinite
     */
    static double[][] squareCopy(double[][] a, String prefix) {
        Objects.requireNonNull(a, () -> prefix + "the matrix is null");
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i] == null) {
                throw new IllegalArgumentException(prefix + "row " + i + " is null");
            }
        }
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                int[] lengths = new int[n];
                for (int r = 0; r < n; r++) {
                    lengths[r] = a[r].length;
                }
                throw new IllegalArgumentException(prefix + "the matrix is not square: " + n + " rows but row " + i
                        + " has length " + a[i].length + " (row lengths " + Arrays.toString(lengths) + ")");
            }
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = a[i].clone();
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(copy[i][j])) {
                    throw new IllegalArgumentException(prefix + "entry (" + i + ", " + j + ") is " + copy[i][j]);
                }
            }
        }
        return copy;
    }

    /**
     * A symmetric copy, (A + A^T) / 2, of a square matrix with finite entries that is symmetric within
     * {@link #SYMMETRY_TOLERANCE} max(1, max|a_ij|).
     *
     * @throws IllegalArgumentException as {@link #squareCopy}, or naming the most asymmetric entry
     */
    static double[][] symmetricCopy(double[][] a, String prefix) {
        double[][] s = squareCopy(a, prefix);
        int n = s.length;
        double max = maxAbs(s);
        double tolerance = SYMMETRY_TOLERANCE * Math.max(1.0, max);
        int worstI = -1, worstJ = -1;
        double worst = tolerance;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = Math.abs(s[i][j] - s[j][i]);
                if (d > worst) {
                    worst = d;
                    worstI = i;
                    worstJ = j;
                }
            }
        }
        if (worstI >= 0) {
            throw new IllegalArgumentException(prefix + "the matrix is not symmetric: entry (" + worstI + ", " + worstJ
                    + ") is " + s[worstI][worstJ] + " but entry (" + worstJ + ", " + worstI + ") is "
                    + s[worstJ][worstI] + ", |difference| " + worst + " > tolerance " + tolerance
                    + " (1e-10 max(1, max|a_ij|), max|a_ij| = " + max + ")");
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = 0.5 * s[i][j] + 0.5 * s[j][i];
                s[i][j] = m;
                s[j][i] = m;
            }
        }
        return s;
    }

    /** max |a_ij|, 0 for an empty matrix. */
    static double maxAbs(double[][] a) {
        double max = 0.0;
        for (double[] row : a) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }

    /** Sum of x_i y_i. */
    static double dot(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** The Euclidean norm, without overflow or underflow for finite entries. */
    static double norm(double[] x) {
        double scale = 0.0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0.0;
        for (double v : x) {
            double t = v / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /**
     * {@code op.apply(v)} on a copy of v, checked: the result has the operator's dimension and finite entries.
     *
     * @param application the 1-based number of this application, for the message
     * @throws IllegalArgumentException if the result is null or has the wrong length
     * @throws ArithmeticException      if an entry of the result is NaN or infinite
     */
    static double[] applyChecked(LinearOperator op, double[] v, String prefix, int application) {
        double[] w = op.apply(v.clone());
        if (w == null || w.length != v.length) {
            throw new IllegalArgumentException(prefix + "the operator returned "
                    + (w == null ? "null" : "a vector of length " + w.length) + " for dimension " + v.length
                    + " (application " + application + ")");
        }
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new ArithmeticException(prefix + "the operator returned " + w[i] + " at index " + i
                        + " (application " + application + ")");
            }
        }
        return w;
    }
}
