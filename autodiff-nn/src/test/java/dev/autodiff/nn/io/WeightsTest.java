package dev.autodiff.nn.io;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.BindOne;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsTest {
    private static Module model(long seed, int hidden) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(4, hidden, rng), Activation.tanh(), new Linear(hidden, 3, rng));
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) throws Exception {
        Module a = model(1, 5), b = model(2, 5);
        Path file = dir.resolve("model.safetensors");
        Weights.save(a, file, Map.of("epochs", "3"));
        assertEquals(Map.of("epochs", "3"), Weights.load(b, file));
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().toArray(), b.parameters().get(i).value().toArray(), 0.0);
        }
        Tensor x = Tensor.randomNormal(3L, 2, 4);
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0.0);
    }

    @Test
    void aMismatchedOrDamagedFileLeavesTheModelUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.safetensors");
        Weights.save(model(1, 5), file);
        Module other = model(2, 6);
        double[] before = other.parameters().get(0).value().toArray();
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> Weights.load(other, file));
        assertTrue(e.getMessage().contains("0.weight has shape [5, 4] in the file, [6, 4] in the model"),
                e.getMessage());
        assertArrayEquals(before, other.parameters().get(0).value().toArray(), 0.0);

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 8));
        Module same = model(3, 5);
        double[] kept = same.parameters().get(2).value().toArray();
        assertThrows(SafeTensorsFormatException.class, () -> Weights.load(same, truncated));
        assertArrayEquals(kept, same.parameters().get(2).value().toArray(), 0.0);

        Module deeper = new Sequential(new Linear(4, 5, new SplittableRandom(1)));
        e = assertThrows(SafeTensorsFormatException.class, () -> Weights.load(deeper, file));
        assertTrue(e.getMessage().contains("not in the model [2.bias, 2.weight]"), e.getMessage());
    }

    @Test
    void aBoundParameterAtAnyPositionIsRefusedBeforeAnyWeightIsLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        Module saved = model(1, 5), m = model(2, 5);
        Weights.save(saved, file);
        List<String> names = List.copyOf(m.namedParameters().keySet());
        double[][] before = values(m);
        for (int k = 0; k < names.size(); k++) {
            try (Tape tape = Tape.open(); Binding b = BindOne.bind(tape, m.parameters().get(k))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weights.load(m, file));
                assertEquals("load: parameter '" + names.get(k) + "' is bound to a tape; close the binding first;"
                        + " no weight was changed", e.getMessage());
            }
            assertArrayEquals(before, values(m), names.get(k) + " bound");      // double arrays compare bit for bit
        }
        Weights.load(m, file);                                                    // unbound, it loads
        assertArrayEquals(values(saved), values(m));
    }

    private static double[][] values(Module m) {
        return m.parameters().stream().map(p -> p.value().toArray()).toArray(double[][]::new);
    }
}
