package dev.autodiff.nn.io;

import dev.autodiff.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Round trips of random tensor maps, and what truncated or corrupted files do. */
class SafeTensorsProperties {

    @Provide
    Arbitrary<String> names() {
        // any Unicode text, quotes, backslashes and control characters included (no unpaired surrogates)
        return Arbitraries.strings().all().ofMaxLength(12)
                .filter(s -> !s.equals(SafeTensors.METADATA_KEY)
                        && s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    }

    /** Random tensors of rank 0..4 with dimensions 0..4 and arbitrary bits, under names drawn from {@link #names}. */
    static Map<String, Tensor> tensors(List<String> names, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : names) {
            int[] shape = new int[rng.nextInt(5)];
            int size = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = rng.nextInt(5);
                size *= shape[d];
            }
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = Double.longBitsToDouble(rng.nextLong());
            }
            out.put(name, Tensor.of(v, shape));
        }
        return out;
    }

    @Property(tries = 200)
    void roundTripIsBitExact(@ForAll("nameLists") List<String> names, @ForAll long seed,
                             @ForAll("metadata") Map<String, String> metadata) throws SafeTensorsFormatException {
        Map<String, Tensor> tensors = tensors(names, seed);
        byte[] bytes = SafeTensors.toBytes(tensors, metadata);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        SafeTensors.Loaded loaded = SafeTensors.fromBytes(bytes);
        assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(loaded.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            SafeTensorsTest.assertBitsEqual(e.getValue(), loaded.tensor(e.getKey()));
        }
        assertEquals(metadata, loaded.metadata());
    }

    @Provide
    Arbitrary<List<String>> nameLists() {
        return names().list().uniqueElements().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Map<String, String>> metadata() {
        return Arbitraries.maps(names(), names()).ofMaxSize(3);
    }

    @Property(tries = 200)
    void everyTruncationIsRefused(@ForAll("nameLists") List<String> names, @ForAll long seed,
                                  @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = SafeTensors.toBytes(tensors(names, seed));
        int length = cut % bytes.length;                                   // strictly shorter than the file
        byte[] truncated = java.util.Arrays.copyOf(bytes, length);
        assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.fromBytes(truncated));
    }

    /** A corrupted byte gives a result or a SafeTensorsFormatException: never another exception, never a hang. */
    @Property(tries = 500)
    void corruptionIsRefusedOrHarmless(@ForAll("nameLists") List<String> names, @ForAll long seed,
                                       @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value) {
        byte[] bytes = SafeTensors.toBytes(tensors(names, seed));
        bytes[at % Math.min(bytes.length, 200)] = value;                  // mostly in the length and the header
        try {
            SafeTensors.fromBytes(bytes);
        } catch (SafeTensorsFormatException expected) {
            // refused, with a message
        }
    }
}
