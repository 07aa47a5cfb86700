package dev.autodiff.nn;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;

/** Binds one parameter of a model to a tape, as binding a sub-module that holds only it would. */
public final class BindOne {
    private BindOne() {
    }

    /** @return the binding of {@code p} alone; close it to unbind */
    public static Binding bind(Tape tape, Parameter p) {
        return new Module() {
            {
                register("p", p);
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }.bind(tape);
    }
}
