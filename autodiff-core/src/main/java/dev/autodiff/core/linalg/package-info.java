/**
 * Small dense linear algebra for analysing Hessians and for Newton-type solvers, in plain Java:
 * {@link dev.autodiff.core.linalg.SymmetricEigen} diagonalises a symmetric matrix by the Jacobi method (the signs of
 * a Hessian's eigenvalues classify a critical point as a minimum, maximum, saddle or degenerate point),
 * {@link dev.autodiff.core.linalg.LU} solves linear systems with partial pivoting and estimates their conditioning,
 * and for a symmetric map known only through products, a {@link dev.autodiff.core.linalg.LinearOperator} such as a
 * Hessian-vector product, {@link dev.autodiff.core.linalg.Lanczos} finds the extreme eigenvalues and
 * {@link dev.autodiff.core.linalg.Hutchinson} estimates the trace. Inputs are never modified, results are
 * immutable, and invalid input throws an exception whose message names the offending entry or size.
 */
package dev.autodiff.core.linalg;
