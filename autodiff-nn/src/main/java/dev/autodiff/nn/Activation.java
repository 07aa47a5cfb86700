package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.function.UnaryOperator;

/**
 * The elementwise activations as modules, each the tensor operation of the same name (whose javadoc gives f, f'
 * and the choice at kinks): {@link #relu()}, {@link #leakyRelu(double)}, {@link #tanh()}, {@link #sigmoid()},
 * {@link #gelu()}, and {@link #softmax(int)} along an axis.
 */
public final class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    @Override
    public Tensor forward(Tensor input) {
        return f.apply(input);
    }

    /** @return max(x, 0) */
    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    /** @return x for x &gt; 0, slope x below */
    public static Activation leakyRelu(double slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> x.leakyRelu(slope));
    }

    /** @return tanh(x) */
    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    /** @return 1/(1 + e^-x) */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }

    /** @return x Phi(x), exact */
    public static Activation gelu() {
        return new Activation("GELU", Tensor::gelu);
    }

    /** @return the softmax along {@code axis} */
    public static Activation softmax(int axis) {
        return new Activation("Softmax(axis=" + axis + ")", x -> x.softmax(axis));
    }

    @Override
    protected String describe() {
        return name;
    }
}
