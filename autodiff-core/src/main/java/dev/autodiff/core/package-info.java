/**
 * The reverse-mode engine.
 *
 * <p>Start from {@link dev.autodiff.core.Tape}: open one, make {@link dev.autodiff.core.Scalar} variables, compute
 * with them, and call {@link dev.autodiff.core.Tape#gradient(Scalar)} for every partial derivative from one reverse
 * sweep, read from {@link dev.autodiff.core.Gradients}. For one-shot use, {@link dev.autodiff.core.Autodiff} offers
 * {@code grad}, {@code valueAndGrad} and {@code jacobian} over a {@link dev.autodiff.core.ScalarFunction} or
 * {@link dev.autodiff.core.VectorFunction}. Misuse of a tape throws {@link dev.autodiff.core.TapeMisuseException}.
 */
package dev.autodiff.core;
