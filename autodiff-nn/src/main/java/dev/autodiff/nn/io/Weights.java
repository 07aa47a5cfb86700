package dev.autodiff.nn.io;

import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's weights in a safetensors file, named by their paths in the model ("0.weight", "3.bias"), as PyTorch's
 * {@code state_dict} names them for the same structure, so that weights move to and from the Python ecosystem.
 * Saving is atomic; loading checks the whole file against the model (every name present, no extra ones, every shape
 * equal) and that no parameter is bound to a tape before it changes any weight, so a truncated, corrupted or
 * mismatched file, or a model in the middle of a recording, is left as it was.
 */
public final class Weights {
    private Weights() {
    }

    /**
     * Writes every parameter of {@code model}, F64, with optional metadata.
     *
     * @throws IOException if the file cannot be written (the target is then unchanged)
     */
    public static void save(Module model, Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> tensors.put(name, p.value()));
        SafeTensors.write(file, tensors, metadata);
    }

    /** {@link #save(Module, Path, Map)} without metadata. */
    public static void save(Module model, Path file) throws IOException {
        save(model, file, Map.of());
    }

    /**
     * Reads a file written by {@link #save} (or by PyTorch for the same structure, F64, F32, F16 or BF16) into the
     * model's parameters, all or nothing.
     *
     * @return the file's metadata
     * @throws IllegalStateException      if a parameter is bound to a tape, naming it (load after closing the binding)
     * @throws SafeTensorsFormatException if the file is malformed, or its names or shapes do not match the model's
     *                                    (the message lists what is missing, extra or mis-shaped)
     * @throws IOException                if the file cannot be read
     */
    public static Map<String, String> load(Module model, Path file) throws IOException {
        Map<String, Parameter> params = model.namedParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getValue().isBound()) {
                throw new IllegalStateException("load: parameter '" + e.getKey() + "' is bound to a tape; close the"
                        + " binding first; no weight was changed");
            }
        }
        SafeTensors.Loaded loaded = SafeTensors.read(file);
        TreeSet<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(loaded.tensors().keySet());
        TreeSet<String> extra = new TreeSet<>(loaded.tensors().keySet());
        extra.removeAll(params.keySet());
        StringBuilder problems = new StringBuilder();
        if (!missing.isEmpty()) {
            problems.append("missing ").append(missing);
        }
        if (!extra.isEmpty()) {
            problems.append(problems.length() == 0 ? "" : "; ").append("not in the model ").append(extra);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = loaded.tensors().get(e.getKey());
            if (t != null && !Arrays.equals(t.shape(), e.getValue().shape())) {
                problems.append(problems.length() == 0 ? "" : "; ").append(e.getKey()).append(" has shape ")
                        .append(Arrays.toString(t.shape())).append(" in the file, ")
                        .append(Arrays.toString(e.getValue().shape())).append(" in the model");
            }
        }
        if (problems.length() > 0) {
            throw new SafeTensorsFormatException(file.toString(), "does not match the model: " + problems);
        }
        params.forEach((name, p) -> p.assign(loaded.tensors().get(name)));     // every check passed: cannot fail
        return loaded.metadata();
    }
}
