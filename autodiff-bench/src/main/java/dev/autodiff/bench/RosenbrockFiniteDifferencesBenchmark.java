package dev.autodiff.bench;

import dev.autodiff.core.check.FiniteDifferences;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** W1 by central finite differences: 2n evaluations of the plain-double function, n up to 1e4. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RosenbrockFiniteDifferencesBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int n;

    private double[] x;

    @Setup
    public void setUp() {
        x = Workloads.vector(n);
    }

    @Benchmark
    public double[] finiteDifferences() {
        return FiniteDifferences.gradient(Workloads::rosenbrock, x);
    }
}
