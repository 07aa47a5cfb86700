package dev.autodiff.core;

import java.util.Arrays;

/**
 * A function's value and its gradient at one point, as {@link Autodiff#valueAndGrad} returns them.
 *
 * @param value    f(x)
 * @param gradient df/dx_i for every i; copied in and out, so the record is immutable
 */
public record ValueAndGradient(double value, double[] gradient) {
    /** Copies {@code gradient}. */
    public ValueAndGradient {
        gradient = gradient.clone();
    }

    /** @return a copy of the gradient */
    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueAndGradient other
                && Double.compare(value, other.value) == 0
                && Arrays.equals(gradient, other.gradient);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(value) + Arrays.hashCode(gradient);
    }

    @Override
    public String toString() {
        return "ValueAndGradient[value=" + value + ", gradient=" + Arrays.toString(gradient) + "]";
    }
}
