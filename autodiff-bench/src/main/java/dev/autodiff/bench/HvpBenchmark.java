package dev.autodiff.bench;

import dev.autodiff.core.Scalar;
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
 * W5: a Hessian-vector product against a gradient, for W1 vectorised. Both record on a reused tape; the HVP records
 * the gradient's sweep ({@link Tape#recordGradient(Scalar, Tensor...)}), takes its inner product with v and sweeps
 * that numerically. The budget is hvp &lt;= 4 gradients. {@link W5Report} prints the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class HvpBenchmark {
    @Param({"10000"})
    public int n;

    private Tensor x, v;
    private Tape tape;

    @Setup
    public void setUp() {
        x = Tensor.vector(Workloads.vector(n));
        v = Tensor.randomNormal(5L, n);
        tape = Tape.openHigherOrder();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    @Benchmark
    public Tensor gradient() {
        tape.reset();
        Tensor xs = tape.variable(x);
        return tape.gradient(Workloads.rosenbrock(xs).item(), xs)[0];
    }

    @Benchmark
    public Tensor hvp() {
        tape.reset();
        Tensor xs = tape.variable(x);
        Tensor g = tape.recordGradient(Workloads.rosenbrock(xs).item(), xs)[0];
        return tape.gradient(g.mul(v).sum().item(), xs)[0];
    }
}
