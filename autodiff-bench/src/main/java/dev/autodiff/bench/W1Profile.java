package dev.autodiff.bench;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.Tape;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where the time of a W1 scalar-graph gradient goes: median wall time of its three phases (creating the n variables,
 * recording the 8 (n - 1) operations, sweeping and reading the n partials) over many repetitions after a warm-up.
 * A diagnostic, not a benchmark: JMH's figures ({@link W1Report}) are the ones to quote; this splits them.
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.W1Profile [n] [repetitions]
 * </pre>
 */
public final class W1Profile {
    private W1Profile() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        double[] x = Workloads.vector(n);
        long[] variables = new long[reps], record = new long[reps], sweep = new long[reps];
        try (Tape tape = Tape.open()) {
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                tape.reset();
                Scalar[] xs = tape.variables(x);
                long t1 = System.nanoTime();
                Scalar f = Workloads.rosenbrock(xs);
                long t2 = System.nanoTime();
                tape.gradient(f, xs);
                long t3 = System.nanoTime();
                variables[r] = t1 - t0;
                record[r] = t2 - t1;
                sweep[r] = t3 - t2;
            }
        }
        long ops = Workloads.rosenbrockOps(n);
        double v = median(variables), rec = median(record), sw = median(sweep), total = v + rec + sw;
        System.out.printf(Locale.ROOT, "W1 scalar graph, n = %d (%d operations), medians of the last %d of %d"
                + " repetitions%n", n, ops, reps / 2, reps);
        System.out.printf(Locale.ROOT, "  variables  %9.3f ms  %6.2f ns/variable%n", v / 1e6, v / n);
        System.out.printf(Locale.ROOT, "  record     %9.3f ms  %6.2f ns/op%n", rec / 1e6, rec / ops);
        System.out.printf(Locale.ROOT, "  sweep      %9.3f ms  %6.2f ns/op (clear adjoints, reverse loop, read n)%n",
                sw / 1e6, sw / ops);
        System.out.printf(Locale.ROOT, "  total      %9.3f ms  %6.2f ns/op%n", total / 1e6, total / ops);
    }

    /** Median of the second half (the first half is warm-up). */
    private static double median(long[] times) {
        long[] tail = Arrays.copyOfRange(times, times.length / 2, times.length);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }
}
