package dev.autodiff.bench;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.Tape;
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
 * W1, scalar graph: Rosenbrock's function at x_i = 1 + 0.1 sin(i), evaluated with plain doubles, differentiated by
 * recording one node per elementary operation and sweeping (on a tape reused through {@link Tape#reset()}, as a loop
 * would), and by a hand-written adjoint. Finite differences are in {@link RosenbrockFiniteDifferencesBenchmark}.
 * Ratios and ns per operation: {@link W1Report}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class RosenbrockScalarBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int n;

    private double[] x;
    private double[] adjoint;
    private Tape tape;

    @Setup
    public void setUp() {
        x = Workloads.vector(n);
        adjoint = new double[n];
        tape = Tape.open();
    }

    @TearDown
    public void tearDown() {
        tape.close();
    }

    @Benchmark
    public double evaluate() {
        return Workloads.rosenbrock(x);
    }

    /** Record + sweep + read the n partials. */
    @Benchmark
    public double[] gradient() {
        tape.reset();
        Scalar[] xs = tape.variables(x);
        Scalar f = Workloads.rosenbrock(xs);
        return tape.gradient(f, xs);
    }

    @Benchmark
    public double[] handWrittenAdjoint() {
        Workloads.rosenbrockAdjoint(x, adjoint);
        return adjoint;
    }
}
