package dev.autodiff.examples;

import dev.autodiff.core.Tensor;
import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.check.GradCheckReport;
import dev.autodiff.nn.Activation;
import dev.autodiff.nn.Conv2d;
import dev.autodiff.nn.Flatten;
import dev.autodiff.nn.Linear;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.MaxPool2d;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.ModuleGradCheck;
import dev.autodiff.nn.Reshape;
import dev.autodiff.nn.Sequential;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.data.Datasets;
import dev.autodiff.nn.data.Split;
import dev.autodiff.nn.data.Standardizer;
import dev.autodiff.nn.optim.Adam;
import dev.autodiff.nn.train.ConfusionMatrix;
import dev.autodiff.nn.train.Evaluation;
import dev.autodiff.nn.train.History;
import dev.autodiff.nn.train.LossFunction;
import dev.autodiff.nn.train.Progress;
import dev.autodiff.nn.train.Trainer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The README's demo: a multilayer perceptron and a small convolutional network learn the handwritten digits (8 x 8
 * images, 1797 of them) on a seeded, stratified 80/20 split; then the trained MLP's gradient is checked against
 * finite differences. Run with {@code mvn -B -q -pl autodiff-nn -am test-compile exec:java}.
 */
public final class DigitsDemo {
    static final long SEED = 42;

    private DigitsDemo() {
    }

    /** What the demo measured, for its test. */
    record Outcome(double mlpAccuracy, double cnnAccuracy, History mlpHistory, GradCheckReport check) {
    }

    public static void main(String[] args) {
        run(System.out, Progress.console());
    }

    /** The MLP: 64 standardised pixels, 64 ReLU units, 10 logits. */
    static Module mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(64, 64, rng), Activation.relu(), new Linear(64, 10, rng));
    }

    /** The CNN: 1 x 8 x 8 -> conv 3x3 (8 channels) -> relu -> max pool 2 -> conv 3x3 (16) -> relu -> pool -> 10. */
    static Module cnn(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Reshape(1, 8, 8),
                new Conv2d(1, 8, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Conv2d(8, 16, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 2 * 2, 10, rng));
    }

    static Outcome run(PrintStream out, Progress progress) {
        Dataset digits = Datasets.digits();
        Split split = Split.trainTest(digits, 0.2, SEED, true);
        Standardizer scale = Standardizer.fit(split.train());
        Dataset train = scale.transform(split.train()), test = scale.transform(split.test());
        out.printf(Locale.ROOT, "Handwritten digits: %d images of 8 x 8 pixels, %d for training, %d held out"
                + " (stratified, seed %d)%n%n", digits.size(), train.size(), test.size(), SEED);

        Module mlp = mlp(SEED);
        out.println(mlp);
        History h = new Trainer(mlp, new Adam(mlp.parameters(), 1e-3)).epochs(40).batchSize(32).seed(SEED)
                .progress(progress).fit(train, test);
        Evaluation mlpResult = Evaluation.of(mlp, test, LossFunction.crossEntropy(), 256);
        out.printf(Locale.ROOT, "MLP held-out accuracy %.2f%% (%d of %d)%n", 100 * mlpResult.accuracy(),
                Math.round(mlpResult.accuracy() * test.size()), test.size());
        out.println(ConfusionMatrix.of(mlp, test, 256));
        out.println();

        Module cnn = cnn(SEED);
        out.println(cnn);
        new Trainer(cnn, new Adam(cnn.parameters(), 2e-3)).epochs(30).batchSize(32).seed(SEED)
                .progress(progress).fit(train, test);
        Evaluation cnnResult = Evaluation.of(cnn, test, LossFunction.crossEntropy(), 256);
        out.printf(Locale.ROOT, "CNN held-out accuracy %.2f%% (%d of %d)%n", 100 * cnnResult.accuracy(),
                Math.round(cnnResult.accuracy() * test.size()), test.size());
        out.println(ConfusionMatrix.of(cnn, test, 256));
        out.println();

        // the trained MLP's gradient (loss on 8 held-out images, with respect to every weight) against central
        // differences along a seeded random projection
        Dataset few = test.subset(0, 1, 2, 3, 4, 5, 6, 7);
        Module withLoss = new Module() {
            private final Module net = register("net", mlp);

            @Override
            public Tensor forward(Tensor x) {
                return Losses.crossEntropy(net.forward(x), few.labels());
            }
        };
        GradCheckReport check = ModuleGradCheck.check(GradCheck.options(), withLoss, SEED, few.features());
        out.printf(Locale.ROOT, "Gradient check of the trained MLP's loss on 8 held-out images: %d of %d entries"
                        + " (the 512 pixels and all %d weights) %s; largest difference %.1e%n",
                check.entries().size() - check.failures().size(), check.entries().size(), mlp.parameterCount(),
                check.failures().isEmpty() ? "agree with central differences" : "checked; FAILURES below",
                check.entries().stream().mapToDouble(e -> e.absError()).max().orElse(0));
        if (!check.failures().isEmpty()) {
            out.println(check);
        }
        return new Outcome(mlpResult.accuracy(), cnnResult.accuracy(), h, check);
    }
}
