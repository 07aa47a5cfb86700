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
 * Runs W2 ({@link MlpTrainingBenchmark}) and W4/W5 for MLP M ({@link MlpGradientBenchmark}) and prints the medians
 * with the ratios: backprop against central finite differences over all 26 122 parameters (FD measured on one
 * parameter at a time and scaled, as WORKLOADS.md allows), gradient against loss evaluation, and HVP against gradient.
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.MlpReport          # the benchmarks' settings
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.MlpReport quick    # short iterations
 * </pre>
 */
public final class MlpReport {
    private static final int PARAMETERS_M = 26_122;

    private MlpReport() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(MlpTrainingBenchmark.class.getName())
                .include(MlpGradientBenchmark.class.getName());
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        Map<String, Double> us = new TreeMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            String size = r.getParams().getParam("size");
            us.put(size == null ? label : label + "." + size, r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        System.out.println();
        System.out.println("W2: one training step (forward, cross-entropy, backward, SGD), medians in us"
                + (quick ? " (quick run)" : ""));
        System.out.println("| MLP | layers | batch | step (us) |");
        System.out.println("|---|---|---:|---:|");
        for (Workloads.MlpSize s : Workloads.MlpSize.values()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f |%n", s, java.util.Arrays.toString(s.widths),
                    s.batch, us.getOrDefault("step." + s, Double.NaN));
        }
        double loss = us.getOrDefault("loss", Double.NaN), grad = us.getOrDefault("backprop", Double.NaN);
        double fd = us.getOrDefault("finiteDifferenceOfOneParameter", Double.NaN) * PARAMETERS_M;
        double hvp = us.getOrDefault("hvp", Double.NaN);
        System.out.println();
        System.out.println("W4: the full gradient of MLP M (26 122 parameters, batch 64); medians in us");
        System.out.println("| loss | backprop | central FD (scaled) | FD/backprop | backprop/loss | hvp | hvp/backprop |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %.1f | %.1f | %.0f | %.0f | %.1f | %.1f | %.2f |%n", loss, grad, fd,
                fd / grad, grad / loss, hvp, hvp / grad);
    }
}
