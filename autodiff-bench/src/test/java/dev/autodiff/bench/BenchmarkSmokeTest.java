package dev.autodiff.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark once, in a smoke mode (in this JVM, the smallest sizes, one short iteration), so that none of them
 * rots between the runs that measure: a benchmark that throws, or one that JMH no longer finds, fails the build.
 */
class BenchmarkSmokeTest {
    /** The benchmark methods there are, by class and method. */
    private static final Set<String> EXPECTED = Set.of(
            "CriticalPointBenchmark.classify", "CriticalPointBenchmark.hessian",
            "HvpBenchmark.gradient", "HvpBenchmark.hvp", "HvpBenchmark.scalarGradient", "HvpBenchmark.scalarHvp",
            "MatMulBenchmark.forward", "MatMulBenchmark.forwardBackward",
            "MlpGradientBenchmark.backprop", "MlpGradientBenchmark.finiteDifferenceOfOneParameter",
            "MlpGradientBenchmark.hvp", "MlpGradientBenchmark.loss", "MlpTrainingBenchmark.step",
            "RosenbrockFiniteDifferencesBenchmark.finiteDifferences",
            "RosenbrockScalarBenchmark.evaluate", "RosenbrockScalarBenchmark.gradient",
            "RosenbrockScalarBenchmark.handWrittenAdjoint",
            "RosenbrockTensorBenchmark.forward", "RosenbrockTensorBenchmark.gradient",
            "SmallOpBenchmark.chainOf100");

    @Test
    void everyBenchmarkRunsOnce() throws Exception {
        Options options = new OptionsBuilder()
                .include("dev\\.autodiff\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(1))
                .param("n", "10")
                .param("size", "S")
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String[] parts = label.split("\\.");
            ran.add(parts[parts.length - 2] + "." + parts[parts.length - 1]);
            assertTrue(r.getPrimaryResult().getScore() > 0, label);
        }
        assertEquals(new TreeSet<>(EXPECTED), ran);
    }

    @Test
    void mlpMHasTheParameterCountOfTheWorkloads() {
        assertEquals(26_122, Workloads.MlpSize.M.parameters());
        assertEquals(26_122, Workloads.mlp(Workloads.MlpSize.M, 1L).parameterCount());
    }
}
