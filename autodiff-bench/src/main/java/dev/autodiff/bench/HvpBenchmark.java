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
 * that numerically. The budget is hvp &lt;= 4 gradients. The same pair for W1's scalar graph (one node per
 * elementary operation; the HVP's tape records every scalar operation's derivative rule) is measured beside it.
 * {@link W5Report} prints the ratios.
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
    private double[] x0, v0;
    private Tape tape, plainTape;

    @Setup
    public void setUp() {
        x0 = Workloads.vector(n);
        x = Tensor.vector(x0);
        v = Tensor.randomNormal(5L, n);
        v0 = v.toArray();
        tape = Tape.openHigherOrder();
        plainTape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
        plainTape.close();
    }

    @Benchmark
    public double[] scalarGradient() {
        plainTape.reset();
        Scalar[] xs = plainTape.variables(x0);
        return plainTape.gradient(Workloads.rosenbrock(xs), xs);
    }

    @Benchmark
    public double[] scalarHvp() {
        tape.reset();
        Scalar[] xs = tape.variables(x0);
        Scalar[] g = tape.recordGradient(Workloads.rosenbrock(xs), xs);
        return tape.gradient(Scalar.dot(g, v0), xs);
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
