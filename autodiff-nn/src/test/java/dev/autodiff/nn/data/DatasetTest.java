package dev.autodiff.nn.data;

import dev.autodiff.core.ShapeMismatchException;
import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {

    /** Row i has features (i, 10 i) and label i mod 3. */
    static Dataset rows(int n) {
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return Dataset.of(Tensor.of(x, n, 2), y);
    }

    @Test
    void classification() {
        Dataset d = rows(7);
        assertEquals(7, d.size());
        assertEquals(2, d.numFeatures());
        assertTrue(d.isClassification());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {3, 2, 2}, d.classCounts());
        assertEquals(2, d.label(5));
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2, 0}, d.targets().toArray());
        Tensor oneHot = d.oneHot();
        assertArrayEquals(new int[] {7, 3}, oneHot.shape());
        assertArrayEquals(new double[] {0, 0, 1}, oneHot.slice(0, 2, 3).toArray());
        int[] labels = d.labels();
        labels[0] = 99;
        assertEquals(0, d.label(0));
        assertEquals("Dataset[7 x 2, 3 classes]", d.toString());

        Dataset wide = Dataset.of(Tensor.zeros(2, 1), new int[] {0, 1}, 5);
        assertEquals(5, wide.numClasses());
        assertArrayEquals(new int[] {1, 1, 0, 0, 0}, wide.classCounts());
    }

    @Test
    void refusals() {
        assertThrows(ShapeMismatchException.class, () -> Dataset.of(Tensor.zeros(3), new int[3]));
        assertEquals("Dataset: 2 labels for 3 feature rows",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.zeros(3, 1), new int[2]))
                        .getMessage());
        assertEquals("Dataset: label -1 of row 1 is outside [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.zeros(2, 1), new int[] {0, -1}))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.zeros(1, 1), new int[] {3}, 3));
        assertThrows(ShapeMismatchException.class, () -> Dataset.regression(Tensor.zeros(3, 1), Tensor.zeros(2)));
        assertThrows(ShapeMismatchException.class,
                () -> Dataset.regression(Tensor.zeros(3, 1), Tensor.zeros(3, 1, 1)));
        Dataset regression = Dataset.regression(Tensor.zeros(2, 1), Tensor.zeros(2));
        assertThrows(IllegalStateException.class, regression::labels);
        assertThrows(IllegalStateException.class, regression::classCounts);
        assertThrows(IllegalStateException.class, regression::oneHot);
        assertEquals("subset: index 7 outside [0, 7)",
                assertThrows(IndexOutOfBoundsException.class, () -> rows(7).subset(1, 7)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> rows(7).subset(-1));
        assertThrows(IllegalArgumentException.class, () -> rows(7).batches(0, 1));
    }

    @Test
    void featuresAreTakenByValue() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.ones(2, 2));
            Dataset d = Dataset.of(x, new int[] {0, 1});
            assertTrue(d.features().isConstant());
            assertArrayEquals(x.toArray(), d.features().toArray());
        }
    }

    @Test
    void subsetKeepsOrderRepeatsAndClassCount() {
        Dataset d = rows(7);
        Dataset s = d.subset(6, 0, 6);
        assertArrayEquals(new double[] {6, 60, 0, 0, 6, 60}, s.features().toArray());
        assertArrayEquals(new int[] {0, 0, 0}, s.labels());
        assertEquals(3, s.numClasses());
        Dataset empty = d.subset();
        assertEquals(0, empty.size());
        assertArrayEquals(new int[] {0, 2}, empty.features().shape());
    }

    @Test
    void regressionSubsetsAndTargets() {
        Dataset vec = Dataset.regression(Tensor.of(new double[] {1, 2, 3}, 3, 1), Tensor.vector(10, 20, 30));
        assertFalse(vec.isClassification());
        assertEquals(0, vec.numClasses());
        Dataset s = vec.subset(2, 0);
        assertArrayEquals(new int[] {2}, s.targets().shape());
        assertArrayEquals(new double[] {30, 10}, s.targets().toArray());
        Dataset mat = Dataset.regression(Tensor.zeros(3, 0), Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {5, 6, 1, 2}, mat.subset(2, 0).targets().toArray());
        assertArrayEquals(new int[] {2, 2}, mat.subset(2, 0).targets().shape());
        assertEquals("Dataset[3 x 0, targets [3, 2]]", mat.toString());
    }

    @Test
    void withFeatures() {
        Dataset d = rows(4).withFeatures(Tensor.ones(4, 5));
        assertEquals(5, d.numFeatures());
        assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
        assertThrows(ShapeMismatchException.class, () -> rows(4).withFeatures(Tensor.ones(3, 2)));
    }

    /** The generator is written out in Shuffle, so these orders are the same on every JVM, now and later. */
    @Test
    void batchOrderIsPinned() {
        Dataset d = rows(10);
        assertEquals("[[9, 1, 5, 4], [2, 8, 7, 0], [3, 6]]", Arrays.deepToString(d.batchIndices(4, 42, 0)));
        assertEquals("[[8, 9, 5, 7], [4, 2, 1, 0], [3, 6]]", Arrays.deepToString(d.batchIndices(4, 42, 1)));
    }

    @Test
    void batchesCoverEveryExampleOnceAndRepeatBitForBit() {
        Dataset d = rows(103);
        List<Dataset> batches = d.batches(10, 7, 3);
        assertEquals(11, batches.size());
        assertEquals(3, batches.get(10).size());                          // 103 = 10 * 10 + 3
        int[][] indices = d.batchIndices(10, 7, 3);
        boolean[] seen = new boolean[103];
        for (int b = 0; b < batches.size(); b++) {
            Dataset batch = batches.get(b);
            assertArrayEquals(d.subset(indices[b]).features().toArray(), batch.features().toArray());
            for (int k = 0; k < batch.size(); k++) {
                int row = (int) batch.features().get(k, 0);
                assertFalse(seen[row]);
                seen[row] = true;
                assertEquals(row % 3, batch.label(k));
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertArrayEquals(indices, d.batchIndices(10, 7, 3));
        assertFalse(Arrays.deepEquals(indices, d.batchIndices(10, 7, 4)));
        assertFalse(Arrays.deepEquals(indices, d.batchIndices(10, 8, 3)));
        assertArrayEquals(d.batchIndices(10, 7, 0), d.batchIndices(10, 7, 0));
        assertEquals(Arrays.deepToString(d.batchIndices(10, 7, 0)),
                Arrays.deepToString(d.batches(10, 7).stream().map(b -> rowsOf(b)).toArray(int[][]::new)));
        assertThrows(UnsupportedOperationException.class, () -> batches.remove(0));
        assertEquals(0, d.subset().batches(4, 1).size());
    }

    private static int[] rowsOf(Dataset batch) {
        int[] r = new int[batch.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = (int) batch.features().get(k, 0);
        }
        return r;
    }

    @Test
    void batchesInOrder() {
        List<Dataset> batches = rows(5).batchesInOrder(2);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {0, 1}, rowsOf(batches.get(0)));
        assertArrayEquals(new int[] {4}, rowsOf(batches.get(2)));
        assertNotEquals(0, rows(5).batchesInOrder(100).size());
    }
}
