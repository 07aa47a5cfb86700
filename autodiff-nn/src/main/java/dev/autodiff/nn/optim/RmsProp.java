package dev.autodiff.nn.optim;

import dev.autodiff.nn.Parameter;

import java.util.List;

/** RMSProp (Hinton), as PyTorch's without momentum: v = a v + (1 - a) g^2, p = p - lr g / (sqrt(v) + eps). */
public final class RmsProp extends Optimizer {
    private final double alpha, eps;

    /** RMSProp with PyTorch's defaults: alpha = 0.99, eps = 1e-8. */
    public RmsProp(List<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.99, 1e-8);
    }

    /**
     * @param alpha the decay of the average of squares, in [0, 1)
     * @param eps   eps &gt; 0
     */
    public RmsProp(List<Parameter> parameters, double learningRate, double alpha, double eps) {
        super(parameters, learningRate);
        requireInRange("RmsProp", "alpha", alpha, 0, Math.nextDown(1.0));
        requireInRange("RmsProp", "eps", eps, Double.MIN_VALUE, Double.MAX_VALUE);
        this.alpha = alpha;
        this.eps = eps;
    }

    @Override
    protected double[][] update(double[] p, double[] g, double[][] state, long t) {
        double lr = learningRate();
        double[] v = state == null ? new double[p.length] : state[0];
        for (int i = 0; i < p.length; i++) {
            v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
            p[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
        }
        return new double[][] {v};
    }
}
