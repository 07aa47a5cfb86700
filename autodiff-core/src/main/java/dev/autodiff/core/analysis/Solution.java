package dev.autodiff.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an iterative method stopped, and how it got there.
 *
 * @param x            the last iterate
 * @param value        f there
 * @param gradientNorm |grad f| there
 * @param iterations   the number of steps taken
 * @param converged    whether |grad f| met the tolerance (false: the step limit was reached, or f overflowed)
 * @param path         every iterate, the start first and x last
 */
public record Solution(double[] x, double value, double gradientNorm, int iterations, boolean converged,
                       List<double[]> path) {
    /** Copies the arrays in, so that the record is immutable. */
    public Solution {
        x = x.clone();
        List<double[]> copy = new ArrayList<>(path.size());
        for (double[] p : path) {
            copy.add(p.clone());
        }
        path = List.copyOf(copy);
    }

    /** @return a copy of the last iterate */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return the iterates; each array is a copy */
    @Override
    public List<double[]> path() {
        List<double[]> copy = new ArrayList<>(path.size());
        for (double[] p : path) {
            copy.add(p.clone());
        }
        return copy;
    }

    @Override
    public String toString() {
        return (converged ? "converged" : "not converged") + " after " + iterations + " iterations at "
                + Arrays.toString(x) + ": f = " + value + ", |grad| = " + gradientNorm;
    }
}
