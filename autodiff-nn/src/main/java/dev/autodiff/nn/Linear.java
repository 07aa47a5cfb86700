package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.random.RandomGenerator;

/**
 * y = x W^T + b: a dense layer from {@code in} to {@code out} features, applied to the last dimension of x (any
 * leading dimensions are batch). W has shape [out, in], b [out].
 */
public final class Linear extends Module {
    private final int in, out;
    private final Parameter weight, bias;

    /**
     * A layer initialised as PyTorch does by default: W and b uniform on +-1/sqrt(in).
     *
     * @param in  input features
     * @param out output features
     * @param rng the source of the initial weights
     */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, Init.fanInUniform(), rng);
    }

    /**
     * @param in         input features, &gt; 0
     * @param out        output features, &gt; 0
     * @param bias       whether to add a bias (initialised uniform on +-1/sqrt(in), as PyTorch does)
     * @param weightInit the weights' initialiser
     * @param rng        the source of the initial weights
     */
    public Linear(int in, int out, boolean bias, Init weightInit, RandomGenerator rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: features must be positive, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = register("weight", new Parameter("weight", weightInit.sample(rng, in, out, out, in)));
        this.bias = bias ? register("bias", new Parameter("bias", Init.fanInUniform().sample(rng, in, out, out)))
                : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("Linear(in=" + in + "): input shape " + java.util.Arrays.toString(s)
                    + " does not end in " + in);
        }
        return x.linear(weight.tensor(), bias == null ? null : bias.tensor());
    }

    /** @return the weight, [out, in] */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, [out], or null */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "in=" + in + ", out=" + out + (bias == null ? ", no bias" : "");
    }
}
