/**
 * Gradient checking: {@link dev.autodiff.core.check.GradCheck} compares reverse mode with central finite differences
 * ({@link dev.autodiff.core.check.FiniteDifferences}) input by input and reports each comparison in a
 * {@link dev.autodiff.core.check.GradCheckReport}. Start from {@code GradCheck.check(f, x).assertPassed()}.
 */
package dev.autodiff.core.check;
