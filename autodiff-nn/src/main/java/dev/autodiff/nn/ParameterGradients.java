package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient of a loss with respect to each parameter of a model, in the order of {@link Module#parameters()}: what
 * an optimizer step consumes. Immutable.
 */
public final class ParameterGradients {
    private final List<Parameter> parameters;
    /** The parameters' names for messages: their paths in the model where known. */
    private final List<String> names;
    private final Tensor[] gradients;

    /**
     * @param parameters the parameters
     * @param gradients  one gradient per parameter, of its shape
     * @throws IllegalArgumentException if the counts or a shape differ
     */
    public ParameterGradients(List<Parameter> parameters, Tensor[] gradients) {
        this(parameters, parameters.stream().map(Parameter::name).toList(), gradients);
    }

    ParameterGradients(List<Parameter> parameters, List<String> names, Tensor[] gradients) {
        if (parameters.size() != gradients.length) {
            throw new IllegalArgumentException("gradients: " + parameters.size() + " parameters but "
                    + gradients.length + " gradients");
        }
        for (int i = 0; i < gradients.length; i++) {
            if (!Arrays.equals(parameters.get(i).shape(), gradients[i].shape())) {
                throw new IllegalArgumentException("gradients: parameter '" + names.get(i)
                        + "' has shape " + Arrays.toString(parameters.get(i).shape()) + ", its gradient "
                        + Arrays.toString(gradients[i].shape()));
            }
        }
        this.parameters = List.copyOf(parameters);
        this.names = List.copyOf(names);
        this.gradients = gradients.clone();
    }

    /** @return the number of parameters */
    public int size() {
        return gradients.length;
    }

    /** @return the name of parameter i: its path in the model ("0.weight") when the gradients came from a binding */
    public String name(int i) {
        return names.get(i);
    }

    /** @return parameter i */
    public Parameter parameter(int i) {
        return parameters.get(i);
    }

    /** @return the gradient of parameter i, a constant of its shape */
    public Tensor gradient(int i) {
        return gradients[i];
    }

    /** @return the gradient of the given parameter */
    public Tensor of(Parameter p) {
        int i = parameters.indexOf(p);
        if (i < 0) {
            throw new IllegalArgumentException("gradients: no gradient for " + p);
        }
        return gradients[i];
    }

    /** @return the parameters, in order */
    public List<Parameter> parameters() {
        return new ArrayList<>(parameters);
    }

    /**
     * The gradients of some of the parameters, in the order given: for an optimizer over part of a model (the rest
     * frozen).
     *
     * @param subset parameters among these
     * @return their gradients, with their names
     * @throws IllegalArgumentException if one of them has no gradient here
     */
    public ParameterGradients select(List<Parameter> subset) {
        List<String> names = new ArrayList<>(subset.size());
        Tensor[] picked = new Tensor[subset.size()];
        for (int i = 0; i < picked.length; i++) {
            int at = -1;
            for (int j = 0; j < parameters.size() && at < 0; j++) {
                at = parameters.get(j) == subset.get(i) ? j : -1;
            }
            if (at < 0) {
                throw new IllegalArgumentException("select: no gradient for " + subset.get(i));
            }
            picked[i] = gradients[at];
            names.add(this.names.get(at));
        }
        return new ParameterGradients(subset, names, picked);
    }

    /** @return the Euclidean norm of all gradients together (scaled by the largest element, so it overflows only if it is itself beyond the double range) */
    public double norm() {
        double max = 0.0;
        for (Tensor g : gradients) {
            for (double v : g.toArray()) {
                max = Math.max(max, Math.abs(v));
            }
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0.0;
        for (Tensor g : gradients) {
            for (double v : g.toArray()) {
                double r = v / max;
                s += r * r;
            }
        }
        return max * Math.sqrt(s);
    }

    /**
     * The first parameter with a NaN or infinite gradient element, or null: an optimizer step refuses such
     * gradients rather than writing them into the weights.
     */
    public String firstNonFinite() {
        for (int i = 0; i < gradients.length; i++) {
            double[] d = gradients[i].toArray();
            for (int j = 0; j < d.length; j++) {
                if (!Double.isFinite(d[j])) {
                    return "parameter '" + names.get(i) + "' element " + j + " is " + d[j];
                }
            }
        }
        return null;
    }

    /**
     * Scales all gradients together so that their joint norm is at most {@code maxNorm} (clipping by global norm).
     *
     * @param maxNorm the largest norm allowed, &gt; 0
     * @return these gradients if their norm is within it, else scaled ones
     */
    public ParameterGradients clipNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipNorm: maxNorm must be > 0, got " + maxNorm);
        }
        double norm = norm();
        if (!(norm > maxNorm)) {
            return this;
        }
        // scaled in two steps when maxNorm / norm would underflow, so that a huge gradient keeps its direction
        double factor = maxNorm / norm;
        Tensor[] scaled = new Tensor[gradients.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = factor > 0 ? gradients[i].mul(factor) : gradients[i].div(norm).mul(maxNorm);
        }
        return new ParameterGradients(parameters, names, scaled);
    }
}
