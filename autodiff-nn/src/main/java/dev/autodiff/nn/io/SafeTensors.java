package dev.autodiff.nn.io;

import dev.autodiff.core.Tensor;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Named tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, so that weights
 * move to and from PyTorch, JAX and NumPy ({@code safetensors.torch.load_file}, {@code safetensors.numpy.save_file}).
 *
 * <pre>{@code
 * SafeTensors.write(Path.of("model.safetensors"), Map.of("w", w, "b", b), Map.of("epoch", "12"));
 * SafeTensors.Loaded loaded = SafeTensors.read(Path.of("model.safetensors"));
 * Tensor w2 = loaded.tensor("w");                  // bit for bit the w that was written
 * }</pre>
 *
 * <p>The format: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON, an object mapping each
 * tensor's name to {@code {"dtype": "F64", "shape": [...], "data_offsets": [begin, end]}} (byte offsets into the
 * data section, end exclusive), with an optional {@code "__metadata__"} object of strings to strings; then the data
 * section, each tensor's elements little-endian in row-major order. The tensors tile the data section: contiguous,
 * without gaps or overlaps, and nothing after the last.
 *
 * <p>Writing produces what the reference implementation produces for the same tensors in the same order: compact
 * JSON with {@code "__metadata__"} first (omitted when there is none), tensors in the map's iteration order and
 * laid out in that order, and the header padded with spaces to a multiple of 8 bytes. Elements are always written
 * as F64, their exact bits (NaN payloads, -0.0 and infinities survive a round trip). A recorded tensor is written
 * as its values.
 *
 * <p>Reading accepts F64, and F32, F16 and BF16 (each widened to double, exactly) and a header padded or not. It validates the whole
 * header and layout before decoding anything: any problem is a {@link SafeTensorsFormatException} naming the file
 * and the problem, and nothing is returned.
 */
public final class SafeTensors {
    /** The header key of the string-to-string metadata; not allowed as a tensor name. */
    public static final String METADATA_KEY = "__metadata__";

    /** The most elements a {@link Tensor} holds (its arrays are Java arrays). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Bytes converted per step when encoding and decoding; a multiple of 8. */
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {
    }

