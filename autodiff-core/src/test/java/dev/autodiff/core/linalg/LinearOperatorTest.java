package dev.autodiff.core.linalg;

import org.junit.jupiter.api.Test;

import static dev.autodiff.core.linalg.SymmetricEigenTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearOperatorTest {

    @Test
    void matrixOperatorMultiplies() {
        double[][] a = {{2, -1, 0}, {-1, 3, 0.5}, {0, 0.5, 1}};
        LinearOperator op = LinearOperator.of(a);
        assertEquals(3, op.dimension());
        double[] v = {1, 2, -4};
        assertArrayEquals(new double[] {0, 3, -3}, op.apply(v), 0.0);
        assertArrayEquals(new double[] {1, 2, -4}, v, 0.0, "v unchanged");
        a[0][0] = 100; // the operator copied the matrix
        assertArrayEquals(new double[] {2, -1, 0}, op.apply(new double[] {1, 0, 0}), 0.0);
    }

    @Test
    void productOperator() {
        LinearOperator twice = LinearOperator.of(2, v -> new double[] {2 * v[0], 2 * v[1]});
        assertEquals(2, twice.dimension());
        assertArrayEquals(new double[] {2, -6}, twice.apply(new double[] {1, -3}), 0.0);
    }

    @Test
    void validation() {
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> LinearOperator.of(new double[][] {{1, 2}, {0, 1}})).getMessage(), "operator: ", "not symmetric",
                "(0, 1) is 2.0");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> LinearOperator.of(new double[][] {{1, 2}})).getMessage(), "operator: ", "not square");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> LinearOperator.of(-1, v -> v)).getMessage(), "operator: dimension must be >= 0, got -1");
        LinearOperator op = LinearOperator.of(TestMatrices.diagonal(1, 2, 3));
        assertContains(assertThrows(IllegalArgumentException.class, () -> op.apply(new double[4])).getMessage(),
                "operator: ", "length 4", "3-dimensional");
    }
}
