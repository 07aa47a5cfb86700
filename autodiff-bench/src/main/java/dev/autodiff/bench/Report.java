package dev.autodiff.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark report: a short run of the whole suite (W1 scalar and vectorised with finite differences, W2, W3, W4
 * and W5; a few minutes on 2 cores) written as a Markdown page with its tables and four SVG charts: gradient and
 * finite-difference time against n (log-log), the gradient/evaluation ratio against n, the MLP step times, and the
 * matmul GFLOP/s.
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.Report docs/benchmarks             # run and write
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.Report docs/benchmarks --redraw    # from medians.tsv
 * </pre>
 *
 * Times are JMH medians of a short run (1 fork, each benchmark's own warm-up, then 3 measured iterations of 0.5 s):
 * enough for the shape of each curve and for ratios taken within the run, not for third digits. Warm-up is not cut:
 * the scalar tape reaches its speed only once the JIT has compiled the recording loop with escape analysis, which
 * takes seconds, and a shorter warm-up reports 5x slower times.
 */
public final class Report {
    private static final int[] W1_SIZES = {10, 100, 1000, 10000, 100000};

    private Report() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmark-report");
        Files.createDirectories(out);
        Path medians = out.resolve("medians.tsv");
        Map<String, Double> ns;
        if (args.length > 1 && args[1].equals("--redraw")) {       // the charts and page again, from the last run
            ns = new TreeMap<>();
            for (String line : Files.readAllLines(medians)) {
                String[] kv = line.split("\t");
                ns.put(kv[0], Double.parseDouble(kv[1]));
            }
        } else {
            ns = run();
            StringBuilder tsv = new StringBuilder();
            ns.forEach((k, v) -> tsv.append(k).append('\t').append(v).append('\n'));
            Files.writeString(medians, tsv);
        }
        Files.writeString(out.resolve("w1-gradient-vs-fd.svg"), w1Chart(ns));
        Files.writeString(out.resolve("w1-gradient-over-evaluation.svg"), ratioChart(ns));
        Files.writeString(out.resolve("w2-mlp-steps.svg"), mlpChart(ns));
        Files.writeString(out.resolve("w3-matmul.svg"), matmulChart(ns));
        String page = markdown(ns);
        Files.writeString(out.resolve("REPORT.md"), page);
        System.out.println(page);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Runs the suite; returns medians in ns by "Benchmark.method" or "Benchmark.method@param". */
    static Map<String, Double> run() throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        for (Class<?> c : List.of(RosenbrockScalarBenchmark.class, RosenbrockFiniteDifferencesBenchmark.class,
                RosenbrockTensorBenchmark.class, MatMulBenchmark.class, MlpTrainingBenchmark.class,
                MlpGradientBenchmark.class, HvpBenchmark.class)) {
            o.include(c.getName() + "\\.");
        }
        o.forks(1).measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        return medians(o);
    }

    /**
     * Runs benchmarks and collects their median times, in ns, by "Benchmark.method", with "@" and the value of the
     * parameter n or size where the benchmark has one: what the report classes print from.
     */
    static Map<String, Double> medians(org.openjdk.jmh.runner.options.ChainedOptionsBuilder options)
            throws RunnerException {
        options.timeUnit(java.util.concurrent.TimeUnit.NANOSECONDS).mode(org.openjdk.jmh.annotations.Mode.AverageTime);
        Map<String, Double> ns = new TreeMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            String param = r.getParams().getParam("n") != null ? r.getParams().getParam("n")
                    : r.getParams().getParam("size");
            ns.put(param == null ? label : label + "@" + param, r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return ns;
    }

    /** Shortens a run to 1 fork and 3 warm-up and 3 measured iterations of 1 s (the report classes' "quick"). */
    static org.openjdk.jmh.runner.options.ChainedOptionsBuilder quick(
            org.openjdk.jmh.runner.options.ChainedOptionsBuilder options) {
        return options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }

    private static double get(Map<String, Double> ns, String key) {
        return ns.getOrDefault(key, Double.NaN);
    }

    private static double[] w1(Map<String, Double> ns, String method) {
        double[] y = new double[W1_SIZES.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = get(ns, method + "@" + W1_SIZES[i]) / 1e3;
        }
        return y;
    }

    private static double[] sizes() {
        double[] x = new double[W1_SIZES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = W1_SIZES[i];
        }
        return x;
    }

    static String w1Chart(Map<String, Double> ns) {
        return Svg.lineChart("W1 Rosenbrock: gradient by reverse mode vs central differences", "n (inputs)",
                "time per gradient (us)", true, List.of(
                        new Svg.Series("central differences", sizes(),
                                w1(ns, "RosenbrockFiniteDifferencesBenchmark.finiteDifferences"), false),
                        new Svg.Series("reverse, scalar graph", sizes(), w1(ns, "RosenbrockScalarBenchmark.gradient"),
                                false),
                        new Svg.Series("reverse, tensor ops", sizes(), w1(ns, "RosenbrockTensorBenchmark.gradient"),
                                false),
                        new Svg.Series("evaluation", sizes(), w1(ns, "RosenbrockScalarBenchmark.evaluate"), true),
                        new Svg.Series("hand-written adjoint", sizes(),
                                w1(ns, "RosenbrockScalarBenchmark.handWrittenAdjoint"), true)));
    }

    static String ratioChart(Map<String, Double> ns) {
        double[] eval = w1(ns, "RosenbrockScalarBenchmark.evaluate");
        double[] scalar = w1(ns, "RosenbrockScalarBenchmark.gradient"), tensor = w1(ns, "RosenbrockTensorBenchmark.gradient");
        double[] fd = w1(ns, "RosenbrockFiniteDifferencesBenchmark.finiteDifferences");
        double[] r1 = new double[eval.length], r2 = new double[eval.length], r3 = new double[eval.length];
        for (int i = 0; i < eval.length; i++) {
            r1[i] = scalar[i] / eval[i];
            r2[i] = tensor[i] / eval[i];
            r3[i] = fd[i] / eval[i];
        }
        return Svg.lineChart("W1: cost of a gradient in evaluations of f", "n (inputs)",
                "gradient time / evaluation time", true, List.of(
                        new Svg.Series("central differences (2n)", sizes(), r3, false),
                        new Svg.Series("reverse, scalar graph", sizes(), r1, false),
                        new Svg.Series("reverse, tensor ops", sizes(), r2, false)));
    }

    static String mlpChart(Map<String, Double> ns) {
        List<Svg.Group> groups = new ArrayList<>();
        for (Workloads.MlpSize s : Workloads.MlpSize.values()) {
            groups.add(new Svg.Group(s + ": " + widths(s) + "\nbatch " + s.batch,
                    new double[] {get(ns, "MlpTrainingBenchmark.step@" + s) / 1e3}));
        }
        return Svg.barChart("W2: one MLP training step (forward, backward, SGD)", "time per step (us)",
                new String[] {"step"}, groups, true);
    }

    static String matmulChart(Map<String, Double> ns) {
        List<Svg.Group> groups = new ArrayList<>();
        for (int n : new int[] {64, 256, 1024}) {
            groups.add(new Svg.Group("n = " + n, new double[] {
                2.0 * n * n * n / get(ns, "MatMulBenchmark.forward@" + n),
                6.0 * n * n * n / get(ns, "MatMulBenchmark.forwardBackward@" + n)}));
        }
        return Svg.barChart("W3: square matmul through the Tensor API", "GFLOP/s",
                new String[] {"forward (2n^3)", "forward + backward (6n^3)"}, groups, false);
    }

    private static String widths(Workloads.MlpSize s) {
        StringBuilder b = new StringBuilder();
        for (int w : s.widths) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return b.toString();
    }

    static String markdown(Map<String, Double> ns) {
        StringBuilder s = new StringBuilder("# Benchmark report\n\n");
        s.append(String.format(Locale.ROOT, "%s; %d cores (%s); %s %s; %s. Medians of a short JMH run"
                        + " (`java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.Report docs/benchmarks`).%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpu(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().split(" ")[0]));
        s.append("## W1: Rosenbrock's gradient\n\n![gradient vs finite differences](w1-gradient-vs-fd.svg)\n"
                + "![gradient over evaluation](w1-gradient-over-evaluation.svg)\n\n");
        s.append("| n | eval (us) | gradient, scalar (us) | ns/op | grad/eval | gradient, tensor (us) | "
                + "central FD (us) | FD/grad |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int n : W1_SIZES) {
            double eval = get(ns, "RosenbrockScalarBenchmark.evaluate@" + n);
            double grad = get(ns, "RosenbrockScalarBenchmark.gradient@" + n);
            double tensor = get(ns, "RosenbrockTensorBenchmark.gradient@" + n);
            double fd = get(ns, "RosenbrockFiniteDifferencesBenchmark.finiteDifferences@" + n);
            s.append(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.2f | %.1f | %.3g | %s | %s |%n", n, eval / 1e3,
                    grad / 1e3, grad / Workloads.rosenbrockOps(n), grad / eval, tensor / 1e3,
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.3g", fd / 1e3),
                    Double.isNaN(fd) ? "-" : String.format(Locale.ROOT, "%.3g", fd / grad)));
        }
        s.append("\n## W2: MLP training step\n\n![MLP steps](w2-mlp-steps.svg)\n\n| MLP | step (us) |\n|---|---:|\n");
        for (Workloads.MlpSize m : Workloads.MlpSize.values()) {
            s.append(String.format(Locale.ROOT, "| %s %s, batch %d | %.1f |%n", m, widths(m), m.batch,
                    get(ns, "MlpTrainingBenchmark.step@" + m) / 1e3));
        }
        s.append("\n## W3: matrix products\n\n![matmul](w3-matmul.svg)\n\n| n | forward (us) | GFLOP/s | "
                + "forward + backward (us) | GFLOP/s |\n|---:|---:|---:|---:|---:|\n");
        for (int n : new int[] {64, 256, 1024}) {
            double f = get(ns, "MatMulBenchmark.forward@" + n), fb = get(ns, "MatMulBenchmark.forwardBackward@" + n);
            s.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f |%n", n, f / 1e3,
                    2.0 * n * n * n / f, fb / 1e3, 6.0 * n * n * n / fb));
        }
        double loss = get(ns, "MlpGradientBenchmark.loss"), grad = get(ns, "MlpGradientBenchmark.backprop");
        double fd = get(ns, "MlpGradientBenchmark.finiteDifferenceOfOneParameter") * Workloads.MlpSize.M.parameters();
        double hvp = get(ns, "MlpGradientBenchmark.hvp");
        s.append(String.format(Locale.ROOT, "%n## W4: all 26 122 gradients of MLP M%n%n| loss (us) | backprop (us) | "
                + "central FD (s, scaled from one parameter) | FD/backprop | backprop/loss |%n"
                + "|---:|---:|---:|---:|---:|%n| %.1f | %.1f | %.1f | %.0f | %.1f |%n", loss / 1e3, grad / 1e3,
                fd / 1e9, fd / grad, grad / loss));
        s.append(String.format(Locale.ROOT, "%n## W5: Hessian-vector product against gradient%n%n| program | "
                        + "gradient (us) | hvp (us) | hvp/grad |%n|---|---:|---:|---:|%n"
                        + "| W1 vectorised, n = 10 000 | %.1f | %.1f | %.2f |%n"
                        + "| W1 scalar graph, n = 10 000 | %.1f | %.1f | %.2f |%n| MLP M | %.1f | %.1f | %.2f |%n",
                get(ns, "HvpBenchmark.gradient@10000") / 1e3, get(ns, "HvpBenchmark.hvp@10000") / 1e3,
                get(ns, "HvpBenchmark.hvp@10000") / get(ns, "HvpBenchmark.gradient@10000"),
                get(ns, "HvpBenchmark.scalarGradient@10000") / 1e3, get(ns, "HvpBenchmark.scalarHvp@10000") / 1e3,
                get(ns, "HvpBenchmark.scalarHvp@10000") / get(ns, "HvpBenchmark.scalarGradient@10000"),
                grad / 1e3, hvp / 1e3, hvp / grad));
        return s.toString();
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the CPU goes unnamed
        }
        return "CPU not named";
    }
}
