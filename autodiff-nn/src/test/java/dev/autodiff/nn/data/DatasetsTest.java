package dev.autodiff.nn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {

    @Test
    void digits() {
        Dataset d = Datasets.digits();
        assertArrayEquals(new int[] {1797, 64}, d.features().shape());
        assertEquals(10, d.numClasses());
        int[] counts = d.classCounts();
        assertEquals(1797, Arrays.stream(counts).sum());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
        for (double v : d.features().toArray()) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "pixel " + v);
        }
        // the first image is a 0: its top row is 0 0 5 13 9 1 0 0
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, d.features().slice(0, 0, 1).slice(1, 0, 8).toArray());
        assertEquals(0, d.label(0));
        assertSame(d, Datasets.digits());
    }

    @Test
    void iris() {
        Dataset d = Datasets.iris();
        assertArrayEquals(new int[] {150, 4}, d.features().shape());
        assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.features().slice(0, 0, 1).toArray());
        assertEquals(3, Datasets.IRIS_CLASSES.size());
        assertSame(d, Datasets.iris());
    }

    @Test
    void attributionShipsBesideTheData() {
        assertNotNull(Datasets.class.getResource("README.md"));
    }
}
