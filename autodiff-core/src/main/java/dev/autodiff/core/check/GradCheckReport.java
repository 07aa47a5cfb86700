package dev.autodiff.core.check;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link GradCheck}: for every input, the derivative by reverse mode (analytic) and by finite
 * differences (numeric), their difference and the difference allowed.
 *
 * @param value   f at the point checked
 * @param entries one entry per input, in input order
 * @param options the tolerances used
 */
public record GradCheckReport(double value, List<Entry> entries, GradCheck.Options options) {

    /**
     * One input's comparison.
     *
     * @param index    the input's index
     * @param x        the input's value
     * @param analytic df/dx by reverse mode
     * @param numeric  df/dx by central differences
     * @param absError |analytic - numeric| (0 when both are the same infinity or both NaN)
     * @param relError absError / max(|analytic|, |numeric|), or 0 when both are 0
     * @param allowed  the largest absError that passes: atol + rtol max(|analytic|, |numeric|) plus the
     *                 finite difference's own rounding-error bound
     * @param passed   whether absError &lt;= allowed
     */
    public record Entry(int index, double x, double analytic, double numeric, double absError, double relError,
                        double allowed, boolean passed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "input[%d] (x = %s): analytic %s, numeric %s, abs error %.3e, rel error %.3e, allowed %.3e%s",
                    index, x, analytic, numeric, absError, relError, allowed, passed ? "" : "  FAILED");
        }
    }

    /** Copies {@code entries}. */
    public GradCheckReport {
        entries = List.copyOf(entries);
    }

    /** @return whether every input passed */
    public boolean passed() {
        return entries.stream().allMatch(Entry::passed);
    }

    /** @return the inputs that failed, in input order */
    public List<Entry> failures() {
        return entries.stream().filter(e -> !e.passed()).toList();
    }

    /**
     * @return the entry whose error used the largest share of its allowance (a failure if there is one), or null
     *         for a function of no inputs
     */
    public Entry worst() {
        Entry worst = null;
        double worstShare = -1;
        for (Entry e : entries) {
            double share = e.passed() ? e.absError() / e.allowed() : Double.POSITIVE_INFINITY;
            if (worst == null || share > worstShare) {
                worst = e;
                worstShare = share;
            }
        }
        return worst;
    }

    /**
     * Throws if any input failed.
     *
     * @return this report, when every input passed
     * @throws AssertionError whose message is this report
     */
    public GradCheckReport assertPassed() {
        if (!passed()) {
            throw new AssertionError(toString());
        }
        return this;
    }

    @Override
    public String toString() {
        List<Entry> failures = failures();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "gradient check %s: %d of %d inputs failed (f = %s; rtol %.1e,"
                        + " atol %.1e, %s)", failures.isEmpty() ? "passed" : "FAILED", failures.size(),
                entries.size(), value, options.rtol(), options.atol(),
                options.richardson() ? "Richardson-extrapolated central differences" : "central differences"));
        List<Entry> shown = failures.isEmpty() ? entries : failures;
        int limit = 20;
        for (int i = 0; i < Math.min(limit, shown.size()); i++) {
            s.append("\n  ").append(shown.get(i));
        }
        if (shown.size() > limit) {
            s.append("\n  ... ").append(shown.size() - limit).append(" more");
        }
        return s.toString();
    }
}
