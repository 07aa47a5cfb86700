package dev.autodiff.nn;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorFunction;
import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.check.GradCheckReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a module's gradients, with respect to its input and to every parameter, against finite differences: the
 * module's output is projected on a seeded random direction v and the gradient of v . module(x) is compared entry by
 * entry ({@link GradCheck.Options#checkDirection}). Every {@link Dropout} inside is reseeded before each evaluation, so
 * that all evaluations see the same masks. The module's parameters are left as they were.
 *
 * <pre>{@code
 * ModuleGradCheck.check(new Conv2d(2, 3, 3, 1, 1, rng), 7L, Tensor.randomNormal(1L, 2, 2, 5, 5)).assertPassed();
 * }</pre>
 */
public final class ModuleGradCheck {
    private ModuleGradCheck() {
    }

    /**
     * @param module the module
     * @param seed   the seed of the direction v and of the dropout masks
     * @param input  the input
     * @return one entry per input element and parameter element ("input 0 [...]" is the input, "input k" for k &gt;= 1
     *         the k-th parameter of {@link Module#parameters()})
     */
    public static GradCheckReport check(Module module, long seed, Tensor input) {
        return check(GradCheck.options(), module, seed, input);
    }

    /** {@link #check(Module, long, Tensor)} with other tolerances. */
    public static GradCheckReport check(GradCheck.Options options, Module module, long seed, Tensor input) {
        Map<String, Parameter> named = module.namedParameters();
        List<Parameter> parameters = List.copyOf(named.values());
        List<Dropout> dropouts = new ArrayList<>();
        collectDropouts(module, dropouts);
        Tensor[] inputs = new Tensor[parameters.size() + 1];
        inputs[0] = input;
        int at = 0;
        for (Map.Entry<String, Parameter> p : named.entrySet()) {
            if (p.getValue().isBound()) {
                throw new IllegalStateException("check: parameter '" + p.getKey() + "' is bound to a tape; close the"
                        + " binding first");
            }
            inputs[++at] = p.getValue().value();
        }
        TensorFunction f = in -> {
            dropouts.forEach(d -> d.reseed(seed));
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    parameters.get(i).bindTo(in[i + 1]);
                }
                return module.forward(in[0]);
            } finally {
                parameters.forEach(p -> p.bindTo(null));
            }
        };
        return options.checkDirection(f, seed, inputs);
    }

    private static void collectDropouts(Module m, List<Dropout> into) {
        if (m instanceof Dropout d) {
            into.add(d);
        }
        m.children().values().forEach(c -> collectDropouts(c, into));
    }
}
