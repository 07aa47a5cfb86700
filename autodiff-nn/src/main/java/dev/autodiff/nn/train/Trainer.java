package dev.autodiff.nn.train;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Dropout;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;
import dev.autodiff.nn.data.Dataset;
import dev.autodiff.nn.optim.LearningRateSchedule;
import dev.autodiff.nn.optim.Optimizer;

import java.util.List;
import java.util.Objects;

/**
 * The training loop: for each epoch, seeded shuffled mini-batches; for each batch, bind the parameters to a reused
 * tape, compute the loss, sweep once, optionally clip the gradient's norm, and step the optimizer. The model trains
 * in training mode on the calling thread ({@link Module#inMode}), its default modes untouched; nothing else may use
 * the model while it trains (see {@link Module}). The seed orders the batches and seeds every {@link Dropout}
 * (each its own stream), and the optimizer's learning rate is put back after the run, so a second {@code fit} with
 * the same weights and seed repeats the first. After each epoch,
 * the validation data (if any) is evaluated, the {@link Progress} told, and early stopping consulted: with a
 * patience p, training stops once the validation loss has not improved for p epochs, and at the end (stopped early
 * or not) the model holds the weights of the epoch with the lowest validation loss. Same model, seed and data: same
 * result, bit for bit.
 *
 * <pre>{@code
 * History h = new Trainer(model, new Adam(model.parameters(), 1e-3))
 *         .epochs(30).batchSize(32).seed(7).earlyStopping(5)
 *         .fit(split.train(), split.test());
 * }</pre>
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private LossFunction loss = LossFunction.crossEntropy();
    private int epochs = 10, batchSize = 32, patience = 0;
    private long seed = 0;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private double clipNorm = Double.NaN;
    private Progress progress = Progress.silent();

    /**
     * @param model     the model
     * @param optimizer the optimizer, over all of the model's parameters or some of them (the others stay frozen:
     *                  fine-tuning a head, for instance)
     * @throws IllegalArgumentException if the optimizer has a parameter that is not the model's, naming it
     */
    public Trainer(Module model, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<Parameter> own = model.parameters();
        for (Parameter p : optimizer.parameters()) {
            if (own.stream().noneMatch(q -> q == p)) {
                throw new IllegalArgumentException("Trainer: the optimizer's " + p + " is not a parameter of the model");
            }
        }
    }

    /** The loss (default: softmax cross-entropy against class labels). */
    public Trainer loss(LossFunction loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /** The number of epochs (default 10). */
    public Trainer epochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("Trainer: epochs must be >= 0, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Examples per batch (default 32). */
    public Trainer batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Trainer: batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** The seed of the batches' order (default 0). */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The learning rate by epoch, from the optimizer's rate at {@link #fit} (default constant). */
    public Trainer schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** Clips each batch's gradient to a global norm of at most {@code maxNorm}. */
    public Trainer clipNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("Trainer: maxNorm must be > 0, got " + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Stops when the validation loss has not improved for {@code patience} epochs (0, the default: never). */
    public Trainer earlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("Trainer: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** Where progress goes (default: nowhere). */
    public Trainer progress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Trains.
     *
     * @param train      the training data
     * @param validation evaluated after each epoch, or null
     * @return the history
     * @throws IllegalArgumentException if early stopping is on without validation data
     */
    public History fit(Dataset train, Dataset validation) {
        if (patience > 0 && validation == null) {
            throw new IllegalArgumentException("Trainer: early stopping needs validation data");
        }
        double base = optimizer.learningRate();
        List<Module> modules = model.modules();
        for (int i = 0; i < modules.size(); i++) {            // each dropout its own stream, from the seed
            if (modules.get(i) instanceof Dropout d) {
                d.reseed(seed * 0x9E3779B97F4A7C15L + i);
            }
        }
        try {
            return model.inMode(true, () -> run(train, validation, base));
        } finally {
            optimizer.setLearningRate(base);                   // a second fit starts from the same rate
        }
    }

    private History run(Dataset train, Dataset validation, double base) {
        History history = new History();
        List<Parameter> parameters = model.parameters();
        Tensor[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        try (Tape tape = Tape.open()) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                optimizer.setLearningRate(schedule.rate(base, epoch));
                long start = System.nanoTime();
                List<Dataset> batches = train.batches(batchSize, seed, epoch);
                double lossSum = 0.0;
                long correct = 0, seen = 0;
                for (int b = 0; b < batches.size(); b++) {
                    Dataset batch = batches.get(b);
                    tape.reset();
                    ParameterGradients g;
                    try (Binding binding = model.bind(tape)) {
                        Tensor output = model.forward(batch.features());
                        Tensor l = loss.loss(output, batch);
                        g = binding.gradients(l);
                        lossSum += l.item().value() * batch.size();
                        if (train.isClassification()) {
                            correct += Evaluation.correct(output, batch.labels());
                        }
                    }
                    g = g.select(optimizer.parameters());              // frozen parameters get no step
                    optimizer.step(Double.isNaN(clipNorm) ? g : g.clipNorm(clipNorm));
                    seen += batch.size();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    double rate = seen / Math.max(elapsed, 1e-9);
                    double left = (train.size() - seen + (long) (epochs - epoch - 1) * train.size()) / rate;
                    progress.batch(epoch + 1, epochs, b + 1, batches.size(), lossSum / seen,
                            train.isClassification() ? (double) correct / seen : Double.NaN, rate, left);
                }
                Evaluation v = validation == null ? null : Evaluation.of(model, validation, loss, batchSize);
                History.Epoch record = new History.Epoch(epoch + 1, lossSum / Math.max(1, seen),
                        train.isClassification() ? (double) correct / Math.max(1, seen) : Double.NaN,
                        v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                        optimizer.learningRate(), (System.nanoTime() - start) / 1e9);
                history.add(record);
                progress.epoch(epochs, record);
                if (patience > 0) {
                    if (v.loss() < bestLoss) {
                        bestLoss = v.loss();
                        sinceBest = 0;
                        history.best(epoch + 1);
                        best = parameters.stream().map(Parameter::value).toArray(Tensor[]::new);
                    } else if (++sinceBest >= patience) {
                        history.stoppedEarly();
                        break;
                    }
                }
            }
        }
        if (best != null) {
            for (int i = 0; i < best.length; i++) {
                parameters.get(i).assign(best[i]);
            }
        }
        return history;
    }
}
