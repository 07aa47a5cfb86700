package dev.autodiff.bench;

import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Locale;
import java.util.Map;

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
        Map<String, Double> medians = Report.medians(quick ? Report.quick(options) : options);
        System.out.println();
        System.out.println("W5 at n = 10000; medians in us" + (quick ? " (quick run)" : ""));
        System.out.printf(Locale.ROOT, "| %-28s | %10s | %10s | %8s |%n", "program", "gradient", "hvp", "hvp/grad");
        System.out.println("|------------------------------|-----------:|-----------:|---------:|");
        row("W1 vectorised (tensor ops)", medians.get("HvpBenchmark.gradient@10000"),
                medians.get("HvpBenchmark.hvp@10000"));
        row("W1 scalar graph", medians.get("HvpBenchmark.scalarGradient@10000"),
                medians.get("HvpBenchmark.scalarHvp@10000"));
    }

    private static void row(String name, Double grad, Double hvp) {
        double g = grad == null ? Double.NaN : grad, h = hvp == null ? Double.NaN : hvp;
        System.out.printf(Locale.ROOT, "| %-28s | %10.1f | %10.1f | %8.2f |%n", name, g / 1e3, h / 1e3, h / g);
    }
}
