package dev.autodiff.bench;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
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
 * W1 vectorised: Rosenbrock's function with tensor operations (11 of them, whatever n is): forward on constants, and
 * gradient (record on a reused tape, sweep, read the n partials). {@link W1Report} sets it beside the scalar graph.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RosenbrockTensorBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int n;

    private Tensor x;
    private Tape tape;

    @Setup
    public void setUp() {
        x = Tensor.vector(Workloads.vector(n));
        tape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    @Benchmark
    public Tensor forward() {
        return Workloads.rosenbrock(x);
    }

    @Benchmark
    public Tensor gradient() {
        tape.reset();
        Tensor v = tape.variable(x);
        return tape.gradient(Workloads.rosenbrock(v).item(), v)[0];
    }
}
