package dev.autodiff.nn.optim;

import dev.autodiff.nn.Parameter;

import java.util.List;

/**
 * Stochastic gradient descent, as PyTorch's SGD: with weight decay wd, g' = g + wd p; with momentum mu,
 * v = mu v + g' (v = g' on the first step) and the step is v, or g' + mu v with Nesterov's correction; p = p - lr step.
 * Without momentum, p = p - lr g'.
 */
public final class Sgd extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;

    /** Plain SGD: p = p - lr g. */
    public Sgd(List<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.0, false, 0.0);
    }

    /**
     * @param momentum    mu in [0, 1)
     * @param nesterov    Nesterov's correction (needs momentum &gt; 0)
     * @param weightDecay wd &gt;= 0, an L2 penalty added to the gradient
     */
    public Sgd(List<Parameter> parameters, double learningRate, double momentum, boolean nesterov,
               double weightDecay) {
        super(parameters, learningRate);
        requireInRange("Sgd", "momentum", momentum, 0, Math.nextDown(1.0));
        requireInRange("Sgd", "weightDecay", weightDecay, 0, Double.MAX_VALUE);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Sgd: Nesterov's correction needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    protected double[][] update(double[] p, double[] g, double[][] state, long step) {
        double lr = learningRate();
        double[] v = state == null ? null : state[0];
        if (momentum > 0 && v == null) {
            v = new double[p.length];
        }
        for (int i = 0; i < p.length; i++) {
            double grad = g[i] + weightDecay * p[i];
            double d = grad;
            if (momentum > 0) {
                v[i] = state == null ? grad : momentum * v[i] + grad;
                d = nesterov ? grad + momentum * v[i] : v[i];
            }
            p[i] -= lr * d;
        }
        return v == null ? null : new double[][] {v};
    }
}
