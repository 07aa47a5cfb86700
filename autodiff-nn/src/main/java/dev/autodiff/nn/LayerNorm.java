package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

/**
 * Layer normalisation over the last dimension: y = (x - mean) / sqrt(var + eps) * gamma + beta, with the mean and the
 * population variance (correction 0) of each row, and gamma (ones) and beta (zeros) learned per feature.
 */
public final class LayerNorm extends Module {
    private final int features;
    private final double eps;
    private final Parameter gamma, beta;

    /** @param features the size of the last dimension; eps = 1e-5 as in PyTorch */
    public LayerNorm(int features) {
        this(features, 1e-5);
    }

    /**
     * @param features the size of the last dimension
     * @param eps      added to the variance, &gt; 0
     */
    public LayerNorm(int features, double eps) {
        if (features <= 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need features > 0 and eps > 0, got " + features + ", "
                    + eps);
        }
        this.features = features;
        this.eps = eps;
        this.gamma = register("weight", new Parameter("weight", Tensor.ones(features)));
        this.beta = register("bias", new Parameter("bias", Tensor.zeros(features)));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != features) {
            throw new IllegalArgumentException("LayerNorm(" + features + "): input shape " + java.util.Arrays.toString(s)
                    + " does not end in " + features);
        }
        Tensor centred = x.sub(x.mean(true, -1));
        Tensor normalised = centred.div(centred.square().mean(true, -1).add(eps).sqrt());
        return normalised.mul(gamma.tensor()).add(beta.tensor());
    }

    @Override
    protected String describe() {
        return features + ", eps=" + eps;
    }
}
