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
 * Runs W3 and prints GFLOP/s from the median times: 2n^3 flops for A @ B, 6n^3 for forward + backward of sum(A @ B).
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
        ChainedOptionsBuilder options = new OptionsBuilder().include(MatMulBenchmark.class.getName());
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
        System.out.println();
        System.out.println("W3 square matmul through the Tensor API; medians" + (quick ? " (quick run)" : ""));
        System.out.printf(Locale.ROOT, "| %5s | %14s | %14s | %20s | %20s |%n", "n", "forward us", "forward GFLOP/s",
                "fwd+bwd us", "fwd+bwd GFLOP/s");
        System.out.println("|------:|---------------:|---------------:|---------------------:|---------------------:|");
        for (Map.Entry<Integer, double[]> e : micros.entrySet()) {
            double n3 = Math.pow(e.getKey(), 3);
            double[] t = e.getValue();
            System.out.printf(Locale.ROOT, "| %5d | %14.1f | %14.1f | %20.1f | %20.1f |%n", e.getKey(), t[0],
                    2 * n3 / t[0] / 1e3, t[1], 6 * n3 / t[1] / 1e3);
        }
    }
}
