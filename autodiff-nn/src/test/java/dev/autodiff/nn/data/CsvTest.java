package dev.autodiff.nn.data;

import dev.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @TempDir
    Path dir;

    static Dataset parse(String text, boolean header, int labelColumn) throws IOException {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", header, labelColumn);
    }

    static CsvFormatException refused(String text, boolean header, int labelColumn, int line, int column,
                                      String problem) {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse(text, header, labelColumn));
        assertEquals("t.csv", e.source());
        assertEquals(line, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
        assertTrue(e.problem().contains(problem), () -> "problem \"" + e.problem() + "\" lacks \"" + problem + "\"");
        return e;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void labelInAnyColumnAndFeaturesInFileOrder() throws IOException {
        String text = "1,2,3,0\n4,5,6,2\n";
        Dataset last = parse(text, false, -1);
        assertArrayEquals(new int[] {2, 3}, last.features().shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, last.features().toArray());
        assertArrayEquals(new int[] {0, 2}, last.labels());
        assertEquals(3, last.numClasses());

        Dataset first = parse("1,2,3,0\n4,5,6,2\n", false, 0);
        assertArrayEquals(new double[] {2, 3, 0, 5, 6, 2}, first.features().toArray());
        assertArrayEquals(new int[] {1, 4}, first.labels());
        Dataset middle = parse(text, false, -3);
        assertArrayEquals(new double[] {1, 3, 0, 4, 6, 2}, middle.features().toArray());
        assertArrayEquals(new int[] {2, 5}, middle.labels());
    }

    @Test
    void headerIsSkippedAndReturnedByReadTable() throws IOException {
        String text = "\uFEFF a , \"b, quoted\",\"c \"\"q\"\"\"\r\n1,2,3\r\n4,5,6\r\n";
        Dataset d = parse(text, true, 1);
        assertArrayEquals(new double[] {1, 3, 4, 6}, d.features().toArray());
        assertArrayEquals(new int[] {2, 5}, d.labels());

        Csv.Table t = Csv.readTable(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", true);
        assertEquals(List.of("a", "b, quoted", "c \"q\""), t.header());
        assertArrayEquals(new int[] {2, 3}, t.values().shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.values().toArray());

        Csv.Table noHeader = Csv.readTable(new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8)), "x",
                false);
        assertEquals(List.of(), noHeader.header());
    }

    @Test
    void numberForms() throws IOException {
        Csv.Table t = Csv.readTable(new ByteArrayInputStream(
                " 1.5 ,-2,+3.,.25,1e3,-1.5E-2,nan,-Inf,INFINITY,\"7\"\n".getBytes(StandardCharsets.UTF_8)), "t.csv",
                false);
        double[] v = t.values().toArray();
        assertArrayEquals(new double[] {1.5, -2, 3, 0.25, 1000, -0.015}, Arrays.copyOf(v, 6));
        assertTrue(Double.isNaN(v[6]));
        assertEquals(Double.NEGATIVE_INFINITY, v[7]);
        assertEquals(Double.POSITIVE_INFINITY, v[8]);
        assertEquals(7, v[9]);
        assertArrayEquals(new int[] {3, 1}, parse("9,3.0\n8,1\n", false, 1).labels());
    }

    @Test
    void gzipFilesAndStreams() throws IOException {
        byte[] text = "0.5,1\n1.5,0\n".getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("small.csv.gz");
        Files.write(gz, gzip(text));
        Dataset d = Csv.read(gz, false, -1);
        assertArrayEquals(new double[] {0.5, 1.5}, d.features().toArray());
        assertArrayEquals(new int[] {1, 0}, d.labels());
        Dataset s = Csv.read(new ByteArrayInputStream(gzip(text)), "x.CSV.GZ", false, -1);
        assertArrayEquals(new double[] {0.5, 1.5}, s.features().toArray());

        Path plain = dir.resolve("small.csv");
        Files.write(plain, text);
        assertArrayEquals(new int[] {1, 0}, Csv.read(plain, false, 1).labels());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 0}, Csv.readTable(plain, false).values().toArray());
    }

    @Test
    void badGzip() throws IOException {
        Path notGz = dir.resolve("plain.csv.gz");
        Files.writeString(notGz, "1,2\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(notGz, false, -1));
        assertTrue(e.getMessage().startsWith(notGz + ": not a valid gzip stream"), e.getMessage());

        byte[] whole = gzip("1,2\n3,4\n5,6\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(CsvFormatException.class, () -> Csv.read(cut, false, -1));
        assertTrue(e.getMessage().contains("not a valid gzip stream"), e.getMessage());
    }

    @Test
    void resources() throws IOException {
        Dataset iris = Csv.readResource(Datasets.class, "iris.csv", true, -1);
        assertEquals(150, iris.size());
        Csv.Table table = Csv.readTableResource(CsvTest.class, "/dev/autodiff/nn/data/iris.csv", true);
        assertEquals(List.of("150", "4", "setosa", "versicolor", "virginica"), table.header());
        assertArrayEquals(new int[] {150, 5}, table.values().shape());
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> Csv.readResource(Datasets.class, "nope.csv", false, -1));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }

    @Test
    void blankLinesOnlyAtTheEnd() throws IOException {
        assertEquals(2, parse("1,0\n2,1\n\n  \n", false, -1).size());
        refused("1,0\n\n2,1\n", false, -1, 2, 0, "blank line before more rows");
    }

    @Test
    void nonNumericAndMissingValuesNameLineAndColumn() {
        CsvFormatException e = refused("1,2,0\n3,abc,1\n", false, -1, 2, 2, "\"abc\" is not a number");
        assertEquals("t.csv line 2, column 2: \"abc\" is not a number", e.getMessage());
        refused("h1,h2,h3\n1,2,0\n3,,1\n", true, -1, 3, 2, "missing value");
        refused("1,2,0\n3,4,\n", false, -1, 2, 3, "missing value");
        refused("1,2,0\n3, ,1\n", false, -1, 2, 2, "missing value");
        refused("0x10,1\n", false, -1, 1, 1, "\"0x10\" is not a number");
        refused("1.5d,1\n", false, -1, 1, 1, "is not a number");
        refused("1e,1\n", false, -1, 1, 1, "is not a number");
        refused("1,2;3\n", false, -1, 1, 2, "\"2;3\" is not a number");
        refused("1,\"2\" x,1\n", false, -1, 1, 2, "text after a quoted field");
        refused("1,\"2,1\n", false, -1, 1, 2, "unterminated quoted field");
        refused("1,2\"3,1\n", false, -1, 1, 2, "a quote inside an unquoted field");
    }

    @Test
    void raggedRows() {
        CsvFormatException e = refused("1,2,0\n3,4,5,1\n", false, -1, 2, 0,
                "ragged row: 4 columns, 3 in the first row");
        assertEquals("t.csv line 2: ragged row: 4 columns, 3 in the first row", e.getMessage());
        refused("a,b\n1,2,0\n3,1\n", true, -1, 3, 0, "ragged row: 2 columns, 3");
    }

    @Test
    void badLabels() {
        refused("1,2.5\n", false, -1, 1, 2, "label \"2.5\" is not a whole number in [0, 16777216)");
        refused("1,0\n1,-1\n", false, -1, 2, 2, "label \"-1\"");
        refused("1,nan\n", false, -1, 1, 2, "label \"nan\"");
        refused("1,1e9\n", false, -1, 1, 2, "label \"1e9\"");
        refused("1,2\n", false, 2, 1, 0, "label column 2 is outside the 2 columns");
        refused("1,2\n", false, -3, 1, 0, "label column -3 is outside the 2 columns");
    }

    @Test
    void emptySources() {
        refused("", false, -1, 0, 0, "empty");
        refused("a,b\n", true, -1, 0, 0, "no data rows");
        refused("\n\n", false, -1, 0, 0, "no data rows");
    }

    @Test
    void invalidUtf8() {
        byte[] bytes = {'1', ',', (byte) 0xff, '\n'};
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> Csv.read(new ByteArrayInputStream(bytes), "bin.csv", false, -1));
        assertTrue(e.getMessage().startsWith("bin.csv: not valid UTF-8"), e.getMessage());
    }

    @Test
    void singleColumnIsAllLabels() throws IOException {
        Dataset d = parse("2\n0\n", false, 0);
        assertArrayEquals(new int[] {2, 0}, d.features().shape());
        assertArrayEquals(new int[] {2, 0}, d.labels());
    }

    @Test
    void tableIsImmutable() throws IOException {
        Csv.Table t = Csv.readTable(new ByteArrayInputStream("1,2\n".getBytes(StandardCharsets.UTF_8)), "t", false);
        assertThrows(UnsupportedOperationException.class, () -> t.header().add("x"));
        Tensor v = t.values();
        assertTrue(v.isConstant());
    }
}
