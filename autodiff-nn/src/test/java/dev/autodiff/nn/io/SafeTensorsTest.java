package dev.autodiff.nn.io;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers: files built by hand from the specification

    /** A file: the 8-byte little-endian header length, the header as given (no padding added), then the data. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        return b.array();
    }

    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static void assertBitsEqual(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.toArray(), a = actual.toArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    "element " + i + ": " + e[i] + " vs " + a[i]);
        }
    }

    static SafeTensorsFormatException malformed(byte[] bytes, String expectedInMessage) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.fromBytes(bytes));
        assertTrue(e.getMessage().contains(expectedInMessage),
                () -> "message \"" + e.getMessage() + "\" lacks \"" + expectedInMessage + "\"");
        assertEquals("<bytes>", e.source());
        assertTrue(e.getMessage().startsWith("safetensors <bytes>: "), e.getMessage());
        return e;
    }

    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Golden bytes

    @Test
    void goldenTwoByTwo() throws IOException {
        Tensor w = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        byte[] actual = SafeTensors.toBytes(Map.of("w", w));

        String header = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]}}";   // 57 bytes
        assertEquals(57, header.length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {64, 0, 0, 0, 0, 0, 0, 0});                  // 57 padded to 64
        expected.writeBytes((header + "       ").getBytes(StandardCharsets.US_ASCII));
        long[] bits = {0x3FF0000000000000L, 0x4000000000000000L, 0x4008000000000000L, 0x4010000000000000L};
        for (long b : bits) {                                                         // 1, 2, 3, 4 little-endian
            for (int k = 0; k < 8; k++) {
                expected.write((int) (b >>> (8 * k)) & 0xff);
            }
        }
        assertArrayEquals(expected.toByteArray(), actual);
        assertBitsEqual(w, SafeTensors.fromBytes(actual).tensor("w"));
    }

    @Test
    void goldenWithMetadataAndOrder() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z", Tensor.scalar(-0.0));
        tensors.put("a", Tensor.zeros(0, 3));
        tensors.put("m", Tensor.vector(1.5));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("quote\"and\\slash", "line\nbreak");
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"quote\\\"and\\\\slash\":\"line\\nbreak\"},"
                + entry("z", "F64", "[]", 0, 8) + "," + entry("a", "F64", "[0,3]", 8, 8) + ","
                + entry("m", "F64", "[1]", 8, 16) + "}";
        int padded = (header.length() + 7) / 8 * 8;
        byte[] expected = file(header + " ".repeat(padded - header.length()), f64(-0.0, 1.5));
        assertArrayEquals(expected, SafeTensors.toBytes(tensors, metadata));

        SafeTensors.Loaded loaded = SafeTensors.fromBytes(expected);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(loaded.tensors().keySet()));
        assertEquals(metadata, loaded.metadata());
        assertEquals(List.of("format", "quote\"and\\slash"), new ArrayList<>(loaded.metadata().keySet()));
        assertBitsEqual(Tensor.scalar(-0.0), loaded.tensor("z"));
        assertArrayEquals(new int[] {0, 3}, loaded.tensor("a").shape());
    }

    @Test
    void emptyFile() throws IOException {
        byte[] bytes = SafeTensors.toBytes(Map.of());
        assertArrayEquals(file("{}      ", new byte[0]), bytes);
        SafeTensors.Loaded loaded = SafeTensors.fromBytes(bytes);
        assertTrue(loaded.tensors().isEmpty());
        assertTrue(loaded.metadata().isEmpty());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Round trips

    static Tensor randomTensor(SplittableRandom rng, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextInt(4) == 0 ? Double.longBitsToDouble(rng.nextLong()) : rng.nextGaussian();
        }
        return Tensor.of(v, shape);
    }

    @Test
    void roundTripOfRandomTensorsOfEveryRank() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        int[][] shapes = {{}, {0}, {1}, {5}, {2, 3}, {3, 0, 2}, {0, 0}, {2, 3, 4}, {1, 1, 1, 1}, {2, 1, 3, 1, 2}};
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < shapes.length; i++) {
            tensors.put("layer" + (shapes.length - i) + ".weight", randomTensor(rng, shapes[i]));
        }
        Map<String, String> metadata = Map.of("epoch", "12", "note", "Grüße, 数字 \u0001");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, metadata);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(SafeTensors.toBytes(tensors, metadata), bytes);

        for (SafeTensors.Loaded loaded : List.of(SafeTensors.read(file), SafeTensors.fromBytes(bytes))) {
            assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(loaded.tensors().keySet()));
            for (String name : tensors.keySet()) {
                assertBitsEqual(tensors.get(name), loaded.tensor(name));
            }
            assertEquals(metadata, loaded.metadata());
        }
    }

    @Test
    void specialValuesSurviveBitForBit() throws IOException {
        double[] values = {
            Double.longBitsToDouble(0x7ff0000000000001L),          // signalling NaN, smallest payload
            Double.longBitsToDouble(0x7ff8000000000123L),          // quiet NaN with a payload
            Double.longBitsToDouble(0xfff8000000000000L),          // negative NaN
            Double.longBitsToDouble(0x7fffffffffffffffL),
            -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MAX_VALUE, Double.MIN_NORMAL, Math.PI,
        };
        Tensor t = Tensor.vector(values);
        assertBitsEqual(t, SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("t", t))).tensor("t"));
    }

    @Test
    void largeTensorsCrossChunkBoundaries() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("big", randomTensor(rng, 3, 7001));                     // 168 024 bytes: several 64 KiB chunks
        tensors.put("small", randomTensor(rng, 3));
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, tensors);
        SafeTensors.Loaded loaded = SafeTensors.read(file);
        assertBitsEqual(tensors.get("big"), loaded.tensor("big"));
        assertBitsEqual(tensors.get("small"), loaded.tensor("small"));

        float[] floats = new float[40_000];                                 // 160 000 bytes of F32
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) rng.nextGaussian();
        }
        byte[] bytes = file("{" + entry("f", "F32", "[200,200]", 0, 160_000) + "}", f32(floats));
        double[] read = SafeTensors.fromBytes(bytes).tensor("f").toArray();
        for (int i = 0; i < floats.length; i++) {
            assertEquals((double) floats[i], read[i], 0.0);
        }
    }

    @Test
    void recordedTensorIsWrittenAsItsValues() throws IOException {
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.vector(1, 2, 3)).mul(2);
            Tensor back = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("w", w))).tensor("w");
            assertArrayEquals(new double[] {2, 4, 6}, back.toArray());
            assertTrue(back.isConstant());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading what other writers produce

    @Test
    void float32FileBuiltByHand() throws IOException {
        float[] v = {1.5f, -0.1f, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE};
        byte[] bytes = file("{" + entry("x", "F32", "[2,3]", 0, 24) + "}", f32(v));
        Tensor x = SafeTensors.fromBytes(bytes).tensor("x");
        assertArrayEquals(new int[] {2, 3}, x.shape());
        double[] d = x.toArray();
        assertEquals(1.5, d[0], 0.0);
        assertEquals((double) -0.1f, d[1], 0.0);                             // widened exactly, not -0.1
        assertTrue(Double.isNaN(d[2]));
        assertEquals(Double.NEGATIVE_INFINITY, d[3], 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[4]));
        assertEquals((double) Float.MIN_VALUE, d[5], 0.0);
    }

    @Test
    void mixedDtypesUnpaddedPrettyHeaderAndOffsetsOutOfHeaderOrder() throws IOException {
        // "b" comes first in the header but second in the data; the reader keeps the header's order
        String header = "{\n  \"__metadata__\": {\"format\": \"pt\"},\n"
                + "  \"b\": {\"shape\": [2], \"dtype\": \"F64\", \"data_offsets\": [8, 24]},\n"
                + "  \"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}\n}";
        byte[] bytes = file(header, concat(f32(0.25f, -2f), f64(7, -8)));
        SafeTensors.Loaded loaded = SafeTensors.fromBytes(bytes);
        assertEquals(List.of("b", "a"), new ArrayList<>(loaded.tensors().keySet()));
        assertArrayEquals(new double[] {7, -8}, loaded.tensor("b").toArray());
        assertArrayEquals(new double[] {0.25, -2}, loaded.tensor("a").toArray());
        assertEquals(Map.of("format", "pt"), loaded.metadata());
    }

    @Test
    void loadedIsUnmodifiableAndNamesMissingTensors() throws IOException {
        SafeTensors.Loaded loaded = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("w", Tensor.vector(1))));
        assertThrows(UnsupportedOperationException.class, () -> loaded.tensors().put("x", Tensor.vector(2)));
        assertThrows(UnsupportedOperationException.class, () -> loaded.metadata().put("x", "y"));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> loaded.tensor("v"));
        assertTrue(e.getMessage().contains("\"v\"") && e.getMessage().contains("[w]"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed input

    @Test
    void truncatedBeforeOrInsideTheHeader() throws IOException {
        malformed(new byte[0], "truncated: 0 bytes");
        malformed(new byte[7], "truncated: 7 bytes");
        byte[] valid = SafeTensors.toBytes(Map.of("w", Tensor.vector(1, 2)));
        malformed(Arrays.copyOf(valid, 20), "header length 56 is larger than the 12 bytes after the length field");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        byte[] huge = new byte[16];
        Arrays.fill(huge, 0, 8, (byte) 0xff);                                   // 2^64 - 1
        malformed(huge, "header length 18446744073709551615 is larger than the 8 bytes");
        byte[] big = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        malformed(big, "header length 1099511627776 is larger");
    }

    @Test
    void truncatedDataSection() throws IOException {
        byte[] valid = SafeTensors.toBytes(Map.of("w", Tensor.vector(1, 2, 3)));
        malformed(Arrays.copyOf(valid, valid.length - 1), "run past the end of the 23-byte data section");
        malformed(Arrays.copyOf(valid, valid.length - 24), "run past the end of the 0-byte data section");
    }

    @Test
    void invalidJson() throws IOException {
        malformed(file("{\"w\":", new byte[0]), "not valid JSON: unexpected end of text");
        malformed(file("{\"w\":{},}", new byte[0]), "not valid JSON");
        malformed(file("{} x", new byte[0]), "not valid JSON: unexpected 'x' after the value at character 3");
        malformed(file("{}\0\0\0\0\0\0", new byte[0]), "not valid JSON: unexpected character U+0000");
        malformed(file("", new byte[0]), "not valid JSON");
        malformed(file("[]", new byte[0]), "the header is the list [], not a JSON object");
        malformed(file("\"x\"", new byte[0]), "not a JSON object");
        byte[] latin1 = file("{\"x\":1}", new byte[0]);
        latin1[10] = (byte) 0xe9;                                               // a lone Latin-1 é is not UTF-8
        malformed(latin1, "the header is not valid UTF-8");
    }

    @Test
    void unknownOrUnsupportedDtype() throws IOException {
        malformed(file("{" + entry("w", "I64", "[1]", 0, 8) + "}", new byte[8]),
                "tensor \"w\": unknown or unsupported dtype \"I64\" (this reader takes F64, F32, F16 and BF16)");
        malformed(file("{" + entry("w", "f64", "[1]", 0, 8) + "}", new byte[8]), "unsupported dtype \"f64\"");
        malformed(file("{\"w\":{\"dtype\":64,\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]),
                "tensor \"w\": dtype is 64, not a string");
    }

    @Test
    void shapeAndOffsetsDisagree() throws IOException {
        malformed(file("{" + entry("w", "F64", "[2,2]", 0, 24) + "}", new byte[24]),
                "tensor \"w\": data_offsets [0, 24] hold 24 bytes, but F64 shape [2, 2] needs 32");
        malformed(file("{" + entry("w", "F32", "[3]", 0, 24) + "}", new byte[24]),
                "data_offsets [0, 24] hold 24 bytes, but F32 shape [3] needs 12");
        malformed(file("{" + entry("w", "F64", "[]", 0, 0) + "}", new byte[0]), "F64 shape [] needs 8");
    }

    @Test
    void overlappingGappedReversedAndOutOfRangeOffsets() throws IOException {
        malformed(file("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[2]", 0, 16) + "}",
                new byte[16]), "tensors \"a\" [0, 16] and \"b\" [0, 16] overlap");
        malformed(file("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[2]", 8, 24) + "}",
                new byte[24]), "overlap");
        malformed(file("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[0]", 8, 8) + "}",
                new byte[16]), "overlap");
        malformed(file("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 16, 24) + "}",
                new byte[24]), "gap of 8 bytes at data offset 8, before tensor \"b\" [16, 24]");
        malformed(file("{" + entry("a", "F64", "[1]", 8, 16) + "}", new byte[16]), "gap of 8 bytes at data offset 0");
        malformed(file("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[2]", 8, 24) + "}",
                new byte[16]), "tensor \"b\": data_offsets [8, 24] run past the end of the 16-byte data section");
        malformed(file("{" + entry("a", "F64", "[0]", 16, 8) + "}", new byte[16]), "end before they begin");
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[-8,0]}}", new byte[8]),
                "out of range");
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[8]),
                "data_offsets is the list [0], not [begin, end] of two whole numbers");
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0, 8.0]}}", new byte[8]),
                "not [begin, end] of two whole numbers");
        malformed(file("{" + entry("a", "F64", "[1]", 0, 8) + "}", new byte[12]),
                "4 bytes after the last tensor (the data section has 12, the tensors cover 8)");
        malformed(file("{}", new byte[3]), "3 bytes after the last tensor");
    }

    @Test
    void duplicateNames() throws IOException {
        malformed(file("{" + entry("w", "F64", "[1]", 0, 8) + "," + entry("w", "F64", "[1]", 8, 16) + "}",
                new byte[16]), "duplicate key \"w\"");
        malformed(file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]), "duplicate key \"__metadata__\"");
        malformed(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0]), "duplicate key \"a\"");
    }

    @Test
    void nonStringMetadata() throws IOException {
        malformed(file("{\"__metadata__\":{\"epoch\":12}}", new byte[0]),
                "\"__metadata__\" entry \"epoch\" is 12, not a string");
        malformed(file("{\"__metadata__\":{\"x\":null}}", new byte[0]), "entry \"x\" is null, not a string");
        malformed(file("{\"__metadata__\":{\"x\":{}}}", new byte[0]), "entry \"x\" is an object, not a string");
        malformed(file("{\"__metadata__\":[\"a\"]}", new byte[0]), "\"__metadata__\" is the list [a], not an object");
    }

    @Test
    void badShapes() throws IOException {
        malformed(file("{" + entry("w", "F64", "[-1,2]", 0, 0) + "}", new byte[0]),
                "tensor \"w\": negative dimension -1 in shape [-1, 2]");
        malformed(file("{" + entry("w", "F64", "[2.0]", 0, 16) + "}", new byte[16]), "not a whole number");
        malformed(file("{" + entry("w", "F64", "[\"2\"]", 0, 16) + "}", new byte[16]), "not a whole number");
        malformed(file("{" + entry("w", "F64", "2", 0, 16) + "}", new byte[16]), "shape is 2, not a list");
        malformed(file("{" + entry("w", "F64", "[4294967296]", 0, 16) + "}", new byte[16]), "is too large");
        malformed(file("{" + entry("w", "F64", "[65536,65536]", 0, 16) + "}", new byte[16]),
                "more elements than a Tensor holds");
    }

    @Test
    void badEntries() throws IOException {
        malformed(file("{\"w\":[1]}", new byte[0]), "tensor \"w\": the entry is the list [1], not an object");
        malformed(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1]}}", new byte[8]), "missing field \"data_offsets\"");
        malformed(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"extra\":1}}", new byte[8]),
                "unknown field \"extra\"");
    }

    @Test
    void readingAFileNamesIt() throws IOException {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[5]);
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertEquals(file.toString(), e.source());
        assertEquals("safetensors " + file + ": truncated: 5 bytes, fewer than the 8 of the header length",
                e.getMessage());
        assertEquals("truncated: 5 bytes, fewer than the 8 of the header length", e.problem());

        byte[] valid = SafeTensors.toBytes(Map.of("w", Tensor.vector(1, 2, 3)));
        Files.write(file, Arrays.copyOf(valid, valid.length - 8));
        e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith("safetensors " + file + ": tensor \"w\""), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    @Test
    void writeRefusesBadArgumentsBeforeTouchingTheTarget() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.vector(1, 2)));
        byte[] before = Files.readAllBytes(file);

        Map<String, Tensor> reserved = new LinkedHashMap<>();
        reserved.put("ok", Tensor.vector(3));
        reserved.put(SafeTensors.METADATA_KEY, Tensor.vector(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, reserved));
        assertEquals("write: \"__metadata__\" is reserved for metadata and cannot name a tensor", e.getMessage());

        Map<String, Tensor> nullTensor = new LinkedHashMap<>();
        nullTensor.put("ok", Tensor.vector(3));
        nullTensor.put("gone", null);
        assertEquals("write: tensor \"gone\" is null",
                assertThrows(NullPointerException.class, () -> SafeTensors.write(file, nullTensor)).getMessage());
        Map<String, Tensor> nullName = new LinkedHashMap<>();
        nullName.put(null, Tensor.vector(3));
        assertThrows(NullPointerException.class, () -> SafeTensors.write(file, nullName));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, Map.of("bad\ud800", Tensor.vector(1)))).getMessage()
                .contains("unpaired surrogate at index 3"));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThrows(NullPointerException.class, () -> SafeTensors.write(file, Map.of(), nullValue));
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, Map.of(), Map.of("k", "\udc00")));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void writeRefusesABadEntryAtAnyPositionBeforeTouchingTheTarget() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.vector(1, 2)));
        byte[] before = Files.readAllBytes(file);
        for (int k = 0; k < 3; k++) {
            Map<String, Tensor> nullTensor = new LinkedHashMap<>(), reserved = new LinkedHashMap<>(),
                    surrogate = new LinkedHashMap<>();
            Map<String, String> badValue = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                nullTensor.put("t" + i, i == k ? null : Tensor.vector(i));
                reserved.put(i == k ? SafeTensors.METADATA_KEY : "t" + i, Tensor.vector(i));
                surrogate.put(i == k ? "t\ud800" : "t" + i, Tensor.vector(i));
                badValue.put("k" + i, i == k ? "\udc00" : "v");
            }
            String at = "bad entry at " + k;
            assertEquals("write: tensor \"t" + k + "\" is null", assertThrows(NullPointerException.class,
                    () -> SafeTensors.write(file, nullTensor), at).getMessage());
            assertEquals("write: \"__metadata__\" is reserved for metadata and cannot name a tensor",
                    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, reserved), at)
                            .getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, surrogate), at)
                    .getMessage().startsWith("write: tensor name "), at);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> SafeTensors.write(file, Map.of("w", Tensor.vector(3)), badValue), at)
                    .getMessage().startsWith("write: metadata value "), at);
            assertArrayEquals(before, Files.readAllBytes(file), at);
            assertEquals(List.of(file), listDir(), at);
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.vector(1, 2)));
        SafeTensors.write(file, Map.of("v", Tensor.ones(2, 2)), Map.of("step", "2"));
        SafeTensors.Loaded loaded = SafeTensors.read(file);
        assertEquals(List.of("v"), new ArrayList<>(loaded.tensors().keySet()));
        assertEquals(List.of(file), listDir());

        Path relative = Path.of("target", "relative-" + System.nanoTime() + ".safetensors");
        try {
            SafeTensors.write(relative, Map.of("w", Tensor.vector(5)));
            assertArrayEquals(new double[] {5}, SafeTensors.read(relative).tensor("w").toArray());
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void failedMoveLeavesTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keep me");
        assertThrows(IOException.class, () -> SafeTensors.write(target, Map.of("w", Tensor.vector(1))));
        assertEquals("keep me", Files.readString(target.resolve("inside.txt")));
        assertEquals(List.of(target), listDir());

        assertThrows(IOException.class,
                () -> SafeTensors.write(dir.resolve("missing-dir").resolve("x.safetensors"), Map.of()));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
