package dev.autodiff.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs W3 twice, with the SIMD kernel (forks with {@code --add-modules jdk.incubator.vector}) and with the pure-Java
 * one, and prints GFLOP/s from the median times: 2n^3 flops for A @ B, 6n^3 for forward + backward of sum(A @ B).
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W3Report [quick]
 * </pre>
 */
public final class W3Report {
    private W3Report() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Map<Integer, double[]> simd = run(quick, "--add-modules", "jdk.incubator.vector");
        Map<Integer, double[]> pureJava = run(quick);
        System.out.println();
        System.out.println("W3 square matmul through the Tensor API; medians" + (quick ? " (quick run)" : ""));
        System.out.printf(Locale.ROOT, "| %5s | %-9s | %12s | %15s | %12s | %15s |%n", "n", "kernel", "forward us",
                "forward GFLOP/s", "fwd+bwd us", "fwd+bwd GFLOP/s");
        System.out.println("|------:|-----------|-------------:|----------------:|-------------:|----------------:|");
        for (int n : simd.keySet()) {
            row(n, "SIMD", simd.get(n));
            row(n, "pure Java", pureJava.get(n));
        }
    }

    private static void row(int n, String kernel, double[] t) {
        double n3 = Math.pow(n, 3);
        System.out.printf(Locale.ROOT, "| %5d | %-9s | %12.1f | %15.1f | %12.1f | %15.1f |%n", n, kernel, t[0],
                2 * n3 / t[0] / 1e3, t[1], 6 * n3 / t[1] / 1e3);
    }

    /** Median microseconds {forward, forward + backward} per n, in forks run with the given extra JVM flags. */
    private static Map<Integer, double[]> run(boolean quick, String... jvmFlags) throws RunnerException {
        String[] flags = new String[jvmFlags.length + 2];
        flags[0] = "-Xms2g";
        flags[1] = "-Xmx2g";
        System.arraycopy(jvmFlags, 0, flags, 2, jvmFlags.length);
        ChainedOptionsBuilder options = new OptionsBuilder().include(MatMulBenchmark.class.getName())
                .jvmArgsAppend(flags);
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        Map<Integer, double[]> micros = new TreeMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            boolean backward = r.getParams().getBenchmark().endsWith("forwardBackward");
            micros.computeIfAbsent(n, k -> new double[2])[backward ? 1 : 0] =
                    r.getPrimaryResult().getStatistics().getPercentile(50);
        }
        return micros;
    }
}
