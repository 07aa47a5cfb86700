package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.random.RandomGenerator;

/**
 * A lookup table of {@code count} vectors of {@code dim} values, initialised standard normal (as PyTorch): the input
 * holds indices (integral values in [0, count)), any shape; the output has that shape plus [dim]. The gradient adds
 * into the rows looked up.
 */
public final class Embedding extends Module {
    private final int count, dim;
    private final Parameter weight;

    /**
     * @param count the number of vectors
     * @param dim   their length
     * @param rng   the source of the initial vectors
     */
    public Embedding(int count, int dim, RandomGenerator rng) {
        if (count <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: need count > 0 and dim > 0, got " + count + ", " + dim);
        }
        this.count = count;
        this.dim = dim;
        this.weight = register("weight", new Parameter("weight", Tensor.randomNormal(rng, count, dim)));
    }

    @Override
    public Tensor forward(Tensor indices) {
        double[] v = indices.toArray();
        int[] rows = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] < count && v[i] == Math.rint(v[i]))) {
                throw new IndexOutOfBoundsException("Embedding(" + count + "): index " + v[i] + " at position " + i
                        + " is not an integer in [0, " + count + ")");
            }
            rows[i] = (int) v[i];
        }
        int[] s = indices.shape();
        int[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = dim;
        return weight.tensor().indexSelect(0, rows).reshape(out);
    }

    /** @return the table, [count, dim] */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected String describe() {
        return count + ", " + dim;
    }
}