    /**
     * What a file holds.
     *
     * @param tensors  the tensors by name, in the header's order (unmodifiable)
     * @param metadata the {@code "__metadata__"} entries in the header's order, empty if there were none
     *                 (unmodifiable)
     */
    public record Loaded(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Copies both maps, keeping their iteration order. */
        public Loaded {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /**
         * @param name a tensor's name
         * @return that tensor
         * @throws NoSuchElementException naming the tensors there are, if there is no such tensor
         */
        public Tensor tensor(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new NoSuchElementException("no tensor " + Json.quote(String.valueOf(name)) + "; there are "
                        + tensors.keySet());
            }
            return t;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    /** {@link #write(Path, Map, Map)} without metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes tensors as F64 to a file, atomically: the bytes go to a new temporary file in the same directory, which
     * is flushed to the device and then renamed over {@code file}. If anything fails, {@code file} is as it was
     * (absent, or its old contents) and the temporary file is removed.
     *
     * @param file     the file to create or replace
     * @param tensors  the tensors by name, written in iteration order; names must not be {@value #METADATA_KEY}
     * @param metadata string-to-string metadata, in iteration order; empty or null for none
     * @throws NullPointerException     for a null map, name, tensor, key or value
     * @throws IllegalArgumentException for the name {@value #METADATA_KEY} or a string that is not valid Unicode
     *                                  (an unpaired surrogate); nothing is written
     * @throws IOException              if the file cannot be written or moved into place
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(file, "write: file");
        Plan plan = plan("write", tensors, metadata);     // every check before touching the disk
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        String base = "." + target.getFileName() + ".";
        Path tmp = null;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                tmp = dir.resolve(base + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                    if (attempt == 100) {
                        throw e;
                    }
                }
            }
            try (FileChannel ch = channel) {
                encode(plan, b -> {
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                });
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** {@link #toBytes(Map, Map)} without metadata. */
    public static byte[] toBytes(Map<String, Tensor> tensors) {
        return toBytes(tensors, Map.of());
    }

    /**
     * The bytes {@link #write(Path, Map, Map)} would write.
     *
     * @param tensors  the tensors by name, in iteration order
     * @param metadata string-to-string metadata; empty or null for none
     * @return the file's bytes
     * @throws NullPointerException     for a null map, name, tensor, key or value
     * @throws IllegalArgumentException for the name {@value #METADATA_KEY}, a string that is not valid Unicode, or
     *                                  more than 2^31 - 9 bytes in all (write those to a file)
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Plan plan = plan("toBytes", tensors, metadata);
        long total = 8 + plan.header.length + plan.dataBytes;
        if (total > MAX_ELEMENTS) {
            throw new IllegalArgumentException("toBytes: " + total + " bytes do not fit in an array; write a file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        try {
            encode(plan, out::put);
        } catch (IOException e) {
            throw new AssertionError("an array does not fail", e);
        }
        return out.array();
    }

    private record Entry(String name, int[] shape, double[] data) {
    }

    /** A validated file: the padded header and the tensors' elements, in order. */
    private record Plan(byte[] header, List<Entry> entries, long dataBytes) {
    }

    private static Plan plan(String op, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, op + ": tensors");
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            json.append(Json.quote(METADATA_KEY)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                String key = Objects.requireNonNull(m.getKey(), op + ": null metadata key");
                String value = Objects.requireNonNull(m.getValue(), () -> op + ": metadata "
                        + Json.quote(key) + " is null");
                checkUnicode(op, "metadata key", key);
                checkUnicode(op, "metadata value", value);
                json.append(first ? "" : ",").append(Json.quote(key)).append(':').append(Json.quote(value));
                first = false;
            }
            json.append('}');
        }
        List<Entry> entries = new ArrayList<>(tensors.size());
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), op + ": null tensor name");
            Tensor t = Objects.requireNonNull(e.getValue(), () -> op + ": tensor " + Json.quote(name) + " is null");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException(op + ": " + Json.quote(METADATA_KEY)
                        + " is reserved for metadata and cannot name a tensor");
            }
            checkUnicode(op, "tensor name", name);
            double[] data = t.toArray();
            int[] shape = t.shape();
            long end = offset + 8L * data.length;
            json.append(json.length() > 1 ? "," : "").append(Json.quote(name))
                    .append(":{\"dtype\":\"F64\",\"shape\":[");
            for (int d = 0; d < shape.length; d++) {
                json.append(d > 0 ? "," : "").append(shape[d]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            entries.add(new Entry(name, shape, data));
            offset = end;
        }
        json.append('}');
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = Arrays.copyOf(utf8, (utf8.length + 7) / 8 * 8);
        Arrays.fill(header, utf8.length, header.length, (byte) ' ');
        return new Plan(header, entries, offset);
    }

    /** Refuses a string that UTF-8 cannot encode (it would come back changed). */
    private static void checkUnicode(String op, String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(op + ": " + what + " " + Json.quote(s)
                        + " has an unpaired surrogate at index " + i + " and cannot be encoded as UTF-8");
            }
        }
    }

    private interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    private static void encode(Plan plan, Sink sink) throws IOException {
        sink.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, plan.header.length));
        sink.write(ByteBuffer.wrap(plan.header));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : plan.entries) {
            double[] d = e.data;
            for (int i = 0; i < d.length; ) {
                int m = Math.min(d.length - i, CHUNK / 8);
                chunk.clear();
                chunk.asDoubleBuffer().put(d, i, m);
                chunk.limit(m * 8);
                sink.write(chunk);
                i += m;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads a safetensors file.
     *
     * @param file the file
     * @return its tensors (F32, F16 and BF16 widened to double) and metadata
     * @throws SafeTensorsFormatException if the file is not valid safetensors of F64 and F32 tensors: truncated, a
     *                                    header length larger than the file, a header that is not UTF-8 JSON of
     *                                    the expected form, an unsupported dtype, a negative dimension, offsets
     *                                    that disagree with the shape, overlap, leave a gap or run past the data,
     *                                    bytes after the last tensor, a duplicate name, or metadata that is not
     *                                    string to string
     * @throws IOException                if the file cannot be read
     */
    public static Loaded read(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return decode(source, ch.size(), (position, dst) -> {
                for (long p = position; dst.hasRemaining(); ) {
                    int n = ch.read(dst, p);
                    if (n < 0) {
                        throw new SafeTensorsFormatException(source, "the file ended at byte " + p
                                + " while being read (it shrank?)");
                    }
                    p += n;
                }
            });
        }
    }

    /**
     * Reads the bytes of a safetensors file; the source in error messages is {@code <bytes>}.
     *
     * @param bytes the file's contents; not modified
     * @return its tensors (F32, F16 and BF16 widened to double) and metadata
     * @throws SafeTensorsFormatException for anything {@link #read(Path)} refuses
     */
    public static Loaded fromBytes(byte[] bytes) throws SafeTensorsFormatException {
        Objects.requireNonNull(bytes, "fromBytes: bytes");
        try {
            return decode("<bytes>", bytes.length, (position, dst) -> dst.put(bytes, (int) position, dst.remaining()));
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an array does not fail", e);
        }
    }

    private interface Source {
        /** Fills {@code dst} from its position to its limit with the bytes from {@code position} on. */
        void read(long position, ByteBuffer dst) throws IOException;
    }

    /**
     * The IEEE 754 binary16 number with these bits, exactly (every half is a float): sign, 5 exponent bits (bias 15),
     * 10 fraction bits; subnormals, infinities and NaN included.
     */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16, exponent = (bits >>> 10) & 0x1F, fraction = bits & 0x3FF;
        if (exponent == 0x1F) {                                   // infinity or NaN (payload kept in the high bits)
            return Float.intBitsToFloat(sign | 0x7F800000 | fraction << 13);
        }
        if (exponent == 0) {                                      // zero or subnormal: fraction * 2^-24
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | fraction << 13);
    }

    private enum Dtype {
        F64(8), F32(4), F16(2), BF16(2);

        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }
    }

    private record Spec(String name, Dtype dtype, int[] shape, int count, long begin, long end) {
    }

    private static Loaded decode(String source, long size, Source in) throws IOException {
        if (size < 8) {
            throw new SafeTensorsFormatException(source, "truncated: " + size
                    + " bytes, fewer than the 8 of the header length");
        }
        ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.read(0, lengthField);
        long n = lengthField.getLong(0);
        if (n < 0 || n > size - 8) {
            throw new SafeTensorsFormatException(source, "header length " + Long.toUnsignedString(n)
                    + " is larger than the " + (size - 8) + " bytes after the length field (truncated, or not"
                    + " a safetensors file)");
        }
        if (n > MAX_ELEMENTS) {
            throw new SafeTensorsFormatException(source, "header length " + n + " is too large to read");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        in.read(8, headerBytes);
        headerBytes.flip();
        String header;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBytes);
            header = chars.toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(source, "the header is not valid UTF-8", e);
        }
        Object root;
        try {
            root = Json.parse(header);
        } catch (Json.ParseException e) {
            throw new SafeTensorsFormatException(source, "the header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> entries)) {
            throw new SafeTensorsFormatException(source, "the header is " + describe(root) + ", not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Spec> specs = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(source, e.getValue());
            } else {
                specs.add(spec(source, name, e.getValue()));
            }
        }
        checkLayout(source, specs, dataLength);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Spec s : specs) {
            double[] data = new double[s.count];
            int per = CHUNK / s.dtype.bytes;
            long position = dataStart + s.begin;
            for (int i = 0; i < data.length; ) {
                int m = Math.min(data.length - i, per);
                chunk.clear().limit(m * s.dtype.bytes);
                in.read(position, chunk);
                chunk.flip();
                if (s.dtype == Dtype.F64) {
                    chunk.asDoubleBuffer().get(data, i, m);
                } else if (s.dtype == Dtype.F32) {
                    FloatBuffer f = chunk.asFloatBuffer();
                    for (int k = 0; k < m; k++) {
                        data[i + k] = f.get(k);
                    }
                } else {
                    java.nio.ShortBuffer h = chunk.asShortBuffer();
                    for (int k = 0; k < m; k++) {
                        int bits = h.get(k) & 0xFFFF;
                        data[i + k] = s.dtype == Dtype.BF16 ? Float.intBitsToFloat(bits << 16) : halfToFloat(bits);
                    }
                }
                i += m;
                position += (long) m * s.dtype.bytes;
            }
            tensors.put(s.name, Tensor.of(data, s.shape));
        }
        return new Loaded(tensors, metadata);
    }

    private static Map<String, String> metadata(String source, Object value) throws SafeTensorsFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafeTensorsFormatException(source, Json.quote(METADATA_KEY) + " is " + describe(value)
                    + ", not an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> m : map.entrySet()) {
            if (!(m.getValue() instanceof String s)) {
                throw new SafeTensorsFormatException(source, Json.quote(METADATA_KEY) + " entry "
                        + Json.quote((String) m.getKey()) + " is " + describe(m.getValue()) + ", not a string");
            }
            out.put((String) m.getKey(), s);
        }
        return out;
    }

    private static Spec spec(String source, String name, Object value) throws SafeTensorsFormatException {
        String where = "tensor " + Json.quote(name) + ": ";
        if (!(value instanceof Map<?, ?> fields)) {
            throw new SafeTensorsFormatException(source, where + "the entry is " + describe(value)
                    + ", not an object");
        }
        for (Object key : fields.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new SafeTensorsFormatException(source, where + "unknown field " + Json.quote((String) key)
                        + " (expected dtype, shape and data_offsets)");
            }
        }
        Object dtypeValue = field(source, where, fields, "dtype");
        if (!(dtypeValue instanceof String dtypeName)) {
            throw new SafeTensorsFormatException(source, where + "dtype is " + describe(dtypeValue)
                    + ", not a string");
        }
        Dtype dtype = switch (dtypeName) {
            case "F64" -> Dtype.F64;
            case "F32" -> Dtype.F32;
            case "F16" -> Dtype.F16;
            case "BF16" -> Dtype.BF16;
            default -> throw new SafeTensorsFormatException(source, where + "unknown or unsupported dtype "
                    + Json.quote(dtypeName) + " (this reader takes F64, F32, F16 and BF16)");
        };

        Object shapeValue = field(source, where, fields, "shape");
        if (!(shapeValue instanceof List<?> dims)) {
            throw new SafeTensorsFormatException(source, where + "shape is " + describe(shapeValue)
                    + ", not a list");
        }
        for (Object d : dims) {
            if (!(d instanceof BigInteger)) {
                throw new SafeTensorsFormatException(source, where + "shape " + dims + " has " + describe(d)
                        + ", not a whole number");
            }
            if (((BigInteger) d).signum() < 0) {
                throw new SafeTensorsFormatException(source, where + "negative dimension " + d + " in shape " + dims);
            }
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            BigInteger d = (BigInteger) dims.get(i);
            if (d.bitLength() > 31) {
                throw new SafeTensorsFormatException(source, where + "dimension " + d + " in shape " + dims
                        + " is too large");
            }
            shape[i] = d.intValue();
            count *= shape[i];
            if (count > MAX_ELEMENTS) {
                throw new SafeTensorsFormatException(source, where + "shape " + dims
                        + " has more elements than a Tensor holds (2^31 - 9)");
            }
        }

        Object offsetsValue = field(source, where, fields, "data_offsets");
        if (!(offsetsValue instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof BigInteger b) || !(offsets.get(1) instanceof BigInteger e)) {
            throw new SafeTensorsFormatException(source, where + "data_offsets is " + describe(offsetsValue)
                    + ", not [begin, end] of two whole numbers");
        }
        if (b.signum() < 0 || e.signum() < 0 || b.bitLength() > 63 || e.bitLength() > 63) {
            throw new SafeTensorsFormatException(source, where + "data_offsets " + offsets + " out of range");
        }
        long begin = b.longValue(), end = e.longValue();
        if (begin > end) {
            throw new SafeTensorsFormatException(source, where + "data_offsets " + offsets + " end before they begin");
        }
        long needed = count * dtype.bytes;
        if (end - begin != needed) {
            throw new SafeTensorsFormatException(source, where + "data_offsets " + offsets + " hold " + (end - begin)
                    + " bytes, but " + dtype + " shape " + dims + " needs " + needed);
        }
        return new Spec(name, dtype, shape, (int) count, begin, end);
    }

    private static Object field(String source, String where, Map<?, ?> fields, String key)
            throws SafeTensorsFormatException {
        Object v = fields.get(key);
        if (v == null) {
            throw new SafeTensorsFormatException(source, where + "missing field " + Json.quote(key));
        }
        return v;
    }

    /** The tensors must tile [0, dataLength): sorted by offset, each begins where the previous ends. */
    private static void checkLayout(String source, List<Spec> specs, long dataLength)
            throws SafeTensorsFormatException {
        for (Spec s : specs) {
            if (s.end > dataLength) {
                throw new SafeTensorsFormatException(source, "tensor " + Json.quote(s.name) + ": data_offsets ["
                        + s.begin + ", " + s.end + "] run past the end of the " + dataLength
                        + "-byte data section (truncated file?)");
            }
        }
        List<Spec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingLong(Spec::begin).thenComparingLong(Spec::end));
        long expected = 0;
        Spec previous = null;
        for (Spec s : sorted) {
            if (s.begin < expected) {
                throw new SafeTensorsFormatException(source, "tensors " + Json.quote(previous.name) + " ["
                        + previous.begin + ", " + previous.end + "] and " + Json.quote(s.name) + " [" + s.begin + ", "
                        + s.end + "] overlap");
            }
            if (s.begin > expected) {
                throw new SafeTensorsFormatException(source, "gap of " + (s.begin - expected) + " bytes at data offset "
                        + expected + ", before tensor " + Json.quote(s.name) + " [" + s.begin + ", " + s.end + "]");
            }
            expected = s.end;
            previous = s;
        }
        if (expected != dataLength) {
            throw new SafeTensorsFormatException(source, (dataLength - expected) + " bytes after the last tensor"
                    + " (the data section has " + dataLength + ", the tensors cover " + expected + ")");
        }
    }

    private static String describe(Object json) {
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List<?> list) {
            return "the list " + list;
        }
        if (json instanceof String s) {
            return "the string " + Json.quote(s);
        }
        return json == Json.NULL ? "null" : String.valueOf(json);
    }
}
