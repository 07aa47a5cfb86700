package dev.autodiff.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Small public data sets shipped in this module's resources, loaded once and shared (a {@link Dataset} is
 * immutable). Their sources and licences are in {@code dev/autodiff/nn/data/README.md} beside them.
 */
public final class Datasets {
    /** Iris's classes by label: 0 setosa, 1 versicolor, 2 virginica. */
    public static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    private static volatile Dataset digits;
    private static volatile Dataset iris;

    private Datasets() {
    }

    /**
     * The handwritten digits of UCI "Optical Recognition of Handwritten Digits" (test part; E. Alpaydin and
     * C. Kaynak, 1998; CC BY 4.0), as scikit-learn's {@code load_digits}: 1797 images of 8 x 8 pixels, each pixel a
     * count 0..16 of set bits in a 4 x 4 block of the original 32 x 32 bitmap; feature 8 r + c is row r, column c.
     *
     * @return [1797, 64] features and labels 0..9 (10 classes), in file order
     * @throws UncheckedIOException if the resource is missing or damaged (a packaging error)
     */
    public static Dataset digits() {
        Dataset d = digits;
        if (d == null) {
            d = load("digits.csv.gz", false, 1797, 64, 10, null);
            digits = d;
        }
        return d;
    }

    /**
     * Fisher's iris (UCI "Iris", R. A. Fisher, 1936; CC BY 4.0): 150 flowers, 50 of each of three species, four
     * measurements in cm: sepal length, sepal width, petal length, petal width.
     *
     * @return [150, 4] features and labels 0..2 (see {@link #IRIS_CLASSES}), in file order
     * @throws UncheckedIOException if the resource is missing or damaged (a packaging error)
     */
    public static Dataset iris() {
        Dataset d = iris;
        if (d == null) {
            d = load("iris.csv", true, 150, 4, 3, List.of("150", "4", "setosa", "versicolor", "virginica"));
            iris = d;
        }
        return d;
    }

    private static Dataset load(String resource, boolean header, int rows, int columns, int classes,
                                List<String> expectedHeader) {
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " beside " + Datasets.class.getName());
            }
            Csv.Parsed p = Csv.parse(in, resource, header, true, -1);
            Dataset d = p.toDataset();
            if (d.size() != rows || d.numFeatures() != columns || d.numClasses() != classes
                    || (expectedHeader != null && !expectedHeader.equals(p.header))) {
                throw new IOException(resource + ": expected " + rows + " x " + columns + " with " + classes
                        + " classes" + (expectedHeader == null ? "" : " and header " + expectedHeader) + ", found "
                        + d + (expectedHeader == null ? "" : " and header " + p.header));
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets: cannot load " + resource, e);
        }
    }
}
