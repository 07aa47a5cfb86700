package dev.autodiff.nn.data;

import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {

    /** Disjoint, complete, ascending, and the parts hold the rows their indices name. */
    static void assertPartition(Dataset data, Split split) {
        int[] train = split.trainIndices(), test = split.testIndices();
        assertEquals(data.size(), train.length + test.length);
        boolean[] seen = new boolean[data.size()];
        for (int[] part : new int[][] {train, test}) {
            for (int k = 0; k < part.length; k++) {
                assertFalse(seen[part[k]]);
                seen[part[k]] = true;
                assertTrue(k == 0 || part[k - 1] < part[k]);
            }
        }
        assertArrayEquals(data.subset(train).features().toArray(), split.train().features().toArray());
        assertArrayEquals(data.subset(test).features().toArray(), split.test().features().toArray());
        if (data.isClassification()) {
            assertArrayEquals(data.subset(test).labels(), split.test().labels());
            assertEquals(data.numClasses(), split.test().numClasses());
        }
    }

    @Test
    void stratifiedDigitsKeepEachClassShare() {
        Dataset digits = Datasets.digits();
        Split split = Split.trainTest(digits, 0.2, 42, true);
        assertPartition(digits, split);
        int[] all = digits.classCounts(), test = split.test().classCounts();
        for (int c = 0; c < all.length; c++) {
            assertTrue(Math.abs(test[c] - 0.2 * all[c]) <= 0.5, "class " + c + ": " + test[c] + " of " + all[c]);
        }
        // 0.2 n_c for the counts 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 rounds to 36, 36, 35, 37, 36, 36,
        // 36, 36, 35, 36: 359 in all, where round(0.2 * 1797) would be 359 too
        assertArrayEquals(new int[] {36, 36, 35, 37, 36, 36, 36, 36, 35, 36}, test);
        assertEquals(359, split.test().size());
        assertEquals(1438, split.train().size());

        Split again = Split.trainTest(digits, 0.2, 42, true);
        assertArrayEquals(split.testIndices(), again.testIndices());
        assertFalse(Arrays.equals(split.testIndices(), Split.trainTest(digits, 0.2, 43, true).testIndices()));
    }

    @Test
    void pinnedSmallSplit() {
        Dataset d = Dataset.of(Tensor.zeros(10, 1), new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        Split s = Split.trainTest(d, 0.4, 42, true);
        assertArrayEquals(new int[] {2, 3, 5, 9}, s.testIndices());
        assertArrayEquals(new int[] {0, 1, 4, 6, 7, 8}, s.trainIndices());
    }

    @Test
    void unstratifiedRoundsHalfUp() {
        Dataset d = DatasetTest.rows(10);
        assertEquals(2, Split.trainTest(d, 0.15, 1, false).test().size());        // 1.5 -> 2
        assertEquals(1, Split.trainTest(d, 0.14, 1, false).test().size());
        assertEquals(0, Split.trainTest(d, 0.0, 1, false).test().size());
        assertEquals(10, Split.trainTest(d, 1.0, 1, false).test().size());
        assertEquals(0, Split.trainTest(d, 1.0, 1, true).train().size());
        Dataset regression = Dataset.regression(Tensor.zeros(4, 1), Tensor.vector(1, 2, 3, 4));
        Split r = Split.trainTest(regression, 0.5, 3, false);
        assertPartition(regression, r);
        assertEquals(2, r.test().size());
    }

    @Test
    void refusals() {
        Dataset d = DatasetTest.rows(4);
        assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, -0.1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, 1.1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, Double.NaN, 1, false));
        Dataset regression = Dataset.regression(Tensor.zeros(2, 1), Tensor.zeros(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Split.trainTest(regression, 0.5, 1, true));
        assertTrue(e.getMessage().contains("stratified split needs class labels"), e.getMessage());
    }
}
