package dev.autodiff.nn;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, trainable tensor: the one mutable holder of the model. Its value is an immutable {@link Tensor}, replaced
 * as a whole by {@link #assign(Tensor)} (optimizers do this); between {@link Module#bind(Tape)} and the binding's
 * close, {@link #tensor()} is a variable of that tape, so that a forward pass records the parameter and a sweep
 * yields its gradient.
 */
public final class Parameter {
    private final String name;
    private Tensor value;
    /** The variable of the tape this parameter is bound to, or null. */
    private Tensor node;

    /**
     * @param name  the name, as {@link Module#namedParameters()} and saved weights show it
     * @param value the initial value
     */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value").detach();
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the current value, a constant */
    public Tensor value() {
        return value;
    }

    /** @return the value's shape (a copy) */
    public int[] shape() {
        return value.shape();
    }

    /** @return the number of scalars */
    public int size() {
        return value.size();
    }

    /**
     * What a layer computes with: the tape variable while the parameter is bound, else the value.
     *
     * @return the parameter as an operand
     */
    public Tensor tensor() {
        return node != null ? node : value;
    }

    /**
     * Replaces the value.
     *
     * @param newValue the new value, of the same shape
     * @throws IllegalArgumentException if the shape differs, naming the parameter and both shapes
     * @throws IllegalStateException    while the parameter is bound to a tape: the recording would go on with the
     *                                  old value, so step the optimizer after closing the binding
     */
    public void assign(Tensor newValue) {
        if (node != null) {
            throw new IllegalStateException("assign: parameter '" + name + "' is bound to a tape, whose recording"
                    + " holds its old value; close the binding first (take the gradients, close, then step)");
        }
        if (!Arrays.equals(newValue.shape(), value.shape())) {
            throw new IllegalArgumentException("assign: parameter '" + name + "' has shape "
                    + Arrays.toString(value.shape()) + ", the new value " + Arrays.toString(newValue.shape()));
        }
        value = newValue.detach();
    }

    /** Makes {@link #tensor()} the given variable (binding), or the value again (null). */
    void bindTo(Tensor variable) {
        node = variable;
    }

    /** @return whether the parameter is bound to a tape */
    public boolean isBound() {
        return node != null;
    }

    @Override
    public String toString() {
        return "Parameter(" + name + ", " + Arrays.toString(value.shape()) + (node != null ? ", bound)" : ")");
    }
}
