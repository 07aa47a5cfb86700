package dev.autodiff.nn.optim;

import dev.autodiff.nn.Parameter;

import java.util.List;

/**
 * Adam (Kingma and Ba), and AdamW (Loshchilov and Hutter) with decoupled weight decay. Per element:
 * m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, mhat = m / (1 - b1^t), vhat = v / (1 - b2^t),
 * p = p - lr mhat / (sqrt(vhat) + eps). Weight decay wd is either added to the gradient (Adam's L2 penalty,
 * g = g + wd p) or, decoupled (AdamW), applied to the weight before the step: p = p - lr wd p.
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    /** Adam with PyTorch's defaults: b1 = 0.9, b2 = 0.999, eps = 1e-8, no weight decay. */
    public Adam(List<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, 0.0, false);
    }

    /** AdamW with PyTorch's defaults (b1 = 0.9, b2 = 0.999, eps = 1e-8) and decoupled weight decay wd. */
    public static Adam adamW(List<Parameter> parameters, double learningRate, double weightDecay) {
        return new Adam(parameters, learningRate, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    /**
     * @param beta1       b1 in [0, 1)
     * @param beta2       b2 in [0, 1)
     * @param eps         eps &gt; 0
     * @param weightDecay wd &gt;= 0
     * @param decoupled   AdamW's decoupled decay (true) or an L2 penalty in the gradient (false)
     */
    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps,
                double weightDecay, boolean decoupled) {
        super(parameters, learningRate);
        requireInRange("Adam", "beta1", beta1, 0, Math.nextDown(1.0));
        requireInRange("Adam", "beta2", beta2, 0, Math.nextDown(1.0));
        requireInRange("Adam", "eps", eps, Double.MIN_VALUE, Double.MAX_VALUE);
        requireInRange("Adam", "weightDecay", weightDecay, 0, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    protected double[][] update(double[] p, double[] g, double[][] state, long t) {
        double lr = learningRate();
        double[] m = state == null ? new double[p.length] : state[0];
        double[] v = state == null ? new double[p.length] : state[1];
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < p.length; i++) {
            double grad = decoupled ? g[i] : g[i] + weightDecay * p[i];
            if (decoupled) {
                p[i] -= lr * weightDecay * p[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * grad;
            v[i] = beta2 * v[i] + (1 - beta2) * grad * grad;
            p[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
        return new double[][] {m, v};
    }

    @Override
    protected String name() {
        return decoupled ? "AdamW" : "Adam";
    }
}
