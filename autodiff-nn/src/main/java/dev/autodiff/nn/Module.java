package dev.autodiff.nn;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a model: a function of a tensor with trainable {@link Parameter}s and sub-modules, as PyTorch's
 * {@code nn.Module}. Subclasses register what they own in their constructor ({@link #register(String, Parameter)},
 * {@link #register(String, Module)}) and implement {@link #forward(Tensor)} with tensor operations on
 * {@link Parameter#tensor()}; the gradient of everything follows from the tape.
 *
 * <pre>{@code
 * ParameterGradients g;
 * try (Tape tape = Tape.open(); Binding b = model.bind(tape)) {
 *     Tensor loss = Losses.crossEntropy(model.forward(x), labels);
 *     g = b.gradients(loss);
 * }
 * optimizer.step(g);                     // after the binding: a bound parameter refuses a new value
 * }</pre>
 *
 * <p><b>Modes and threads.</b> A module is in training mode (dropout drops) or evaluation mode. {@link #train()} and
 * {@link #eval()} set its default mode, seen by every thread; {@link #inMode} sets a mode for the length of a call on
 * the calling thread only and leaves the default alone. Forward passes of this package's layers over one model on
 * several threads at once are safe in evaluation mode ({@link dev.autodiff.nn.train.Evaluation#of} and
 * {@link dev.autodiff.nn.train.ConfusionMatrix#of} may run concurrently), as long as nothing changes the model
 * meanwhile. Not safe while another thread runs a forward pass: binding the model to a tape (its parameters become
 * that tape's variables), {@link Parameter#assign} (an optimizer step, loading weights), {@link #train()},
 * {@link #eval()}, {@link Dropout#reseed}; nor forward passes in training mode through one {@link Dropout} on two
 * threads (they share its generator). Training is single-threaded.
 */
public abstract class Module {
    /** Per thread: the modes {@link #inMode} scopes on that thread give, by module; null when there are none. */
    private static final ThreadLocal<Map<Module, Boolean>> SCOPED = new ThreadLocal<>();

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * The module's computation.
     *
     * @param input the input, typically a batch along dimension 0
     * @return the output
     */
    public abstract Tensor forward(Tensor input);

    /**
     * Registers a parameter under a name unique in this module.
     *
     * @return the parameter, for assignment to a field
     */
    protected final Parameter register(String name, Parameter parameter) {
        checkFree(name);
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a sub-module under a name unique in this module.
     *
     * @return the module, for assignment to a field
     */
    protected final <M extends Module> M register(String name, M module) {
        checkFree(name);
        children.put(name, module);
        return module;
    }

    private void checkFree(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name + "' is empty or"
                    + " contains a dot, which separates the levels of a parameter's path");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is registered twice");
        }
    }

    /**
     * @return every parameter of this module and its sub-modules, by dotted path ("0.weight", "encoder.1.bias"), in
     *         registration order; a parameter shared by several modules (tied weights) appears once, under its first
     *         path
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect("", all, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return Collections.unmodifiableMap(all);
    }

    private void collect(String prefix, Map<String, Parameter> into, java.util.Set<Parameter> seen) {
        parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                into.put(prefix + name, p);
            }
        });
        children.forEach((name, m) -> m.collect(prefix + name + ".", into, seen));
    }

    /** @return every parameter, in the order of {@link #namedParameters()} */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** @return the number of trainable scalars */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /** @return the sub-modules, by name, in registration order */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Runs {@code body} with this module and all its sub-modules in one mode, on the calling thread only: other
     * threads, and this one once body returns or throws, see the modes they saw before. The default modes
     * ({@link #train()}, {@link #eval()}) are not touched, so several threads may each run a model in their own mode
     * at once; inside body they still set the default, which shows after the scope. Scopes nest: an inner one on a
     * sub-module overrides the outer one for that sub-module until it ends.
     *
     * @param training the mode for the duration: true for training, false for evaluation
     * @param body     what to run; its forward passes on the calling thread see the mode
     * @return what body returns
     */
    public final <T> T inMode(boolean training, java.util.function.Supplier<T> body) {
        List<Module> all = modules();
        Map<Module, Boolean> scoped = SCOPED.get();
        if (scoped == null) {
            scoped = new IdentityHashMap<>();
            SCOPED.set(scoped);
        }
        Boolean[] outer = new Boolean[all.size()];
        for (int i = 0; i < outer.length; i++) {
            outer[i] = scoped.put(all.get(i), training);
        }
        try {
            return body.get();
        } finally {
            for (int i = outer.length - 1; i >= 0; i--) {    // backwards, for a module listed twice (shared)
                if (outer[i] == null) {
                    scoped.remove(all.get(i));
                } else {
                    scoped.put(all.get(i), outer[i]);
                }
            }
            if (scoped.isEmpty()) {
                SCOPED.remove();
            }
        }
    }

    private void all(java.util.List<Module> into) {
        into.add(this);
        children.values().forEach(m -> m.all(into));
    }

    /** @return this module and every sub-module, depth first, in registration order */
    public final java.util.List<Module> modules() {
        java.util.List<Module> all = new ArrayList<>();
        all(all);
        return all;
    }

    /**
     * Makes training mode (dropout drops; the initial mode) the default of this module and every sub-module. Not to
     * be called while another thread runs a forward pass.
     */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /**
     * Makes evaluation mode (dropout passes everything through) the default of this module and every sub-module. Not
     * to be called while another thread runs a forward pass.
     */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        children.values().forEach(m -> m.setTraining(on));
    }

    /**
     * @return whether the module is in training mode on the calling thread: the mode of the innermost {@link #inMode}
     *         scope on this thread that covers it, else its default
     */
    public final boolean isTraining() {
        Map<Module, Boolean> scoped = SCOPED.get();
        Boolean mode = scoped == null ? null : scoped.get(this);
        return mode != null ? mode : training;
    }

    /**
     * Binds every parameter to a tape: until the returned binding is closed, {@link Parameter#tensor()} is a fresh
     * variable of {@code tape} holding the parameter's value, so that a forward pass is recorded and
     * {@link Binding#gradients(Tensor)} gives the loss's gradient with respect to every parameter.
     *
     * @param tape the tape to record on
     * @return the binding; close it (try-with-resources) to unbind
     * @throws IllegalStateException if a parameter is already bound
     */
    public final Binding bind(Tape tape) {
        return new Binding(tape, namedParameters());
    }

    /** The layer's own settings for {@link #toString()}, e.g. "in=64, out=10"; empty by default. */
    protected String describe() {
        return "";
    }

    /** @return the structure, one module per line, indented by depth, with parameter counts */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        write(s, "", "");
        return s.toString();
    }

    private void write(StringBuilder s, String indent, String name) {
        s.append(indent).append(name.isEmpty() ? "" : "(" + name + ") ").append(getClass().getSimpleName())
                .append('(').append(describe()).append(')');
        if (children.isEmpty()) {
            long own = 0;
            for (Parameter p : parameters.values()) {
                own += p.size();
            }
            if (own > 0) {
                s.append("  ").append(own).append(" parameters");
            }
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            s.append('\n');
            c.getValue().write(s, indent + "  ", c.getKey());
        }
        if (indent.isEmpty() && !children.isEmpty()) {
            s.append('\n').append(parameterCount()).append(" parameters");
        }
    }
}
