/**
 * Second derivatives put to work: classifying a critical point by the signs of its Hessian's eigenvalues
 * ({@link dev.autodiff.core.analysis.CriticalPoint}), the extreme eigenvalues and trace of large Hessians from
 * Hessian-vector products alone ({@link dev.autodiff.core.analysis.HessianSpectrum}), Newton's method for
 * grad f = 0 beside plain gradient descent ({@link dev.autodiff.core.analysis.Newton},
 * {@link dev.autodiff.core.analysis.GradientDescent}), and constrained minima by Lagrange multipliers
 * ({@link dev.autodiff.core.analysis.Lagrange}). Every derivative is exact, by reverse mode.
 */
package dev.autodiff.core.analysis;
