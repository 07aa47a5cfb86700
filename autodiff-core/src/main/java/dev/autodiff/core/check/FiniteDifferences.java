package dev.autodiff.core.check;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences, the numerical reference that reverse mode is checked against and compared with.
 *
 * <p>The derivative along coordinate i is {@code D(h) = (f(x + h e_i) - f(x - h e_i)) / 2h}, whose truncation
 * error is O(h^2) and whose rounding error is about eps |f| / h. The step balancing the two for a function that
 * varies on the scale of 1 is {@code h = cbrt(eps) max(1, |x_i|)} (about 6e-6), so an accurate f yields about 10
 * correct digits. The step is applied as it is representable: the denominator is the actual distance
 * {@code (x + h) - (x - h)}. Richardson extrapolation, {@code R(h) = (4 D(h/2) - D(h)) / 3}, cancels the h^2 term
 * at twice the cost.
 *
 * <p>A gradient by central differences costs 2n evaluations of f (4n with Richardson), where reverse mode costs a
 * small constant times one. {@link #partial} also estimates its own errors and whether f is smooth within the step,
 * for {@link GradCheck}.
 */
public final class FiniteDifferences {
    /** The cube root of the machine epsilon of double, about 6.06e-6. */
    public static final double CBRT_EPS = Math.cbrt(Math.ulp(1.0));

    private FiniteDifferences() {
    }

    /**
     * One coordinate's derivative estimate and its error bounds.
     *
     * @param derivative the finite-difference estimate of df/dx_i: D(h), or R(h) when extrapolated
     * @param roundoff   the rounding error it carries if f is correctly rounded: eps (|f(x+h)| + |f(x-h)|) / 2h,
     *                   combined with the estimate's own weights when extrapolated. A function that loses k more
     *                   digits has a rounding error about 10^k times larger
     * @param truncation an estimate of the truncation error, from the same scheme at half the step:
     *                   4/3 |D(h) - D(h/2)|, or 16/15 |R(h) - R(h/2)| when extrapolated. It is large where f varies
     *                   on a scale not much larger than h (for example log near 0), and NaN where a step left
     *                   f's domain
     * @param kink       how far f is from smooth within the step: h max(|s(h) - s(h/2)|, |s(h/2) - s(h/4)|), where
     *                   s(k) = (f(x+k) - 2 f(x) + f(x-k)) / k^2 estimates f''. For a smooth f the second differences
     *                   agree and this is about 80 rounding errors at most; a kink (a jump J in the slope) within the
     *                   step makes it of the order of J, wherever the kink lies in the step
     * @param step       the step h
     */
    public record Estimate(double derivative, double roundoff, double truncation, double kink, double step) {
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
     * The gradient of {@code f} at {@code x} by central differences, optionally Richardson-extrapolated, without
     * error estimates.
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
            double h = step(x[i]);
            double coarse = central(f, work, i, h)[0];
            g[i] = richardson ? (4.0 * central(f, work, i, h / 2)[0] - coarse) / 3.0 : coarse;
        }
        return g;
    }

    /**
     * The derivative of {@code f} along coordinate {@code i}, with its rounding, truncation and smoothness estimates.
     * Costs 7 evaluations: f(x), and central differences at steps h, h/2 and h/4 (from which the derivative, the
     * truncation estimate and the second differences of {@link Estimate#kink()} come).
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
        double f0 = f.applyAsDouble(x);
        double[] d1 = central(f, x, i, h), d2 = central(f, x, i, h / 2), d3 = central(f, x, i, h / 4);
        double kink = h * Math.max(Math.abs(second(d1, f0) - second(d2, f0)),
                Math.abs(second(d2, f0) - second(d3, f0)));
        if (!richardson) {
            return new Estimate(d1[0], d1[1], 4.0 / 3.0 * Math.abs(d1[0] - d2[0]), kink, h);
        }
        double r1 = (4.0 * d2[0] - d1[0]) / 3.0, r2 = (4.0 * d3[0] - d2[0]) / 3.0;
        return new Estimate(r1, (4.0 * d2[1] + d1[1]) / 3.0, 16.0 / 15.0 * Math.abs(r1 - r2), kink, h);
    }

    /** The second difference (f(x+k) - 2 f(x) + f(x-k)) / k^2 of a central difference's evaluations. */
    private static double second(double[] d, double f0) {
        double half = d[4] / 2;
        return (d[2] - 2.0 * f0 + d[3]) / (half * half);
    }

    /** {D(h), its rounding-error bound, f(x+h), f(x-h), the actual width 2h}. */
    private static double[] central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double xi = x[i];
        double plus = xi + h, minus = xi - h;
        try {
            x[i] = plus;
            double fPlus = f.applyAsDouble(x);
            x[i] = minus;
            double fMinus = f.applyAsDouble(x);
            double width = plus - minus;
            return new double[] {(fPlus - fMinus) / width,
                    Math.ulp(1.0) * (Math.abs(fPlus) + Math.abs(fMinus)) / width, fPlus, fMinus, width};
        } finally {
            x[i] = xi;
        }
    }
}
