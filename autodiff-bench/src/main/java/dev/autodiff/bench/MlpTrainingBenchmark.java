package dev.autodiff.bench;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.ParameterGradients;
import dev.autodiff.nn.optim.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W2: one MLP training step (forward, softmax cross-entropy, backward, plain SGD update with lr 0.01) for the sizes
 * S 2-16-16-2 (batch 32), M 64-128-128-10 (batch 64), L 784-512-512-10 (batch 128), tanh between layers, on a tape
 * reused across steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class MlpTrainingBenchmark {
    @Param({"S", "M", "L"})
    public Workloads.MlpSize size;

    private Module model;
    private Tensor x;
    private int[] labels;
    private Sgd sgd;
    private Tape tape;

    @Setup
    public void setUp() {
        model = Workloads.mlp(size, 1L);
        x = Workloads.mlpInput(size, 2L);
        labels = Workloads.mlpLabels(size, 3L);
        sgd = new Sgd(model.parameters(), 0.01);
        tape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    @Benchmark
    public double step() {
        tape.reset();
        ParameterGradients g;
        double loss;
        try (Binding b = model.bind(tape)) {
            Tensor l = Losses.crossEntropy(model.forward(x), labels);
            g = b.gradients(l);
            loss = l.item().value();
        }
        sgd.step(g);
        return loss;
    }
}
