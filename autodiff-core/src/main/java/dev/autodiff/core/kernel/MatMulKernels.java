package dev.autodiff.core.kernel;

/**
 * Allocation-free matrix products over row-major {@code double[]} with explicit offsets, including the transposed
 * variants that a product's backward pass needs, so that no transposed copy is ever made. Each method adds into
 * its output ({@code c += ...}); clear the output first for a plain product. Outputs must not alias inputs.
 *
 * <p>These are the reference loops (i-k-j order, unit stride in the innermost loop); they know nothing about tapes.
 */
public final class MatMulKernels {
    private MatMulKernels() {
    }

    /**
     * c[m x n] += a[m x k] b[k x n].
     *
     * @param a  not modified
     * @param b  not modified
     * @param c  modified
     */
    public static void multAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /**
     * c[m x n] += a^T b, where a is stored as [k x m] and b as [k x n].
     *
     * @param a  not modified
     * @param b  not modified
     * @param c  modified
     */
    public static void multTransAAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                     int m, int k, int n) {
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * m, bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                double api = a[ap + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /**
     * c[m x n] += a b^T, where a is stored as [m x k] and b as [n x k].
     *
     * @param a  not modified
     * @param b  not modified
     * @param c  modified
     */
    public static void multTransBAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                     int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k, ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] += s;
            }
        }
    }
}
