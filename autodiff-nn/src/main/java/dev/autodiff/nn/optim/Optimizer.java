package dev.autodiff.nn.optim;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A first-order optimizer over a fixed list of parameters. {@link #step(ParameterGradients)} applies one update to every
 * parameter, all or nothing: it checks every parameter first (the gradients are for these parameters, none is bound
 * to a tape, no gradient is NaN or infinite, every new weight and state element is finite) and writes only when all
 * pass, so a refused step changes neither the weights nor the optimizer's state (momenta, averages, step count).
 *
 * <p>Subclasses implement {@link #update}, the rule for one parameter, on plain arrays; the state it keeps per
 * parameter is a list of arrays handed back to it on the next step. The rule runs on copies before anything is
 * written, so it must keep no state of its own beyond what it returns.
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
     * Applies one update to every parameter, all or nothing: on any exception below, no weight and no state changes.
     *
     * @param gradients the gradients, for exactly this optimizer's parameters in order
     * @throws IllegalArgumentException if the gradients are for other parameters
     * @throws IllegalStateException    if a parameter is bound to a tape (step after closing the binding), naming it
     * @throws NonFiniteException       if a gradient, a resulting weight or a state element is NaN or infinite, naming
     *                                  the parameter and element
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
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).isBound()) {
                throw new IllegalStateException(name() + ".step: parameter '" + gradients.name(i) + "' is bound to a"
                        + " tape, whose recording holds its old value; close the binding first (take the gradients,"
                        + " close, then step); no weight was changed");
            }
        }
        String bad = gradients.firstNonFinite();
        if (bad != null) {
            throw new NonFiniteException(name() + ".step: gradient of " + bad + "; no weight was changed");
        }
        long next = steps + 1;
        Tensor[] values = new Tensor[parameters.size()];
        List<double[][]> newState = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            double[] value = parameters.get(i).value().toArray();
            double[][] updated = update(value, gradients.gradient(i).toArray(), copy(state.get(i)), next);
            newState.add(updated);
            for (int j = 0; j < value.length; j++) {
                if (!Double.isFinite(value[j])) {
                    throw new NonFiniteException(name() + ".step: the update makes parameter '"
                            + gradients.name(i) + "' element " + j + " " + value[j]
                            + " (learning rate " + learningRate + "); no weight was changed");
                }
            }
            values[i] = Tensor.of(value, parameters.get(i).shape());
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
        for (int i = 0; i < parameters.size(); i++) {   // commit: every check above passed, nothing below can fail
            parameters.get(i).assign(values[i]);
            state.set(i, newState.get(i));
        }
        steps = next;
    }

    private static double[][] copy(double[][] s) {
        return s == null ? null : Arrays.stream(s).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a deep copy of each parameter's state, in order (null before its first step or for no state) */
    final List<double[][]> state() {
        List<double[][]> copies = new ArrayList<>(state.size());
        state.forEach(s -> copies.add(copy(s)));
        return copies;
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
