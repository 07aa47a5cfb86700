package dev.autodiff.core.check;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences, the numerical reference that reverse mode is checked against and compared with.
 *
 * <p>The derivative along coordinate i is {@code D(h) = (f(x + h e_i) - f(x - h e_i)) / 2h}, whose truncation
 * error is O(h^2) and whose rounding error is about eps |f| / h. The step balancing the two is
 * {@code h = cbrt(eps) max(1, |x_i|)} (about 6e-6 relative), so an accurate f yields about 10 correct digits.
 * The step is applied as it is representable: the denominator is the actual distance {@code (x + h) - (x - h)}.
 * Richardson extrapolation, {@code (4 D(h/2) - D(h)) / 3}, cancels the h^2 term at twice the cost, leaving the
 * rounding error as the only one of note.
 *
 * <p>A gradient by central differences costs 2n evaluations of f (4n with Richardson), where reverse mode costs a
 * small constant times one.
 */
public final class FiniteDifferences {
    /** The cube root of the machine epsilon of double, about 6.06e-6. */
    public static final double CBRT_EPS = Math.cbrt(Math.ulp(1.0));

    private FiniteDifferences() {
    }

    /**
     * One coordinate's derivative estimate.
     *
     * @param derivative the finite-difference estimate of df/dx_i
     * @param roundoff   the rounding error it carries if f is correctly rounded, eps (|f(x+h)| + |f(x-h)|) / 2h
     *                   (combined with the same weights as the estimates when extrapolated); a function that loses
     *                   k more digits has a rounding error about 10^k times larger
     * @param step       the step h used (the first one, when extrapolated)
     */
    public record Estimate(double derivative, double roundoff, double step) {
    }

    /**
     * The step for coordinate value {@code x}: cbrt(eps) max(1, |x|).
     *
     * @param x the coordinate's value
     * @return the step, positive for every finite x
     */
    public static double step(double x) {
        return CBRT_EPS * Math.max(1.0, Math.abs(x));
    }

    /**
     * The gradient of {@code f} at {@code x} by plain central differences: 2n evaluations.
     *
     * @param f the function; may read but must not keep its argument
     * @param x the point; not modified
     * @return the estimate of df/dx_i for every i
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        return gradient(f, x, false);
    }

    /**
     * The gradient of {@code f} at {@code x} by central differences, optionally Richardson-extrapolated.
     *
     * @param f          the function; may read but must not keep its argument
     * @param x          the point; not modified
     * @param richardson whether to extrapolate (4n evaluations instead of 2n)
     * @return the estimate of df/dx_i for every i
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, boolean richardson) {
        double[] work = x.clone();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = partial(f, work, i, richardson).derivative();
        }
        return g;
    }

    /**
     * The derivative of {@code f} along coordinate {@code i}, with its rounding-error bound.
     *
     * @param f          the function; may read but must not keep its argument
     * @param x          the point; modified during the call (coordinate i is perturbed) and restored before it
     *                   returns
     * @param i          the coordinate
     * @param richardson whether to extrapolate
     * @return the estimate
     */
    public static Estimate partial(ToDoubleFunction<double[]> f, double[] x, int i, boolean richardson) {
        double h = step(x[i]);
        Estimate coarse = central(f, x, i, h);
        if (!richardson) {
            return coarse;
        }
        Estimate fine = central(f, x, i, h / 2);
        return new Estimate((4.0 * fine.derivative - coarse.derivative) / 3.0,
                (4.0 * fine.roundoff + coarse.roundoff) / 3.0, h);
    }

    private static Estimate central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double xi = x[i];
        double plus = xi + h, minus = xi - h;
        try {
            x[i] = plus;
            double fPlus = f.applyAsDouble(x);
            x[i] = minus;
            double fMinus = f.applyAsDouble(x);
            double width = plus - minus;
            return new Estimate((fPlus - fMinus) / width,
                    Math.ulp(1.0) * (Math.abs(fPlus) + Math.abs(fMinus)) / width, h);
        } finally {
            x[i] = xi;
        }
    }
}
