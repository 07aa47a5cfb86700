/**
 * In-memory data sets for training: {@link dev.autodiff.nn.data.Dataset} (features and class labels or regression
 * targets, subsets, seeded shuffled mini-batches), {@link dev.autodiff.nn.data.Csv} (a strict reader of numeric
 * CSV, gzip included), {@link dev.autodiff.nn.data.Split} (seeded, optionally stratified train/test splits),
 * {@link dev.autodiff.nn.data.Standardizer} (per-column mean and standard deviation), and
 * {@link dev.autodiff.nn.data.Datasets}, the digits and iris data sets shipped with the module.
 */
package dev.autodiff.nn.data;
