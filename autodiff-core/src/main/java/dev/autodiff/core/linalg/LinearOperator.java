package dev.autodiff.core.linalg;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A symmetric linear map of R^n known only through its products v -&gt; A v, such as a Hessian-vector product, for
 * {@link Lanczos} and {@link Hutchinson}. Implementations must be linear and symmetric (u . A v = v . A u);
 * neither is checked, and a map that is not gives meaningless results.
 */
public interface LinearOperator {

    /**
     * The product A v.
     *
     * @param v a vector of length {@link #dimension()}; must not be modified
     * @return A v, of length {@link #dimension()}; the caller may keep and modify it
     */
    double[] apply(double[] v);

    /** @return n, the dimension of the space the map acts on */
    int dimension();

    /**
     * The map v -&gt; A v of an explicit symmetric matrix. As for {@link SymmetricEigen#of}, asymmetry within
     * 1e-10 max(1, max|a_ij|) is rounding and the map is that of (A + A^T) / 2; the matrix is copied.
     *
     * @param matrix the matrix, n x n; not modified
     * @return the operator; its {@code apply} throws an {@link IllegalArgumentException} for a vector whose length
     *         is not n
     * @throws NullPointerException     if {@code matrix} is null
     * @throws IllegalArgumentException with a message starting "operator: " if a row is null, the matrix is not
     *                                  square, an entry is NaN or infinite, or it is not symmetric
     */
    static LinearOperator of(double[][] matrix) {
        double[][] a = Matrices.symmetricCopy(matrix, "operator: ");
        int n = a.length;
        return of(n, v -> {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = Matrices.dot(a[i], v);
            }
            return w;
        });
    }

    /**
     * The map with the given dimension and product, for example a Hessian-vector product. The lengths of the
     * vectors are checked on the way in; the product is trusted to return a vector of length n.
     *
     * @param dimension n, &gt;= 0
     * @param product   v -&gt; A v; must not modify v
     * @return the operator; its {@code apply} throws an {@link IllegalArgumentException} for a vector whose length
     *         is not n
     * @throws IllegalArgumentException if {@code dimension} is negative
     */
    static LinearOperator of(int dimension, UnaryOperator<double[]> product) {
        Objects.requireNonNull(product, "operator: the product is null");
        if (dimension < 0) {
            throw new IllegalArgumentException("operator: dimension must be >= 0, got " + dimension);
        }
        return new LinearOperator() {
            @Override
            public double[] apply(double[] v) {
                if (v.length != dimension) {
                    throw new IllegalArgumentException("operator: a vector of length " + v.length + " for a "
                            + dimension + "-dimensional operator");
                }
                return product.apply(v);
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public String toString() {
                return "LinearOperator[dimension " + dimension + "]";
            }
        };
    }
}
