package dev.autodiff.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs W1, scalar graph and vectorised, and prints, per n, the median times and the ratios that matter: nanoseconds
 * per elementary operation for record + sweep, gradient/evaluation, and finite-differences/gradient.
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W1Report          # the benchmarks' own settings
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W1Report quick    # 1 fork, short iterations
 * </pre>
 */
public final class W1Report {
    private W1Report() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(RosenbrockScalarBenchmark.class.getName())
                .include(RosenbrockFiniteDifferencesBenchmark.class.getName())
                .include(RosenbrockTensorBenchmark.class.getName());
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<Integer, Map<String, Double>> medians = new TreeMap<>();
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            String label = r.getParams().getBenchmark();
            boolean tensor = label.contains(RosenbrockTensorBenchmark.class.getSimpleName());
            label = (tensor ? "tensor." : "") + label.substring(label.lastIndexOf('.') + 1);
            medians.computeIfAbsent(n, k -> new TreeMap<>())
                    .put(label, r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        System.out.println();
        System.out.println("W1 scalar graph, Rosenbrock at x_i = 1 + 0.1 sin(i); medians in ns"
                + (quick ? " (quick run)" : ""));
        System.out.println(table(medians));
        System.out.println("W1 vectorised (11 tensor operations whatever n is); medians in ns");
        System.out.println(vectorisedTable(medians));
    }

    static String vectorisedTable(Map<Integer, Map<String, Double>> medians) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "| %7s | %12s | %14s | %14s | %9s | %16s | %8s |%n", "n", "eval",
                "tensor forward", "tensor grad", "grad/eval", "central FD", "FD/grad"));
        s.append("|--------:|-------------:|---------------:|---------------:|----------:|-----------------:|---------:|\n");
        for (Map.Entry<Integer, Map<String, Double>> e : medians.entrySet()) {
            Map<String, Double> m = e.getValue();
            double eval = m.getOrDefault("evaluate", Double.NaN);
            double forward = m.getOrDefault("tensor.forward", Double.NaN);
            double grad = m.getOrDefault("tensor.gradient", Double.NaN);
            double fd = m.getOrDefault("finiteDifferences", Double.NaN);
            s.append(String.format(Locale.ROOT, "| %7d | %12.0f | %14.0f | %14.0f | %9.1f | %16s | %8s |%n",
                    e.getKey(), eval, forward, grad, grad / eval,
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.0f", fd),
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.1f", fd / grad)));
        }
        return s.toString();
    }

    static String table(Map<Integer, Map<String, Double>> medians) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "| %7s | %12s | %14s | %9s | %9s | %14s | %16s | %8s |%n", "n", "eval",
                "gradient", "ns/op", "grad/eval", "hand adjoint", "central FD", "FD/grad"));
        s.append("|--------:|-------------:|---------------:|----------:|----------:|---------------:|"
                + "-----------------:|---------:|\n");
        for (Map.Entry<Integer, Map<String, Double>> e : medians.entrySet()) {
            int n = e.getKey();
            Map<String, Double> m = e.getValue();
            double eval = m.getOrDefault("evaluate", Double.NaN);
            double grad = m.getOrDefault("gradient", Double.NaN);
            double hand = m.getOrDefault("handWrittenAdjoint", Double.NaN);
            double fd = m.getOrDefault("finiteDifferences", Double.NaN);
            s.append(String.format(Locale.ROOT, "| %7d | %12.0f | %14.0f | %9.2f | %9.1f | %14.0f | %16s | %8s |%n",
                    n, eval, grad, grad / Workloads.rosenbrockOps(n), grad / eval, hand,
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.0f", fd),
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.1f", fd / grad)));
        }
        return s.toString();
    }
}
