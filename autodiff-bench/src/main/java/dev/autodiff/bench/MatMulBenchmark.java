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
 * W3: square matmul C = A @ B, and forward + backward of sum(A @ B) with respect to A and B, through the Tensor API.
 * GFLOP/s = 2n^3 / time forward, 6n^3 / time forward + backward: {@link W3Report}. The forks run with the Vector API
 * module, so that the SIMD kernel is measured; {@code -jvmArgsAppend} without it measures the pure-Java one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatMulBenchmark {
    @Param({"64", "256", "1024"})
    public int n;

    private Tensor a;
    private Tensor b;
    private Tape tape;

    @Setup
    public void setUp() {
        a = Tensor.randomNormal(1, n, n);
        b = Tensor.randomNormal(2, n, n);
        tape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    @Benchmark
    public Tensor forward() {
        return a.matmul(b);
    }

    /** Record A @ B and its sum, sweep, read both gradients. */
    @Benchmark
    public Tensor[] forwardBackward() {
        tape.reset();
        Tensor x = tape.variable(a), y = tape.variable(b);
        return tape.gradient(x.matmul(y).sum().item(), x, y);
    }
}
