package dev.autodiff.bench;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Losses;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * W4 (and W5 for the MLP): the full gradient of MLP M's loss (batch 64, softmax cross-entropy) with respect to all
 * 26 122 parameters, by backprop; the central finite difference of one parameter (two loss evaluations), which
 * {@link W4Report} scales by the parameter count, as WORKLOADS.md allows; the loss evaluation alone; and a
 * Hessian-vector product over all parameters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class MlpGradientBenchmark {
    private Module model;
    private Tensor x;
    private int[] labels;
    private Tape tape, higherOrder;
    private Parameter probe;
    private Tensor probeValue;
    private int probeIndex;
    private Tensor[] direction;

    @Setup
    public void setUp() {
        model = Workloads.mlp(Workloads.MlpSize.M, 1L);
        x = Workloads.mlpInput(Workloads.MlpSize.M, 2L);
        labels = Workloads.mlpLabels(Workloads.MlpSize.M, 3L);
        tape = Tape.open();
        higherOrder = Tape.openHigherOrder();
        probe = model.parameters().get(2);                    // the middle layer's weight
        probeValue = probe.value();
        List<Parameter> ps = model.parameters();
        direction = new Tensor[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            direction[i] = Tensor.randomNormal(10L + i, ps.get(i).shape());
        }
    }

    @TearDown
    public void tearDown() {
        tape.close();
        higherOrder.close();
    }

    /** @return the number of parameters, 26 122 */
    public int parameterCount() {
        return (int) model.parameterCount();
    }

    @Benchmark
    public double loss() {
        return Losses.crossEntropy(model.forward(x), labels).item().value();
    }

    @Benchmark
    public ParameterGradients backprop() {
        tape.reset();
        try (Binding b = model.bind(tape)) {
            return b.gradients(Losses.crossEntropy(model.forward(x), labels));
        }
    }

    /** One parameter's central difference: two loss evaluations with that parameter moved by +-h. */
    @Benchmark
    public double finiteDifferenceOfOneParameter() {
        double[] v = probeValue.toArray();
        int i = probeIndex = (probeIndex + 1) % v.length;
        double h = 1e-5 * Math.max(1, Math.abs(v[i]));
        v[i] += h;
        probe.assign(Tensor.of(v, probeValue.shape()));
        double up = loss();
        v[i] -= 2 * h;
        probe.assign(Tensor.of(v, probeValue.shape()));
        double down = loss();
        probe.assign(probeValue);
        return (up - down) / (2 * h);
    }

    /** H v over all parameters: the recorded gradient's inner product with v, swept once. */
    @Benchmark
    public Tensor[] hvp() {
        higherOrder.reset();
        try (Binding b = model.bind(higherOrder)) {
            List<Parameter> ps = b.parameters();
            Tensor[] nodes = new Tensor[ps.size()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = ps.get(i).tensor();
            }
            Tensor loss = Losses.crossEntropy(model.forward(x), labels);
            Tensor[] g = higherOrder.recordGradient(loss.item(), nodes);
            Tensor dot = Tensor.scalar(0);
            for (int i = 0; i < g.length; i++) {
                dot = dot.add(g[i].mul(direction[i]).sum());
            }
            return higherOrder.gradient(dot.item(), nodes);
        }
    }
}
