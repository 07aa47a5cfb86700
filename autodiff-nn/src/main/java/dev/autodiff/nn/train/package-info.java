/**
 * Training: a {@link dev.autodiff.nn.train.Trainer} loop over seeded mini-batches with progress, evaluation
 * ({@link dev.autodiff.nn.train.Evaluation}, {@link dev.autodiff.nn.train.ConfusionMatrix}), early stopping and a
 * per-epoch {@link dev.autodiff.nn.train.History}. Same seed, same result, bit for bit.
 */
package dev.autodiff.nn.train;
