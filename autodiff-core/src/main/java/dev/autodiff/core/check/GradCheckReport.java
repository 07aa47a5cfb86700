package dev.autodiff.core.check;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link GradCheck}: for every input, the derivative by reverse mode (analytic) and by finite
 * differences (numeric), their difference, the difference allowed, and the verdict.
 *
 * @param value   f at the point checked (NaN for a Jacobian check of several outputs)
 * @param entries one entry per input, in input order
 * @param options the tolerances used
 */
public record GradCheckReport(double value, List<Entry> entries, GradCheck.Options options) {

    /**
     * One input's comparison.
     *
     * @param index    the input's index among all inputs, flattened
     * @param name     what the entry compares, e.g. {@code "input[3]"} or {@code "d out[1] / d input 0 [2, 1]"}
     * @param x        the input's value
     * @param analytic df/dx by reverse mode
     * @param numeric  df/dx by central differences
     * @param absError |analytic - numeric| (0 when both are equal or both NaN; infinite when they differ in kind;
     *                 NaN when the numeric value is NaN, or infinite against a finite analytic value)
     * @param relError absError / max(|analytic|, |numeric|)
     * @param allowed  the largest absError that passes: atol + rtol max(|analytic|, |numeric|) + noise
     * @param noise    the finite difference's own error bound, from its rounding and truncation estimates
     * @param verdict  pass, fail, or inconclusive (see {@link GradCheck})
     */
    public record Entry(int index, String name, double x, double analytic, double numeric, double absError, double relError,
                        double allowed, double noise, GradCheck.Verdict verdict) {

        /** @return whether the verdict is {@code PASS} */
        public boolean passed() {
            return verdict == GradCheck.Verdict.PASS;
        }

        /** This entry under another name. */
        Entry renamed(String newName) {
            return new Entry(index, newName, x, analytic, numeric, absError, relError, allowed, noise, verdict);
        }

        @Override
        public String toString() {
            String tail = switch (verdict) {
                case PASS -> "";
                case FAIL -> "  FAILED";
                case INCONCLUSIVE -> !Double.isFinite(numeric)
                        ? "  INCONCLUSIVE (a finite-difference step left the function's domain or overflowed)"
                        : absError > allowed
                        ? "  INCONCLUSIVE (the function is not smooth within a finite-difference step: a kink?)"
                        : String.format(Locale.ROOT, "  INCONCLUSIVE (finite-difference noise %.3e is too large"
                        + " next to the derivatives)", noise);
            };
            return String.format(Locale.ROOT,
                    "%s (x = %s): analytic %s, numeric %s, abs error %.3e, rel error %.3e, allowed %.3e%s",
                    name, x, analytic, numeric, absError, relError, allowed, tail);
        }
    }

    /** Copies {@code entries}. */
    public GradCheckReport {
        entries = List.copyOf(entries);
    }

    /** @return whether every input passed (none failed, none inconclusive) */
    public boolean passed() {
        return entries.stream().allMatch(Entry::passed);
    }

    /** @return the inputs whose derivatives disagree, in input order */
    public List<Entry> failures() {
        return withVerdict(GradCheck.Verdict.FAIL);
    }

    /** @return the inputs that finite differences could neither confirm nor refute, in input order */
    public List<Entry> inconclusive() {
        return withVerdict(GradCheck.Verdict.INCONCLUSIVE);
    }

    private List<Entry> withVerdict(GradCheck.Verdict verdict) {
        return entries.stream().filter(e -> e.verdict() == verdict).toList();
    }

    /**
     * @return the first failure if there is one, else the first inconclusive entry, else the entry whose error used
     *         the largest share of its allowance; null for a function of no inputs
     */
    public Entry worst() {
        if (!failures().isEmpty()) {
            return failures().get(0);
        }
        if (!inconclusive().isEmpty()) {
            return inconclusive().get(0);
        }
        Entry worst = null;
        for (Entry e : entries) {
            if (worst == null || e.absError() / e.allowed() > worst.absError() / worst.allowed()) {
                worst = e;
            }
        }
        return worst;
    }

    /**
     * Throws unless every input passed.
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
        List<Entry> failures = failures(), inconclusive = inconclusive();
        String verdict = !failures.isEmpty() ? "FAILED" : !inconclusive.isEmpty() ? "INCONCLUSIVE" : "passed";
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "gradient check %s: %d of %d inputs failed%s (%srtol %.1e,"
                        + " atol %.1e, %s)", verdict, failures.size(), entries.size(),
                inconclusive.isEmpty() ? "" : ", " + inconclusive.size() + " inconclusive",
                Double.isNaN(value) ? "" : "f = " + value + "; ", options.rtol(),
                options.atol(),
                options.richardson() ? "Richardson-extrapolated central differences" : "central differences"));
        List<Entry> shown = failures.isEmpty() && inconclusive.isEmpty() ? entries
                : entries.stream().filter(e -> !e.passed()).toList();
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
