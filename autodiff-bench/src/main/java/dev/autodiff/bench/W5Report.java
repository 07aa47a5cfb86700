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
 * Runs W5 ({@link HvpBenchmark}) and prints the median times of a gradient and a Hessian-vector product and their
 * ratio (budget: 4).
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W5Report          # the benchmark's own settings
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W5Report quick    # short iterations
 * </pre>
 */
public final class W5Report {
    private W5Report() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder().include(HvpBenchmark.class.getName());
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        Map<String, Double> medians = new TreeMap<>();
        int n = 0;
        for (RunResult r : new Runner(options.build()).run()) {
            String label = r.getParams().getBenchmark();
            n = Integer.parseInt(r.getParams().getParam("n"));
            medians.put(label.substring(label.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        double grad = medians.getOrDefault("gradient", Double.NaN), hvp = medians.getOrDefault("hvp", Double.NaN);
        System.out.println();
        System.out.println("W5, W1 vectorised at n = " + n + "; medians in us" + (quick ? " (quick run)" : ""));
        System.out.printf(Locale.ROOT, "| %10s | %10s | %8s |%n", "gradient", "hvp", "hvp/grad");
        System.out.println("|-----------:|-----------:|---------:|");
        System.out.printf(Locale.ROOT, "| %10.1f | %10.1f | %8.2f |%n", grad / 1e3, hvp / 1e3, hvp / grad);
    }
}
