package dev.autodiff.core;

/**
 * A vector-valued function of several real variables, written with {@link Scalar} operations: {@code F: R^n -> R^m}.
 */
@FunctionalInterface
public interface VectorFunction {
    /**
     * @param x the arguments; the array is the caller's and must not be kept or modified
     * @return F(x), m components
     */
    Scalar[] apply(Scalar[] x);
}
