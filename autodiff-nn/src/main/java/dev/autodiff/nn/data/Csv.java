package dev.autodiff.nn.data;

import dev.autodiff.core.Tensor;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A small strict reader of numeric CSV tables: a data set with one label column, or a plain table of numbers.
 *
 * <pre>{@code
 * Dataset d = Csv.read(Path.of("train.csv.gz"), true, -1);   // header line, label in the last column
 * }</pre>
 *
 * <p>The format: UTF-8 text (a leading byte-order mark is skipped), gzip-compressed when the name ends in
 * {@code .gz}; lines end in LF or CRLF; fields are separated by commas, and a field may be double-quoted (with
 * {@code ""} for a quote inside; no line breaks inside). If {@code header} is set, the first line is taken as column
 * names (unquoted ones stripped of surrounding whitespace), not checked against the rows' width. Every other line is
 * one row, every row has as many fields as the first, and every field is a number: an optional sign, digits with an
 * optional decimal point, an optional exponent ({@code 1.5e-3}), or {@code nan}, {@code inf}, {@code infinity} in
 * any case, with optional whitespace around it. Blank lines are allowed only at the end of the file. Labels are
 * whole numbers in [0, {@value #MAX_LABEL}) ({@code 3} or {@code 3.0}); the number of classes is the largest + 1.
 *
 * <p>Anything else is a {@link CsvFormatException} naming the source, line and column (from 1): an empty or
 * non-numeric field, a ragged row, a bad label, a file with no rows, invalid UTF-8 or gzip. Nothing is returned
 * from a source that raises it.
 */
public final class Csv {
    /** Labels are below this (2^24), so that a stray large number cannot size a class table. */
    public static final int MAX_LABEL = 1 << 24;

    private Csv() {
    }

    /**
     * A table of numbers.
     *
     * @param header the header line's fields (empty without a header); unmodifiable
     * @param values the rows, [rows, columns]
     */
    public record Table(List<String> header, Tensor values) {
        /** Copies the header. */
        public Table {
            header = List.copyOf(header);
            Objects.requireNonNull(values, "values");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data sets

    /**
     * Reads a classification data set: one column holds the labels, all others are the features in file order.
     *
     * @param file        the file; gzip-compressed if its name ends in {@code .gz}
     * @param header      whether the first line is a header
     * @param labelColumn the label's column, from 0; negative counts from the end (-1 is the last)
     * @return the data set, [rows, columns - 1] features
     * @throws CsvFormatException if the file is not such a table, or has no column {@code labelColumn}
     * @throws IOException        if it cannot be read
     */
    public static Dataset read(Path file, boolean header, int labelColumn) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), header, labelColumn);
        }
    }

    /**
     * {@link #read(Path, boolean, int)} from a stream, read to its end and not closed.
     *
     * @param in   the bytes; gunzipped if {@code name} ends in {@code .gz}
     * @param name the source's name, for errors and the {@code .gz} test
     */
    public static Dataset read(InputStream in, String name, boolean header, int labelColumn) throws IOException {
        return parse(in, name, header, true, labelColumn).toDataset();
    }

    /**
     * {@link #read(Path, boolean, int)} from a class-path resource, found as {@link Class#getResourceAsStream}
     * finds it (relative to the anchor's package unless it starts with {@code /}).
     *
     * @throws FileNotFoundException if there is no such resource
     */
    public static Dataset readResource(Class<?> anchor, String resource, boolean header, int labelColumn)
            throws IOException {
        try (InputStream in = openResource(anchor, resource)) {
            return read(in, resource, header, labelColumn);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tables

    /**
     * Reads a table whose every column is numeric, for regression targets or anything else.
     *
     * @param file   the file; gzip-compressed if its name ends in {@code .gz}
     * @param header whether the first line is a header
     * @return the header's fields and the values
     * @throws CsvFormatException if the file is not such a table
     * @throws IOException        if it cannot be read
     */
    public static Table readTable(Path file, boolean header) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readTable(in, file.toString(), header);
        }
    }

    /** {@link #readTable(Path, boolean)} from a stream, read to its end and not closed. */
    public static Table readTable(InputStream in, String name, boolean header) throws IOException {
        Parsed p = parse(in, name, header, false, 0);
        return new Table(p.header, Tensor.of(p.values, p.rows, p.featureColumns));
    }

    /** {@link #readTable(Path, boolean)} from a class-path resource, found as {@link #readResource} finds it. */
    public static Table readTableResource(Class<?> anchor, String resource, boolean header) throws IOException {
        try (InputStream in = openResource(anchor, resource)) {
            return readTable(in, resource, header);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static InputStream openResource(Class<?> anchor, String resource) throws FileNotFoundException {
        InputStream in = anchor.getResourceAsStream(resource);
        if (in == null) {
            throw new FileNotFoundException("no class-path resource " + resource + " (relative to "
                    + anchor.getName() + ")");
        }
        return in;
    }

    /** A parsed source: the header, the feature (or all) values row-major, and the labels if asked for. */
    static final class Parsed {
        final List<String> header;
        final int rows;
        final int featureColumns;
        final double[] values;
        final int[] labels;

        Parsed(List<String> header, int rows, int featureColumns, double[] values, int[] labels) {
            this.header = header;
            this.rows = rows;
            this.featureColumns = featureColumns;
            this.values = values;
            this.labels = labels;
        }

        Dataset toDataset() {
            return Dataset.of(Tensor.of(values, rows, featureColumns), labels);
        }
    }

    static Parsed parse(InputStream raw, String name, boolean header, boolean labelled, int labelColumn)
            throws IOException {
        Objects.requireNonNull(raw, "in");
        Objects.requireNonNull(name, "name");
        int line = 0;
        try {
            InputStream in = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    1 << 16);
            List<String> headerFields = List.of();
            int columns = -1, label = -1, rows = 0, blankLine = 0;
            double[] values = new double[1024];
            int size = 0;
            int[] labels = new int[labelled ? 64 : 0];
            List<String> fields = new ArrayList<>();
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (header && line == 1) {
                    split(name, line, text, fields);
                    headerFields = List.copyOf(fields);
                    continue;
                }
                if (text.isBlank()) {
                    if (blankLine == 0) {
                        blankLine = line;
                    }
                    continue;
                }
                if (blankLine != 0) {
                    throw new CsvFormatException(name, blankLine, 0, "blank line before more rows", null);
                }
                split(name, line, text, fields);
                if (columns < 0) {
                    columns = fields.size();
                    if (labelled) {
                        label = labelColumn < 0 ? labelColumn + columns : labelColumn;
                        if (label < 0 || label >= columns) {
                            throw new CsvFormatException(name, line, 0, "label column " + labelColumn
                                    + " is outside the " + columns + " columns", null);
                        }
                    }
                } else if (fields.size() != columns) {
                    throw new CsvFormatException(name, line, 0, "ragged row: " + fields.size() + " columns, "
                            + columns + " in the first row", null);
                }
                int width = labelled ? columns - 1 : columns;
                if (size + width > values.length) {
                    values = Arrays.copyOf(values, Math.max(size + width, values.length * 2));
                }
                for (int c = 0; c < columns; c++) {
                    double v = number(name, line, c + 1, fields.get(c));
                    if (c == label) {
                        if (rows == labels.length) {
                            labels = Arrays.copyOf(labels, labels.length * 2);
                        }
                        labels[rows] = label(name, line, c + 1, fields.get(c), v);
                    } else {
                        values[size++] = v;
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw new CsvFormatException(name, 0, 0, line == 0 ? "empty" : "no data rows", null);
            }
            int width = labelled ? columns - 1 : columns;
            return new Parsed(headerFields, rows, width, Arrays.copyOf(values, size),
                    labelled ? Arrays.copyOf(labels, rows) : null);
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(name, 0, 0, "not valid UTF-8 (after line " + line + ")", e);
        } catch (ZipException | EOFException e) {
            throw new CsvFormatException(name, line > 0 ? line + 1 : 0, 0, "not a valid gzip stream ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Splits one line into its fields: quotes removed, unquoted fields stripped of surrounding whitespace. */
    private static void split(String source, int line, String text, List<String> out) throws CsvFormatException {
        out.clear();
        int i = 0, n = text.length();
        while (true) {
            int column = out.size() + 1;
            int start = i;
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && text.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new CsvFormatException(source, line, column, "unterminated quoted field", null);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',') {
                    throw new CsvFormatException(source, line, column, "text after a quoted field", null);
                }
                out.add(b.toString());
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String field = text.substring(start, end);
                if (field.indexOf('"') >= 0) {
                    throw new CsvFormatException(source, line, column, "a quote inside an unquoted field: "
                            + quote(field), null);
                }
                out.add(field.strip());
                i = end;
            }
            if (i >= n) {
                return;
            }
            i++;                                            // the comma
        }
    }

    /** Parses a field as the format allows, or names what is wrong with it. */
    static double number(String source, int line, int column, String field) throws CsvFormatException {
        String s = field.strip();
        if (s.isEmpty()) {
            throw new CsvFormatException(source, line, column, "missing value", null);
        }
        if (!isNumber(s)) {
            throw new CsvFormatException(source, line, column, quote(field) + " is not a number", null);
        }
        char sign = s.charAt(0);
        String body = sign == '+' || sign == '-' ? s.substring(1) : s;
        switch (body.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    /** An optional sign, then digits with an optional point (at least one digit), an optional exponent; or a word. */
    private static boolean isNumber(String s) {
        int i = 0, n = s.length();
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        String rest = s.substring(i).toLowerCase(Locale.ROOT);
        if (rest.equals("nan") || rest.equals("inf") || rest.equals("infinity")) {
            return true;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int label(String source, int line, int column, String field, double v) throws CsvFormatException {
        if (!(v >= 0 && v < MAX_LABEL && v == Math.rint(v))) {
            throw new CsvFormatException(source, line, column, "label " + quote(field)
                    + " is not a whole number in [0, " + MAX_LABEL + ")", null);
        }
        return (int) v;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
