package dev.autodiff.nn.data;

/**
 * A data set divided into disjoint training and test parts that together hold every example once.
 *
 * <pre>{@code
 * Split split = Split.trainTest(Datasets.digits(), 0.2, 42, true);
 * Dataset train = split.train(), test = split.test();     // 1438 and 359 rows, each class 80/20
 * }</pre>
 */
public final class Split {
    private static final long SPLIT_DOMAIN = 0x73706c6974746573L;

    private final Dataset train;
    private final Dataset test;
    private final int[] trainIndices;
    private final int[] testIndices;

    private Split(Dataset data, int[] trainIndices, int[] testIndices) {
        this.trainIndices = trainIndices;
        this.testIndices = testIndices;
        this.train = data.subset(trainIndices);
        this.test = data.subset(testIndices);
    }

    /**
     * Splits at random, a function of the seed alone (see {@link Dataset} for the generator).
     *
     * <p>Unstratified: round(n &times; testFraction) examples, drawn uniformly, form the test part. Stratified: each
     * class is split on its own, round(n_c &times; testFraction) of its n_c examples going to the test part, so
     * every class's test share is within half an example of exact (the test part's total may then differ from
     * round(n &times; testFraction) by up to half the number of classes). Rounding is half up, of the product as
     * computed in double. Both parts keep the data set's row order: their indices ascend.
     *
     * @param data         the data set
     * @param testFraction the test share, in [0, 1]
     * @param seed         the seed
     * @param stratified   whether to split each class separately (classification only)
     * @return the split
     * @throws IllegalArgumentException if testFraction is outside [0, 1] or NaN, or stratified is asked for on a
     *                                  regression data set
     */
    public static Split trainTest(Dataset data, double testFraction, long seed, boolean stratified) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("trainTest: test fraction " + testFraction + " is outside [0, 1]");
        }
        if (stratified && !data.isClassification()) {
            throw new IllegalArgumentException("trainTest: a stratified split needs class labels, and "
                    + data + " has regression targets");
        }
        int n = data.size();
        Shuffle rng = new Shuffle(seed, SPLIT_DOMAIN, 0);
        boolean[] inTest = new boolean[n];
        if (stratified) {
            int[] labels = data.labels();
            int[] counts = data.classCounts();
            int[][] members = new int[counts.length][];
            int[] filled = new int[counts.length];
            for (int c = 0; c < counts.length; c++) {
                members[c] = new int[counts[c]];
            }
            for (int i = 0; i < n; i++) {
                members[labels[i]][filled[labels[i]]++] = i;
            }
            for (int[] m : members) {
                rng.shuffle(m);
                int k = testCount(m.length, testFraction);
                for (int j = 0; j < k; j++) {
                    inTest[m[j]] = true;
                }
            }
        } else {
            int[] order = rng.permutation(n);
            int k = testCount(n, testFraction);
            for (int j = 0; j < k; j++) {
                inTest[order[j]] = true;
            }
        }
        int tests = 0;
        for (boolean t : inTest) {
            tests += t ? 1 : 0;
        }
        int[] trainIdx = new int[n - tests], testIdx = new int[tests];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (inTest[i]) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        return new Split(data, trainIdx, testIdx);
    }

    private static int testCount(int count, double fraction) {
        return (int) Math.min(count, Math.floor(count * fraction + 0.5));
    }

    /** @return the training part */
    public Dataset train() {
        return train;
    }

    /** @return the test part */
    public Dataset test() {
        return test;
    }

    /** @return the training part's rows in the original data set, ascending (a copy) */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** @return the test part's rows in the original data set, ascending (a copy) */
    public int[] testIndices() {
        return testIndices.clone();
    }

    @Override
    public String toString() {
        return "Split[train " + train + ", test " + test + "]";
    }
}
