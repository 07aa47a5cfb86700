package dev.autodiff.nn.optim;

import dev.autodiff.nn.Parameter;

import java.util.List;

/** AdaGrad (Duchi, Hazan and Singer): s = s + g^2, p = p - lr g / (sqrt(s) + eps). */
public final class AdaGrad extends Optimizer {
    private final double eps;

    /** AdaGrad with eps = 1e-10, as PyTorch's default. */
    public AdaGrad(List<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 1e-10);
    }

    /** @param eps eps &gt; 0 */
    public AdaGrad(List<Parameter> parameters, double learningRate, double eps) {
        super(parameters, learningRate);
        requireInRange("AdaGrad", "eps", eps, Double.MIN_VALUE, Double.MAX_VALUE);
        this.eps = eps;
    }

    @Override
    protected double[][] update(double[] p, double[] g, double[][] state, long t) {
        double lr = learningRate();
        double[] s = state == null ? new double[p.length] : state[0];
        for (int i = 0; i < p.length; i++) {
            s[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
        return new double[][] {s};
    }
}
