package dev.autodiff.bench;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.analysis.CriticalPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W6: the Hessian and the critical-point class of L(w1, w2) = (1 - w1 w2)^2 at (0, 0), where H = [[0, -2], [-2, 0]],
 * eigenvalues -2 and 2: a saddle. Measures the exact Hessian (a recorded gradient and two sweeps over it) and the
 * whole classification (gradient, Hessian, Jacobi eigenvalues).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CriticalPointBenchmark {
    /** L(w1, w2) = (1 - w1 w2)^2. */
    public static final ScalarFunction LOSS = w -> Scalar.constant(1).sub(w[0].mul(w[1])).square();

    @Benchmark
    public double[][] hessian() {
        return Autodiff.hessian(LOSS, 0, 0);
    }

    @Benchmark
    public CriticalPoint classify() {
        return CriticalPoint.classify(LOSS, 0, 0);
    }
}
