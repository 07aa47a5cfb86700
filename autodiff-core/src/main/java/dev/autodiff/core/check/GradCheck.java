package dev.autodiff.core.check;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a gradient computed by reverse mode against central finite differences, input by input.
 *
 * <pre>{@code
 * ScalarFunction f = x -> x[0].mul(x[1]).sin().add(x[0].square());
 * GradCheck.check(f, 1.5, -0.5).assertPassed();          // throws AssertionError with the report otherwise
 * GradCheck.options().withRtol(1e-5).check(f, 1.5, -0.5); // other tolerances
 * }</pre>
 *
 * <h2>Verdicts</h2>
 * Each input gets one of three {@link Verdict}s:
 * <ul>
 *   <li>{@code PASS}: {@code |analytic - numeric| <= atol + rtol max(|analytic|, |numeric|) + noise}, where noise is
 *       the finite difference's own error, {@code 16 roundoff + 2 truncation} as {@link FiniteDifferences#partial}
 *       estimates them (16 ulps of rounding for the few digits a real function loses; truncation from the same
 *       scheme at half the step);</li>
 *   <li>{@code FAIL}: the difference exceeds that, or the two disagree in kind (an infinity against a finite value,
 *       opposite infinities, an analytic NaN against a number);</li>
 *   <li>{@code INCONCLUSIVE}: the finite difference cannot tell: its noise exceeds 1% of the largest derivative in
 *       the report (plus atol), as when |f| is huge next to its slopes or f varies on the scale of the step; or a
 *       step left f's domain (a NaN numeric value) or overflowed it (an infinite numeric value against a finite
 *       analytic one). Choose a point where finite differences can see the derivative.</li>
 * </ul>
 * A report passes only if every input passes. Values that are exactly equal, or both NaN, pass.
 *
 * <p>Finite differences are meaningful only where f is smooth within a step (about 6e-6 max(1, |x_i|)) of the
 * point. Where it is not, the check says inconclusive rather than blaming the gradient; check kinks by their stated
 * one-sided or averaged derivative instead.
 *
 * <h2>Second order</h2>
 * {@link #checkSecondOrder(ScalarFunction, double...)} checks the Hessian: each row, differentiated in reverse mode
 * through a recorded gradient, against finite differences of the gradient. It is the first-order check applied to
 * the gradient as a function ({@link Autodiff#gradientFunction(ScalarFunction)}), so the same verdicts apply. Functions
 * are recorded on a tape from {@link Tape#openHigherOrder()}, so that a checked function may itself take gradients.
 */
public final class GradCheck {
    /** Default relative tolerance: Richardson-extrapolated differences of a smooth f agree to about 1e-9. */
    public static final double DEFAULT_RTOL = 1e-6;
    /** Default absolute tolerance, for derivatives that are 0 or nearly so. */
    public static final double DEFAULT_ATOL = 1e-9;
    /** How many times the ideal rounding error of the finite difference is allowed. */
    static final double ROUNDOFF_ALLOWANCE = 16.0;
    /** How many times the truncation-error estimate is allowed. */
    static final double TRUNCATION_ALLOWANCE = 2.0;
    /** The share of the largest derivative above which the finite difference's noise makes a check inconclusive. */
    static final double RESOLUTION = 0.01;

    /** The outcome for one input. */
    public enum Verdict {
        /** Reverse mode and finite differences agree within the tolerances and the finite difference's noise. */
        PASS,
        /** They disagree. */
        FAIL,
        /** The finite difference is too noisy, or stepped out of f's domain, to confirm or refute. */
        INCONCLUSIVE
    }

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
            return check(f, x, i -> "input[" + i + "]");
        }

        /**
         * Checks a function of tensors with one output element directly, and otherwise its full Jacobian: every
         * output element against every input element (one sweep and one set of finite differences per output
         * element). For large outputs use {@link #checkDirection}.
         *
         * @param f      the function
         * @param inputs the point; every element of every input is differentiated
         * @return one entry per output element and input element
         */
        public GradCheckReport check(TensorFunction f, Tensor... inputs) {
            Tensor out = f.apply(inputs.clone());
            if (out.size() == 1) {
                return checkProjected(f, inputs, Tensor.ones(out.shape()), i -> describe(inputs, i));
            }
            List<GradCheckReport.Entry> entries = new ArrayList<>();
            double value = Double.NaN;
            for (int j = 0; j < out.size(); j++) {
                double[] e = new double[out.size()];
                e[j] = 1.0;
                int row = j;
                GradCheckReport r = checkProjected(f, inputs, Tensor.of(e, out.shape()),
                        i -> "d out" + index(out.shape(), row) + " / d " + describe(inputs, i));
                entries.addAll(r.entries());
            }
            return new GradCheckReport(value, entries, this);
        }

        /**
         * Checks the gradient of v . f(x), for a random direction v (seeded standard normal over the output's
         * elements): one sweep and one set of finite differences, whatever the output's size. A wrong Jacobian
         * entry shows unless v happens to cancel it, which has probability 0.
         *
         * @param f      the function
         * @param seed   the seed of the direction, so that a failure reproduces
         * @param inputs the point
         * @return one entry per input element
         */
        public GradCheckReport checkDirection(TensorFunction f, long seed, Tensor... inputs) {
            Tensor out = f.apply(inputs.clone());
            return checkProjected(f, inputs, Tensor.randomNormal(seed, out.shape()),
                    i -> "d (v . out) / d " + describe(inputs, i) + " (v from seed " + seed + ")");
        }

        private GradCheckReport checkProjected(TensorFunction f, Tensor[] inputs, Tensor weights,
                                               java.util.function.IntFunction<String> names) {
            int total = 0;
            for (Tensor t : inputs) {
                total += t.size();
            }
            double[] flat = new double[total];
            for (int i = 0, at = 0; i < inputs.length; at += inputs[i].size(), i++) {
                System.arraycopy(inputs[i].toArray(), 0, flat, at, inputs[i].size());
            }
            ScalarFunction projected = x -> {
                Tensor[] args = new Tensor[inputs.length];
                for (int i = 0, at = 0; i < inputs.length; at += inputs[i].size(), i++) {
                    args[i] = Tensor.fromScalars(java.util.Arrays.copyOfRange(x, at, at + inputs[i].size()),
                            inputs[i].shape());
                }
                return f.apply(args).mul(weights).sum().item();
            };
            return check(projected, flat, names);
        }

        private static String describe(Tensor[] inputs, int flat) {
            for (int i = 0; ; i++) {
                if (flat < inputs[i].size()) {
                    return "input " + i + " " + index(inputs[i].shape(), flat);
                }
                flat -= inputs[i].size();
            }
        }

        private static String index(int[] shape, int flat) {
            int[] idx = new int[shape.length];
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = flat % shape[d];
                flat /= shape[d];
            }
            return java.util.Arrays.toString(idx);
        }

        /**
         * Checks the Hessian of {@code f} at {@code x}: row i, the gradient of df/dx_i by reverse mode through a
         * recorded gradient, against finite differences of df/dx_i.
         *
         * @param f the function
         * @param x the point; not modified
         * @return one entry per Hessian element, named "d2f / dx_i dx_j"
         */
        public GradCheckReport checkSecondOrder(ScalarFunction f, double... x) {
            List<GradCheckReport.Entry> entries = new ArrayList<>();
            var gradient = Autodiff.gradientFunction(f);
            for (int i = 0; i < x.length; i++) {
                int row = i;
                GradCheckReport r = check(v -> gradient.apply(v)[row], x,
                        j -> "d2f / d input[" + row + "] d input[" + j + "]");
                entries.addAll(r.entries());
            }
            return new GradCheckReport(f.valueAt(x), entries, this);
        }

        /**
         * Checks second derivatives of a function of tensors: for each input k, the Jacobian of the gradient with
         * respect to input k (by reverse mode through a recorded gradient) against finite differences of that
         * gradient. An output of more than one element is first projected on a seeded random direction w, so that
         * the Hessian of w . f(x) is checked.
         *
         * @param f      the function
         * @param seed   the seed of w, so that a failure reproduces (unused for one output element)
         * @param inputs the point
         * @return one entry per gradient element and input element
         */
        public GradCheckReport checkSecondOrder(TensorFunction f, long seed, Tensor... inputs) {
            Tensor out = f.apply(inputs.clone());
            Tensor w = out.size() == 1 ? Tensor.ones(out.shape()) : Tensor.randomNormal(seed, out.shape());
            TensorFunction projected = args -> f.apply(args).mul(w).sum();
            List<GradCheckReport.Entry> entries = new ArrayList<>();
            for (int k = 0; k < inputs.length; k++) {
                int wrt = k;
                GradCheckReport r = check(Autodiff.gradientFunction(projected, k), inputs);
                for (GradCheckReport.Entry e : r.entries()) {
                    entries.add(e.renamed("d (grad of input " + wrt + ") : " + e.name()));
                }
            }
            return new GradCheckReport(Double.NaN, entries, this);
        }

        private GradCheckReport check(ScalarFunction f, double[] x, java.util.function.IntFunction<String> names) {
            double value;
            double[] analytic;
            try (Tape tape = Tape.openHigherOrder()) {      // so that f may take gradients itself
                Scalar[] xs = tape.variables(x);
                Scalar y = java.util.Objects.requireNonNull(f.apply(xs.clone()), "check: the function returned null");
                value = y.value();
                analytic = tape.gradient(y, xs);
            }
            double[] work = x.clone();
            FiniteDifferences.Estimate[] numeric = new FiniteDifferences.Estimate[x.length];
            double scale = 0.0; // the largest finite derivative, by either method
            for (int i = 0; i < x.length; i++) {
                numeric[i] = FiniteDifferences.partial(f::valueAt, work, i, richardson);
                for (double d : new double[] {analytic[i], numeric[i].derivative()}) {
                    if (Double.isFinite(d)) {
                        scale = Math.max(scale, Math.abs(d));
                    }
                }
            }
            List<GradCheckReport.Entry> entries = new ArrayList<>(x.length);
            for (int i = 0; i < x.length; i++) {
                entries.add(compare(i, names.apply(i), x[i], analytic[i], numeric[i], scale));
            }
            return new GradCheckReport(value, entries, this);
        }

        private GradCheckReport.Entry compare(int index, String name, double x, double analytic,
                                              FiniteDifferences.Estimate est, double gradientScale) {
            double numeric = est.derivative();
            double noise = ROUNDOFF_ALLOWANCE * est.roundoff() + TRUNCATION_ALLOWANCE * est.truncation();
            if (analytic == numeric || (Double.isNaN(analytic) && Double.isNaN(numeric))) {
                return new GradCheckReport.Entry(index, name, x, analytic, numeric, 0.0, 0.0, atol, noise, Verdict.PASS);
            }
            if (Double.isNaN(numeric) || (Double.isInfinite(numeric) && Double.isFinite(analytic))) {
                // f left its domain or overflowed within a step: no evidence either way
                return new GradCheckReport.Entry(index, name, x, analytic, numeric, Double.NaN, Double.NaN, Double.NaN,
                        noise, Verdict.INCONCLUSIVE);
            }
            if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
                return new GradCheckReport.Entry(index, name, x, analytic, numeric, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Double.NaN, noise, Verdict.FAIL);
            }
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double absError = Math.abs(analytic - numeric);
            double allowed = atol + rtol * scale + noise;
            // a kink within the step explains a disagreement up to about half its estimate (for a smooth f the
            // estimate stays below about 80 rounding errors, so a real error above the noise floor still fails)
            boolean kinked = est.kink() >= 0.5 * absError;
            Verdict verdict;
            if (!(absError <= allowed)) {
                verdict = kinked ? Verdict.INCONCLUSIVE : Verdict.FAIL;
            } else if (!(noise <= RESOLUTION * gradientScale + atol)) {
                verdict = Verdict.INCONCLUSIVE;
            } else {
                verdict = Verdict.PASS;
            }
            return new GradCheckReport.Entry(index, name, x, analytic, numeric, absError, absError / scale, allowed, noise,
                    verdict);
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

    /**
     * Checks a function of tensors with the default options: its gradient if it has one output element, else its
     * full Jacobian. See {@link Options#check(TensorFunction, Tensor...)}.
     *
     * @param f      the function
     * @param inputs the point
     * @return one entry per output element and input element
     */
    public static GradCheckReport check(TensorFunction f, Tensor... inputs) {
        return DEFAULTS.check(f, inputs);
    }

    /**
     * Checks the Hessian of {@code f} at {@code x} with the default options; see
     * {@link Options#checkSecondOrder(ScalarFunction, double...)}.
     *
     * @param f the function
     * @param x the point; not modified
     * @return one entry per Hessian element
     */
    public static GradCheckReport checkSecondOrder(ScalarFunction f, double... x) {
        return DEFAULTS.checkSecondOrder(f, x);
    }

    /**
     * Checks second derivatives of a function of tensors with the default options; see
     * {@link Options#checkSecondOrder(TensorFunction, long, Tensor...)}.
     *
     * @param f      the function
     * @param seed   the seed of the output's projection
     * @param inputs the point
     * @return one entry per gradient element and input element
     */
    public static GradCheckReport checkSecondOrder(TensorFunction f, long seed, Tensor... inputs) {
        return DEFAULTS.checkSecondOrder(f, seed, inputs);
    }
}
