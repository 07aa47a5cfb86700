package dev.autodiff.nn;

import dev.autodiff.core.Tensor;

import java.util.List;

/** Modules applied one after another; named "0", "1", ... in {@link Module#namedParameters()}. */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** @param layers the modules, applied in order */
    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            register(Integer.toString(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }

    /** @return the layers, in order */
    public List<Module> layers() {
        return layers;
    }
}
