package dev.autodiff.nn.data;

import dev.autodiff.core.ShapeMismatchException;
import dev.autodiff.core.Tensor;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable in-memory data set: n examples, each a row of d features, with a class label (classification, the
 * main case) or a row of regression targets.
 *
 * <pre>{@code
 * Dataset digits = Datasets.digits();                        // [1797, 64] features, labels 0..9
 * Split split = Split.trainTest(digits, 0.2, 42, true);      // stratified
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Dataset batch : split.train().batches(32, 42, epoch)) {
 *         Tensor x = batch.features();                       // [32, 64], the last batch [n mod 32, 64]
 *         int[] y = batch.labels();
 *     }
 * }
 * }</pre>
 *
 * <p>Features are held as a constant {@link Tensor} of shape [n, d] (a recorded tensor is taken by value).
 * Classification labels are ints in [0, {@link #numClasses()}); subsets and batches keep the number of classes
 * even when some class is absent from them. Regression targets are a tensor of shape [n] or [n, k].
 *
 * <p>Mini-batches are shuffled by a seed and an epoch: epoch k's order is a permutation drawn by a Fisher-Yates
 * shuffle from SplitMix64 seeded by (seed, k), written out in this package, so the same seed and epoch give the
 * same batches, bit for bit, on every JVM.
 */
public final class Dataset {
    private static final long BATCH_DOMAIN = 0x6261746368657321L;

    private final int n;
    private final int d;
    /** The features' elements, row-major, owned. */
    private final double[] x;
    private final Tensor features;
    /** Class labels, or null for regression. */
    private final int[] labels;
    private final int numClasses;
    /** Regression targets' elements, row-major, or null for classification. */
    private final double[] y;
    /** Regression targets' shape, [n] or [n, k]; null for classification. */
    private final int[] targetShape;

    private Dataset(int n, int d, double[] x, int[] labels, int numClasses, double[] y, int[] targetShape) {
        this.n = n;
        this.d = d;
        this.x = x;
        this.features = Tensor.of(x, n, d);
        this.labels = labels;
        this.numClasses = numClasses;
        this.y = y;
        this.targetShape = targetShape;
    }

    /**
     * A classification data set whose number of classes is the largest label + 1.
     *
     * @param features the feature rows, [n, d]; taken by value
     * @param labels   one class index &gt;= 0 per row; copied
     * @return the data set
     * @throws ShapeMismatchException   if the features are not of rank 2
     * @throws IllegalArgumentException if the label count is not n, or a label is negative
     */
    public static Dataset of(Tensor features, int[] labels) {
        Objects.requireNonNull(labels, "Dataset: labels");
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return of(features, labels, max + 1);
    }

    /**
     * A classification data set.
     *
     * @param features   the feature rows, [n, d]; taken by value
     * @param labels     one class index in [0, numClasses) per row; copied
     * @param numClasses the number of classes, which may exceed the labels present
     * @return the data set
     * @throws ShapeMismatchException   if the features are not of rank 2
     * @throws IllegalArgumentException if the label count is not n, or a label is outside [0, numClasses)
     */
    public static Dataset of(Tensor features, int[] labels, int numClasses) {
        int[] shape = checkFeatures(features);
        int[] l = labels.clone();
        if (l.length != shape[0]) {
            throw new IllegalArgumentException("Dataset: " + l.length + " labels for " + shape[0] + " feature rows");
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("Dataset: numClasses " + numClasses + " < 0");
        }
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= numClasses) {
                throw new IllegalArgumentException("Dataset: label " + l[i] + " of row " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
        return new Dataset(shape[0], shape[1], features.toArray(), l, numClasses, null, null);
    }

    /**
     * A regression data set.
     *
     * @param features the feature rows, [n, d]; taken by value
     * @param targets  the targets, [n] or [n, k]; taken by value
     * @return the data set
     * @throws ShapeMismatchException if the features are not of rank 2 or the targets not [n] or [n, k]
     */
    public static Dataset regression(Tensor features, Tensor targets) {
        int[] shape = checkFeatures(features);
        int[] t = targets.shape();
        if (t.length < 1 || t.length > 2 || t[0] != shape[0]) {
            throw new ShapeMismatchException("Dataset.regression", "targets must be [n] or [n, k] for features [n, d]",
                    shape, t);
        }
        return new Dataset(shape[0], shape[1], features.toArray(), null, 0, targets.toArray(), t);
    }

    private static int[] checkFeatures(Tensor features) {
        int[] shape = features.shape();
        if (shape.length != 2) {
            throw new ShapeMismatchException("Dataset", "features must be a matrix [n, d]", shape);
        }
        return shape;
    }

    /** @return the number of examples, n */
    public int size() {
        return n;
    }

    /** @return the number of features per example, d */
    public int numFeatures() {
        return d;
    }

    /** @return the feature rows, a constant [n, d] */
    public Tensor features() {
        return features;
    }

    /** @return whether the examples have class labels (rather than regression targets) */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * @return the class labels, one per row (a copy)
     * @throws IllegalStateException for a regression data set
     */
    public int[] labels() {
        return requireLabels("labels").clone();
    }

    /**
     * @param row a row index
     * @return that row's class label
     * @throws IllegalStateException for a regression data set
     */
    public int label(int row) {
        Objects.checkIndex(row, n);
        return requireLabels("label")[row];
    }

    /** @return the number of classes (0 for a regression data set) */
    public int numClasses() {
        return numClasses;
    }

    /**
     * @return how many rows have each label, indexed by class
     * @throws IllegalStateException for a regression data set
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : requireLabels("classCounts")) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * @return the regression targets ([n] or [n, k]); for a classification data set, the labels as a [n] tensor
     *         of whole numbers (the index form {@link Tensor#gather} and losses take)
     */
    public Tensor targets() {
        if (labels == null) {
            return Tensor.of(y, targetShape);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = labels[i];
        }
        return Tensor.of(v, n);
    }

    /**
     * @return the labels one-hot, [n, numClasses]: row i has 1 at its label and 0 elsewhere
     * @throws IllegalStateException for a regression data set
     */
    public Tensor oneHot() {
        int[] l = requireLabels("oneHot");
        double[] v = new double[n * numClasses];
        for (int i = 0; i < n; i++) {
            v[i * numClasses + l[i]] = 1;
        }
        return Tensor.of(v, n, numClasses);
    }

    private int[] requireLabels(String op) {
        if (labels == null) {
            throw new IllegalStateException(op + ": a regression data set has targets, not class labels");
        }
        return labels;
    }

    /**
     * The same examples with other features, for example standardized ones.
     *
     * @param newFeatures n rows of any width, [n, d']; taken by value
     * @return a data set with these features and this one's labels or targets
     * @throws ShapeMismatchException if {@code newFeatures} is not [n, d']
     */
    public Dataset withFeatures(Tensor newFeatures) {
        int[] shape = newFeatures.shape();
        if (shape.length != 2 || shape[0] != n) {
            throw new ShapeMismatchException("withFeatures", "new features must be [" + n + ", d]",
                    features.shape(), shape);
        }
        return new Dataset(n, shape[1], newFeatures.toArray(), labels, numClasses, y, targetShape);
    }

    /**
     * The rows at the given indices, in that order; an index may repeat (a bootstrap sample).
     *
     * @param indices row indices in [0, n)
     * @return the subset, with this data set's number of classes
     * @throws IndexOutOfBoundsException naming the first index outside [0, n)
     */
    public Dataset subset(int... indices) {
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("subset: index " + i + " outside [0, " + n + ")");
            }
        }
        int m = indices.length;
        double[] sx = new double[Math.multiplyExact(m, d)];
        for (int r = 0; r < m; r++) {
            System.arraycopy(x, indices[r] * d, sx, r * d, d);
        }
        if (labels != null) {
            int[] sl = new int[m];
            for (int r = 0; r < m; r++) {
                sl[r] = labels[indices[r]];
            }
            return new Dataset(m, d, sx, sl, numClasses, null, null);
        }
        int k = targetShape.length == 1 ? 1 : targetShape[1];
        double[] sy = new double[m * k];
        for (int r = 0; r < m; r++) {
            System.arraycopy(y, indices[r] * k, sy, r * k, k);
        }
        int[] ts = targetShape.clone();
        ts[0] = m;
        return new Dataset(m, d, sx, null, 0, sy, ts);
    }

    /**
     * The row indices of epoch {@code epoch}'s shuffled mini-batches: a permutation of 0 .. n - 1 that depends only
     * on (seed, epoch), cut into consecutive batches of {@code batchSize}. The last batch holds the remaining
     * n mod batchSize rows when that is not 0; there are ceil(n / batchSize) batches, none for an empty set.
     *
     * @param batchSize rows per batch, &gt;= 1
     * @param seed      the seed
     * @param epoch     the epoch; each gives another order
     * @return the batches' row indices
     * @throws IllegalArgumentException if batchSize &lt; 1
     */
    public int[][] batchIndices(int batchSize, long seed, int epoch) {
        checkBatchSize(batchSize);
        return cut(new Shuffle(seed, BATCH_DOMAIN, epoch).permutation(n), batchSize);
    }

    /** {@link #batches(int, long, int)} of epoch 0. */
    public List<Dataset> batches(int batchSize, long seed) {
        return batches(batchSize, seed, 0);
    }

    /**
     * Epoch {@code epoch}'s shuffled mini-batches, as {@link #batchIndices} gives their rows: every example exactly
     * once, the last batch smaller when batchSize does not divide n. The list is a view that makes each batch's
     * subset when it is read, so an epoch costs one copy of the data however it is iterated.
     *
     * @param batchSize rows per batch, &gt;= 1
     * @param seed      the seed
     * @param epoch     the epoch
     * @return the batches (unmodifiable)
     */
    public List<Dataset> batches(int batchSize, long seed, int epoch) {
        return new Batches(this, batchIndices(batchSize, seed, epoch));
    }

    /**
     * Mini-batches in row order, unshuffled (for evaluation): rows [0, batchSize), [batchSize, 2 batchSize), ...,
     * the last batch smaller when batchSize does not divide n.
     *
     * @param batchSize rows per batch, &gt;= 1
     * @return the batches (unmodifiable, made when read)
     */
    public List<Dataset> batchesInOrder(int batchSize) {
        checkBatchSize(batchSize);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return new Batches(this, cut(order, batchSize));
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batches: batch size " + batchSize + " < 1");
        }
    }

    private static int[][] cut(int[] order, int batchSize) {
        int count = (order.length + batchSize - 1) / batchSize;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        }
        return out;
    }

    private static final class Batches extends AbstractList<Dataset> implements RandomAccess {
        private final Dataset data;
        private final int[][] rows;

        Batches(Dataset data, int[][] rows) {
            this.data = data;
            this.rows = rows;
        }

        @Override
        public Dataset get(int index) {
            return data.subset(rows[index]);
        }

        @Override
        public int size() {
            return rows.length;
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + n + " x " + d + (labels != null ? ", " + numClasses + " classes]"
                : ", targets " + Arrays.toString(targetShape) + "]");
    }
}
