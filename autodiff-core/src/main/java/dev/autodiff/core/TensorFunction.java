package dev.autodiff.core;

/**
 * A function of tensors written with {@link Tensor} operations. Evaluated on constants it computes; on variables of
 * a {@link Tape} it records; {@link dev.autodiff.core.check.GradCheck} checks it.
 */
@FunctionalInterface
public interface TensorFunction {
    /**
     * @param inputs the arguments; the array is the caller's and must not be kept or modified
     * @return the output
     */
    Tensor apply(Tensor... inputs);
}
