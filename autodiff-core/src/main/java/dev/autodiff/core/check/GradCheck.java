package dev.autodiff.core.check;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.ValueAndGradient;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a gradient computed by reverse mode against central finite differences, input by input.
 *
 * <pre>{@code
 * ScalarFunction f = x -> x[0].mul(x[1]).sin().add(x[0].square());
 * GradCheck.check(f, 1.5, -0.5).assertPassed();          // throws AssertionError with the report on failure
 * GradCheck.options().withRtol(1e-5).check(f, 1.5, -0.5); // other tolerances
 * }</pre>
 *
 * <h2>When a check passes</h2>
 * Input i passes when {@code |analytic - numeric| <= atol + rtol max(|analytic|, |numeric|) + 16 r_i}, where r_i is
 * the rounding error the finite difference carries if f is correctly rounded ({@link FiniteDifferences.Estimate#roundoff()}),
 * allowed 16 times over for the few ulps a real function loses. The r_i term keeps the check principled for large
 * values of f, whose finite differences are noisy in absolute terms; rtol and atol cover the rest. Analytic and
 * numeric values that are the same infinity, or both NaN, agree; one NaN alone fails.
 *
 * <p>Finite differences are only meaningful where f is smooth within a step (about 6e-6 max(1, |x_i|)) of the
 * point: check away from kinks, and check kinks by their stated one-sided or averaged derivative instead.
 */
public final class GradCheck {
    /** Default relative tolerance: Richardson-extrapolated differences of a smooth f agree to about 1e-9. */
    public static final double DEFAULT_RTOL = 1e-6;
    /** Default absolute tolerance, for derivatives that are 0 or nearly so. */
    public static final double DEFAULT_ATOL = 1e-9;
    /** How many times the ideal rounding error of the finite difference is allowed. */
    static final double ROUNDOFF_ALLOWANCE = 16.0;

    private static final Options DEFAULTS = new Options(DEFAULT_RTOL, DEFAULT_ATOL, true);

    private GradCheck() {
    }

    /**
     * How to check: tolerances and the finite-difference scheme.
     *
     * @param rtol       relative tolerance, &gt;= 0
     * @param atol       absolute tolerance, &gt;= 0
     * @param richardson whether the numeric derivative is Richardson-extrapolated (4 evaluations per input, O(h^4)
     *                   truncation error) rather than plain central (2 evaluations, O(h^2))
     */
    public record Options(double rtol, double atol, boolean richardson) {
        /** Validates the tolerances. */
        public Options {
            if (!(rtol >= 0) || !(atol >= 0)) {
                throw new IllegalArgumentException("GradCheck: tolerances must be >= 0, got rtol " + rtol
                        + " and atol " + atol);
            }
        }

        /** @return these options with relative tolerance {@code rtol} */
        public Options withRtol(double rtol) {
            return new Options(rtol, atol, richardson);
        }

        /** @return these options with absolute tolerance {@code atol} */
        public Options withAtol(double atol) {
            return new Options(rtol, atol, richardson);
        }

        /** @return these options with Richardson extrapolation on or off */
        public Options withRichardson(boolean richardson) {
            return new Options(rtol, atol, richardson);
        }

        /**
         * Compares the gradient of {@code f} at {@code x} by reverse mode with finite differences.
         *
         * @param f the function
         * @param x the point; not modified
         * @return the comparison for every input
         */
        public GradCheckReport check(ScalarFunction f, double... x) {
            ValueAndGradient vg = Autodiff.valueAndGrad(f, x);
            double[] analytic = vg.gradient();
            double[] work = x.clone();
            List<GradCheckReport.Entry> entries = new ArrayList<>(x.length);
            for (int i = 0; i < x.length; i++) {
                FiniteDifferences.Estimate est = FiniteDifferences.partial(f::valueAt, work, i, richardson);
                entries.add(compare(i, x[i], analytic[i], est));
            }
            return new GradCheckReport(vg.value(), entries, this);
        }

        private GradCheckReport.Entry compare(int index, double x, double analytic, FiniteDifferences.Estimate est) {
            double numeric = est.derivative();
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double allowed = atol + rtol * scale + ROUNDOFF_ALLOWANCE * est.roundoff();
            if (analytic == numeric || (Double.isNaN(analytic) && Double.isNaN(numeric))) {
                return new GradCheckReport.Entry(index, x, analytic, numeric, 0.0, 0.0, allowed, true);
            }
            double absError = Math.abs(analytic - numeric);
            if (Double.isNaN(absError)) {
                absError = Double.POSITIVE_INFINITY; // one NaN, or opposite infinities
            }
            return new GradCheckReport.Entry(index, x, analytic, numeric, absError, absError / scale, allowed,
                    absError <= allowed);
        }
    }

    /** @return the default options: rtol {@value #DEFAULT_RTOL}, atol {@value #DEFAULT_ATOL}, Richardson on */
    public static Options options() {
        return DEFAULTS;
    }

    /**
     * Compares the gradient of {@code f} at {@code x} by reverse mode with finite differences, with the default
     * options.
     *
     * @param f the function
     * @param x the point; not modified
     * @return the comparison for every input; call {@link GradCheckReport#assertPassed()} in a test
     */
    public static GradCheckReport check(ScalarFunction f, double... x) {
        return DEFAULTS.check(f, x);
    }
}
