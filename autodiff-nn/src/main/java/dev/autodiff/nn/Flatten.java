package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

/** Flattens every dimension but the first (the batch): [N, d1, d2, ...] to [N, d1 d2 ...]. */
public final class Flatten extends Module {
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Flatten: a rank-0 input has no batch dimension");
        }
        return x.reshape(x.shape()[0], -1);
    }
}
