package dev.autodiff.nn;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a module bound to a tape (see {@link Module#bind(Tape)}): each is a variable of the tape until
 * {@link #close()}. One sweep from the loss gives every parameter's gradient.
 */
public final class Binding implements AutoCloseable {
    private final Tape tape;
    private final List<Parameter> parameters;
    private final List<String> names;
    private final Tensor[] variables;
    private boolean closed;

    Binding(Tape tape, Map<String, Parameter> named) {
        this.tape = tape;
        this.parameters = List.copyOf(named.values());
        this.names = List.copyOf(named.keySet());
        for (Map.Entry<String, Parameter> p : named.entrySet()) {
            if (p.getValue().isBound()) {
                throw new IllegalStateException("bind: parameter '" + p.getKey() + "' is already bound; close the"
                        + " other binding first");
            }
        }
        this.variables = new Tensor[parameters.size()];
        try {
            for (int i = 0; i < variables.length; i++) {
                variables[i] = tape.variable(parameters.get(i).value());
                parameters.get(i).bindTo(variables[i]);
            }
        } catch (RuntimeException | Error e) {
            parameters.forEach(p -> p.bindTo(null));        // nothing stays bound to a tape that refused
            throw e;
        }
    }

    /**
     * The gradient of a loss with respect to every bound parameter, by one reverse sweep.
     *
     * @param loss a tensor of one element recorded on the bound tape
     * @return the gradients, in the order of {@link Module#parameters()}
     * @throws IllegalArgumentException if the loss has more than one element
     * @throws IllegalStateException    if the binding is closed
     */
    public ParameterGradients gradients(Tensor loss) {
        if (closed) {
            throw new IllegalStateException("gradients: the binding is closed");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException("gradients: the loss must have one element, got shape "
                    + Arrays.toString(loss.shape()));
        }
        Scalar y = loss.item();
        return new ParameterGradients(parameters, names, tape.gradient(y, variables));
    }

    /** @return the tape */
    public Tape tape() {
        return tape;
    }

    /** Unbinds every parameter: {@link Parameter#tensor()} is the value again. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (Parameter p : parameters) {
                p.bindTo(null);
            }
        }
    }

    /** @return the bound parameters, in order */
    public List<Parameter> parameters() {
        return new ArrayList<>(parameters);
    }
}
