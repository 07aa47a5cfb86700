package dev.autodiff.bench;

import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

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
    private MlpReport() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(MlpTrainingBenchmark.class.getName())
                .include(MlpGradientBenchmark.class.getName());
        Map<String, Double> us = new TreeMap<>();
        Report.medians(quick ? Report.quick(options) : options).forEach((k, v) -> us.put(k, v / 1e3));
        System.out.println();
        System.out.println("W2: one training step (forward, cross-entropy, backward, SGD), medians in us"
                + (quick ? " (quick run)" : ""));
        System.out.println("| MLP | layers | batch | step (us) |");
        System.out.println("|---|---|---:|---:|");
        for (Workloads.MlpSize s : Workloads.MlpSize.values()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f |%n", s, java.util.Arrays.toString(s.widths),
                    s.batch, us.getOrDefault("MlpTrainingBenchmark.step@" + s, Double.NaN));
        }
        double loss = us.getOrDefault("MlpGradientBenchmark.loss", Double.NaN);
        double grad = us.getOrDefault("MlpGradientBenchmark.backprop", Double.NaN);
        double fd = us.getOrDefault("MlpGradientBenchmark.finiteDifferenceOfOneParameter", Double.NaN)
                * Workloads.MlpSize.M.parameters();
        double hvp = us.getOrDefault("MlpGradientBenchmark.hvp", Double.NaN);
        System.out.println();
        System.out.println("W4: the full gradient of MLP M (26 122 parameters, batch 64); medians in us");
        System.out.println("| loss | backprop | central FD (scaled) | FD/backprop | backprop/loss | hvp | hvp/backprop |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %.1f | %.1f | %.0f | %.0f | %.1f | %.1f | %.2f |%n", loss, grad, fd,
                fd / grad, grad / loss, hvp, hvp / grad);
    }
}
