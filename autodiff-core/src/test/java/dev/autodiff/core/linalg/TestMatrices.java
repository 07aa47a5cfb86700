package dev.autodiff.core.linalg;

import java.util.SplittableRandom;

/** Seeded random matrices and small matrix arithmetic for the linalg tests, independent of the code under test. */
final class TestMatrices {
    static final double EPS = Math.ulp(1.0);

    private TestMatrices() {
    }

    /** A symmetric n x n matrix with entries uniform in [-scale, scale). */
    static double[][] randomSymmetric(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = scale * (2 * random.nextDouble() - 1);
            }
        }
        return a;
    }

    /** An n x n matrix with entries uniform in [-1, 1). */
    static double[][] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = 2 * random.nextDouble() - 1;
            }
        }
        return a;
    }

    /**
     * A random orthogonal matrix: modified Gram-Schmidt, applied twice, to the columns of a seeded standard normal
     * matrix. Q^T Q = I to a few n eps.
     */
    static double[][] randomOrthogonal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] cols = new double[n][n]; // cols[j] is column j
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double c = dot(cols[k], cols[j]);
                    for (int i = 0; i < n; i++) {
                        cols[j][i] -= c * cols[k][i];
                    }
                }
                double norm = Math.sqrt(dot(cols[j], cols[j]));
                for (int i = 0; i < n; i++) {
                    cols[j][i] /= norm;
                }
            }
        }
        return transpose(cols);
    }

    /** Q diag(d) Q^T, symmetric by construction (each entry computed once and mirrored). */
    static double[][] withSpectrum(double[][] q, double[] d) {
        int n = d.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * d[k] * q[j][k];
                }
                a[i][j] = a[j][i] = s;
            }
        }
        return a;
    }

    static double[][] diagonal(double... d) {
        double[][] a = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            a[i][i] = d[i];
        }
        return a;
    }

    static double[][] transpose(double[][] a) {
        int rows = a.length, cols = rows == 0 ? 0 : a[0].length;
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i][l] * b[l][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            s += dot(row, row);
        }
        return Math.sqrt(s);
    }

    static double trace(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i][i];
        }
        return s;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
