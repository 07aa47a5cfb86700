package dev.autodiff.nn.data;

import dev.autodiff.core.ShapeMismatchException;
import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardizerTest {

    /** Each column's mean and population standard deviation. */
    static double[][] moments(Tensor x) {
        int n = x.shape()[0], d = x.shape()[1];
        double[] v = x.toArray(), mean = new double[d], std = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                mean[j] += v[i * d + j] / n;
            }
            for (int i = 0; i < n; i++) {
                std[j] += (v[i * d + j] - mean[j]) * (v[i * d + j] - mean[j]) / n;
            }
            std[j] = Math.sqrt(std[j]);
        }
        return new double[][] {mean, std};
    }

    @Test
    void trainingDataGetsMeanZeroAndStdOne() {
        Split split = Split.trainTest(Datasets.digits(), 0.25, 5, true);
        Standardizer s = Standardizer.fit(split.train());
        Dataset train = s.transform(split.train());
        double[][] raw = moments(split.train().features()), m = moments(train.features());
        int constant = 0;
        for (int j = 0; j < 64; j++) {
            assertEquals(0, m[0][j], 1e-12, "mean of column " + j);
            // digits has constant columns (pixel 0 is always 0): they map to 0, and their std is taken as 1
            boolean isConstant = raw[1][j] == 0;
            constant += isConstant ? 1 : 0;
            assertEquals(isConstant ? 0 : 1, m[1][j], 1e-12, "std of column " + j);
            assertEquals(isConstant ? 1 : raw[1][j], s.std()[j], 1e-12 * raw[1][j]);
        }
        assertTrue(constant > 0);
        assertArrayEquals(split.train().labels(), train.labels());
        Dataset test = s.transform(split.test());
        assertEquals(split.test().size(), test.size());
    }

    @Test
    void constantColumnsMapToZero() {
        Tensor x = Tensor.matrix(new double[][] {{0.1, 1, 5}, {0.1, 2, 5}, {0.1, 3, 5}});
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new double[] {0.1, 2, 5}, s.mean());
        assertArrayEquals(new double[] {1, Math.sqrt(2.0 / 3), 1}, s.std(), 1e-15);
        Tensor z = s.transform(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, z.get(i, 0), 0.0);
            assertEquals(0.0, z.get(i, 2), 0.0);
        }
        assertArrayEquals(x.toArray(), s.inverse(z).toArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0}, s.transform(Tensor.vector(0.1, 2, 5)).toArray(), 0.0);
    }

    @Test
    void extremeScalesStayFinite() {
        Tensor x = Tensor.matrix(new double[][] {{1e-200, 1e200, -1e307}, {3e-200, 3e200, 1e307}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(1e-200, s.std()[0], 1e-212);
        assertEquals(1e200, s.std()[1], 1e188);
        assertEquals(1e307, s.std()[2], 1e295);                             // the naive sum of squares overflows
        assertEquals(0, s.mean()[2], 0.0);
        Tensor z = s.transform(x);
        assertArrayEquals(new double[] {-1, -1, -1, 1, 1, 1}, z.toArray(), 1e-12);
    }

    @Test
    void transformIsRecordedOnATape() {
        Standardizer s = Standardizer.fit(Tensor.matrix(new double[][] {{0, 0}, {2, 4}}));   // std 1 and 2
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.matrix(new double[][] {{1, 1}}));
            Tensor z = s.transform(x);
            assertFalse(z.isConstant());
            Tensor g = tape.gradient(z.sum().item()).of(x);
            assertArrayEquals(new double[] {1, 0.5}, g.toArray(), 0.0);
        }
    }

    @Test
    void refusals() {
        Standardizer s = Standardizer.fit(Tensor.ones(2, 3));
        assertEquals(3, s.numFeatures());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> s.transform(Tensor.ones(2, 4)));
        assertTrue(e.getMessage().contains("the last dimension must be the fitted 3 columns"), e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> s.inverse(Tensor.scalar(1)));
        assertThrows(ShapeMismatchException.class, () -> Standardizer.fit(Tensor.ones(3)));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(0, 3)));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(Tensor.matrix(new double[][] {{1, 2}, {3, Double.NaN}})));
        assertEquals("Standardizer.fit: value NaN at row 1, column 1 is not finite", nan.getMessage());
        double[] mean = s.mean();
        mean[0] = 42;
        assertEquals(1, s.mean()[0]);
    }
}
