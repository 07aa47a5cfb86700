package dev.autodiff.nn.data;

import dev.autodiff.core.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of batches, splits, standardization and CSV over random data; each case is a function of its seed. */
class DataProperties {

    static Dataset random(long seed, int n, int d, int classes) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Dataset.of(Tensor.randomNormal(rng, n, d), labels, classes);
    }

    @Property(tries = 200)
    void everyEpochCoversEveryRowOnce(@ForAll @IntRange(max = 300) int n, @ForAll @IntRange(min = 1, max = 50) int b,
                                      @ForAll long seed, @ForAll @IntRange(max = 1000) int epoch) {
        Dataset d = random(seed, n, 1, 2);
        int[][] batches = d.batchIndices(b, seed, epoch);
        assertEquals((n + b - 1) / b, batches.length);
        int[] all = Arrays.stream(batches).flatMapToInt(Arrays::stream).sorted().toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(i, all[i]);
        }
        for (int k = 0; k < batches.length; k++) {
            assertEquals(k < batches.length - 1 || n % b == 0 ? b : n % b, batches[k].length);
        }
        assertArrayEquals(batches, d.batchIndices(b, seed, epoch));
    }

    @Property(tries = 200)
    void splitsArePartitionsThatKeepClassShares(@ForAll @IntRange(max = 200) int n,
                                                @ForAll @IntRange(min = 1, max = 6) int classes,
                                                @ForAll @DoubleRange(min = 0, max = 1) double fraction,
                                                @ForAll long seed, @ForAll boolean stratified) {
        Dataset d = random(seed, n, 2, classes);
        Split split = Split.trainTest(d, fraction, seed, stratified);
        SplitTest.assertPartition(d, split);
        if (stratified) {
            int[] all = d.classCounts(), test = split.test().classCounts();
            for (int c = 0; c < classes; c++) {
                assertTrue(Math.abs(test[c] - fraction * all[c]) <= 0.5 + 1e-9,
                        "class " + c + ": " + test[c] + " of " + all[c] + " at " + fraction);
            }
        } else {
            assertEquals(Math.round(n * fraction), split.test().size(), 0);
        }
        assertArrayEquals(split.testIndices(), Split.trainTest(d, fraction, seed, stratified).testIndices());
    }

    @Property(tries = 100)
    void standardizedTrainingColumnsHaveMeanZeroAndStdOne(@ForAll @IntRange(min = 2, max = 60) int n,
                                                          @ForAll @IntRange(min = 1, max = 6) int d,
                                                          @ForAll long seed,
                                                          @ForAll @DoubleRange(min = -6, max = 6) double logScale) {
        double scale = Math.pow(10, logScale);
        Tensor x = Tensor.randomNormal(seed, n, d).mul(scale).add(3 * scale);
        Standardizer s = Standardizer.fit(x);
        double[][] m = StandardizerTest.moments(s.transform(x));
        for (int j = 0; j < d; j++) {
            assertEquals(0, m[0][j], 1e-12);
            assertEquals(1, m[1][j], 1e-12);
        }
        assertArrayEquals(x.toArray(), s.inverse(s.transform(x)).toArray(), 1e-12 * scale);
    }

    @Property(tries = 100)
    void csvReadsBackWhatWasWritten(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll @IntRange(max = 5) int d,
                                    @ForAll long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset data = random(seed, n, d, 4);
        double[] x = data.features().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = rng.nextInt(8) == 0 ? Double.longBitsToDouble(rng.nextLong()) : x[i * d + j];
                x[i * d + j] = v;
                text.append(Double.isNaN(v) ? "NaN" : Double.toString(v)).append(rng.nextBoolean() ? "," : " , ");
            }
            text.append(data.label(i)).append(rng.nextBoolean() ? "\n" : "\r\n");
        }
        Dataset read = Csv.read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), "p.csv",
                false, -1);
        assertArrayEquals(data.labels(), read.labels());
        double[] back = read.features().toArray();
        for (int k = 0; k < x.length; k++) {
            assertFalse(Double.isNaN(x[k]) != Double.isNaN(back[k]));
            if (!Double.isNaN(x[k])) {
                assertEquals(Double.doubleToLongBits(x[k]), Double.doubleToLongBits(back[k]));
            }
        }
    }
}
