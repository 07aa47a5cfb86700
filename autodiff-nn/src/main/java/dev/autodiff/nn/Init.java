package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.random.RandomGenerator;

/**
 * Weight initialisers, each a distribution scaled by the layer's fan-in and fan-out so that activations keep their
 * variance through depth. Seeded by the generator given: same generator state, same weights.
 */
@FunctionalInterface
public interface Init {
    /**
     * @param rng    the source of randomness
     * @param fanIn  inputs per output unit (in_features; in_channels x kernel area for a convolution)
     * @param fanOut outputs per input unit
     * @param shape  the tensor's shape
     * @return a new tensor
     */
    Tensor sample(RandomGenerator rng, int fanIn, int fanOut, int... shape);

    /** Glorot and Bengio: uniform on +-sqrt(6 / (fanIn + fanOut)), for tanh and sigmoid layers. */
    static Init xavierUniform() {
        return (rng, in, out, shape) -> uniform(rng, Math.sqrt(6.0 / (in + out)), shape);
    }

    /** Glorot and Bengio: normal with standard deviation sqrt(2 / (fanIn + fanOut)). */
    static Init xavierNormal() {
        return (rng, in, out, shape) -> Tensor.randomNormal(rng, shape).mul(Math.sqrt(2.0 / (in + out)));
    }

    /** He (Kaiming): normal with standard deviation sqrt(2 / fanIn), for relu layers. */
    static Init heNormal() {
        return (rng, in, out, shape) -> Tensor.randomNormal(rng, shape).mul(Math.sqrt(2.0 / in));
    }

    /** He (Kaiming): uniform on +-sqrt(6 / fanIn), for relu layers. */
    static Init heUniform() {
        return (rng, in, out, shape) -> uniform(rng, Math.sqrt(6.0 / in), shape);
    }

    /** Uniform on +-1/sqrt(fanIn): the default of {@link Linear} and {@link Conv2d} (as PyTorch's), weights and biases. */
    static Init fanInUniform() {
        return (rng, in, out, shape) -> uniform(rng, 1.0 / Math.sqrt(in), shape);
    }

    /** Zeros, whatever the fans (for biases). */
    static Init zeros() {
        return (rng, in, out, shape) -> Tensor.zeros(shape);
    }

    private static Tensor uniform(RandomGenerator rng, double bound, int... shape) {
        return Tensor.randomUniform(rng, -bound, bound, shape);
    }
}
