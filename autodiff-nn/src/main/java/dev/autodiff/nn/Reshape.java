package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.Arrays;

/**
 * Reshapes each example, keeping the batch dimension: [N, ...] to [N, shape...] (one dimension of shape may be -1,
 * inferred). The inverse of {@link Flatten}: {@code new Reshape(1, 8, 8)} turns rows of 64 pixels into one-channel
 * 8 x 8 images for {@link Conv2d}.
 */
public final class Reshape extends Module {
    private final int[] shape;

    /** @param shape each example's new shape */
    public Reshape(int... shape) {
        this.shape = shape.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Reshape: a rank-0 input has no batch dimension");
        }
        int[] target = new int[shape.length + 1];
        target[0] = x.shape()[0];
        System.arraycopy(shape, 0, target, 1, shape.length);
        return x.reshape(target);
    }

    @Override
    protected String describe() {
        return Arrays.toString(shape);
    }
}
