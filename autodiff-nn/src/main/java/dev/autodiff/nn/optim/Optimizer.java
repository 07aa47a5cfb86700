package dev.autodiff.nn.optim;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A first-order optimizer over a fixed list of parameters. {@link #step(ParameterGradients)} applies one update to every
 * parameter, all or nothing: a gradient with a NaN or infinite element, or an update that would make a weight
 * non-finite, is refused with a {@link NonFiniteException} naming the parameter and element, and neither the weights
 * nor the optimizer's state (momenta, averages, step count) change.
 *
 * <p>Subclasses implement {@link #update}, the rule for one parameter, on plain arrays; the state it keeps per
 * parameter is a list of arrays handed back to it on the next step.
 */
public abstract class Optimizer {
    private final List<Parameter> parameters;
    private final List<double[][]> state;
    private double learningRate;
    private long steps;

    /**
     * @param parameters   the parameters to update, typically {@code model.parameters()}
     * @param learningRate the step size, &gt;= 0
     */
    protected Optimizer(List<Parameter> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        for (int i = 0; i < this.parameters.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.parameters.get(i) == this.parameters.get(j)) {
                    throw new IllegalArgumentException(name() + ": parameter " + this.parameters.get(i)
                            + " is listed twice (positions " + j + " and " + i + "); list each once");
                }
            }
        }
        this.state = new ArrayList<>();
        for (int i = 0; i < this.parameters.size(); i++) {
            state.add(null);
        }
        setLearningRate(learningRate);
    }

    /**
     * The update rule for one parameter.
     *
     * @param value    the parameter's value; to be overwritten with the new value
     * @param gradient its gradient; may be overwritten
     * @param state    the arrays this rule returned for this parameter on the previous step, or null on the first
     * @param step     the 1-based number of this step
     * @return the state to keep for the next step (null for none)
     */
    protected abstract double[][] update(double[] value, double[] gradient, double[][] state, long step);

    /**
     * Applies one update to every parameter, all or nothing.
     *
     * @param gradients the gradients, for exactly this optimizer's parameters in order
     * @throws IllegalArgumentException if the gradients are for other parameters
     * @throws NonFiniteException       if a gradient or a resulting weight is NaN or infinite; nothing changes
     */
    public final void step(ParameterGradients gradients) {
        if (gradients.size() != parameters.size()) {
            throw new IllegalArgumentException(name() + ".step: " + gradients.size() + " gradients for "
                    + parameters.size() + " parameters");
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (gradients.parameter(i) != parameters.get(i)) {
                throw new IllegalArgumentException(name() + ".step: gradient " + i + " is for "
                        + gradients.parameter(i) + ", not " + parameters.get(i));
            }
        }
        String bad = gradients.firstNonFinite();
        if (bad != null) {
            throw new NonFiniteException(name() + ".step: gradient of " + bad + "; no weight was changed");
        }
        long next = steps + 1;
        double[][] values = new double[parameters.size()][];
        List<double[][]> newState = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            values[i] = parameters.get(i).value().toArray();
            double[][] old = state.get(i);
            double[][] copy = old == null ? null : Arrays.stream(old).map(double[]::clone).toArray(double[][]::new);
            double[][] updated = update(values[i], gradients.gradient(i).toArray(), copy, next);
            newState.add(updated);
            for (int j = 0; j < values[i].length; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new NonFiniteException(name() + ".step: the update makes parameter '"
                            + gradients.name(i) + "' element " + j + " " + values[i][j]
                            + " (learning rate " + learningRate + "); no weight was changed");
                }
            }
            if (updated != null) {          // an infinite average or momentum would freeze the weight for good
                for (double[] s : updated) {
                    for (int j = 0; j < s.length; j++) {
                        if (!Double.isFinite(s[j])) {
                            throw new NonFiniteException(name() + ".step: the update makes the optimizer's state for"
                                    + " parameter '" + gradients.name(i) + "' element " + j + " " + s[j]
                                    + " (a gradient too large to square?); no weight was changed");
                        }
                    }
                }
            }
        }
        for (int i = 0; i < parameters.size(); i++) {                     // commit: nothing below can fail
            parameters.get(i).assign(Tensor.of(values[i], parameters.get(i).shape()));
            state.set(i, newState.get(i));
        }
        steps = next;
    }

    /** @return the learning rate */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (schedules do this between epochs); 0 is allowed (a warm-up's first epoch). */
    public final void setLearningRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name() + ": the learning rate must be >= 0 and finite, got " + rate);
        }
        this.learningRate = rate;
    }

    /** @return the number of steps applied */
    public final long steps() {
        return steps;
    }

    /** @return the parameters, in order */
    public final List<Parameter> parameters() {
        return parameters;
    }

    /** @return the optimizer's name for messages */
    protected String name() {
        return getClass().getSimpleName();
    }

    /** A NaN or infinite gradient or weight, refused by {@link #step}. */
    public static final class NonFiniteException extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        NonFiniteException(String message) {
            super(message);
        }
    }

    static void requireInRange(String op, String what, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(op + ": " + what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}
