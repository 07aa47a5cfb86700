package dev.autodiff.bench;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
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

import java.util.concurrent.TimeUnit;

/**
 * The fixed cost of one small tensor operation (4 elements), recorded and swept: a chain of 100 tanh ops on a reused
 * tape, so time / 100 is the per-operation overhead of recording, backward and the hook in the sweep.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmallOpBenchmark {
    public static final int OPS = 100;

    private Tensor x;
    private Tape tape;

    @Setup
    public void setUp() {
        x = Tensor.vector(0.1, 0.2, 0.3, 0.4);
        tape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    /** 100 recorded tanh ops on 4 elements, then the sweep through them. */
    @Benchmark
    public Tensor chainOf100() {
        tape.reset();
        Tensor v = tape.variable(x), y = v;
        for (int i = 0; i < OPS; i++) {
            y = y.tanh();
        }
        return tape.gradient(y.sum().item()).of(v);
    }
}
