package dev.autodiff.examples;

import dev.autodiff.nn.Activation;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Sequential;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.data.Datasets;
import dev.autodiff.nn.data.Split;
import dev.autodiff.nn.data.Standardizer;
import dev.autodiff.nn.io.Weights;
import dev.autodiff.nn.optim.Adam;
import dev.autodiff.nn.train.Evaluation;
import dev.autodiff.nn.train.History;
import dev.autodiff.nn.train.LossFunction;
import dev.autodiff.nn.train.Progress;
import dev.autodiff.nn.train.Trainer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's autodiff-nn example, compiled and run here and checked to appear in the README unchanged. */
class ReadmeNnExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "dev", "autodiff", "examples",
            "ReadmeNnExampleTest.java");

    @Test
    void theExampleAppearsVerbatimInTheReadme() throws Exception {
        List<String> lines = Files.readAllLines(SELF);
        int start = lines.indexOf("        // README: nn") + 1, end = lines.indexOf("        // README: end");
        String block = lines.subList(start, end).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        assertTrue(start > 0 && end > start);
        assertTrue(Files.readString(README).contains(block), "README.md lacks:\n" + block);
    }

    @Test
    void digits() throws Exception {
        // README: nn
        Split split = Split.trainTest(Datasets.digits(), 0.2, 42, true);           // stratified
        Standardizer scale = Standardizer.fit(split.train());
        Dataset train = scale.transform(split.train()), test = scale.transform(split.test());
        SplittableRandom rng = new SplittableRandom(42);
        Module model = new Sequential(new Linear(64, 64, rng), Activation.relu(), new Linear(64, 10, rng));
        History history = new Trainer(model, new Adam(model.parameters(), 1e-3))
                .epochs(40).batchSize(32).seed(42).progress(Progress.console())
                .fit(train, test);
        Evaluation result = Evaluation.of(model, test, LossFunction.crossEntropy(), 256);   // 97.77% held out
        Path file = Files.createTempFile("digits", ".safetensors");
        Weights.save(model, file);                                                          // for PyTorch too
        // README: end
        assertEquals(351, Math.round(result.accuracy() * test.size()));
        assertEquals(40, history.epochs().size());
        Module copy = new Sequential(new Linear(64, 64, new SplittableRandom(1)), Activation.relu(),
                new Linear(64, 10, new SplittableRandom(2)));
        Weights.load(copy, file);
        assertEquals(result.accuracy(), Evaluation.of(copy, test, LossFunction.crossEntropy(), 256).accuracy());
        Files.delete(file);
    }
}
