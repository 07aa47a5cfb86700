package dev.autodiff.examples;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.Gradients;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.Tape;
import dev.autodiff.core.ValueAndGradient;
import dev.autodiff.core.check.FiniteDifferences;
import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.check.GradCheckReport;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The README's demo: a function's value and gradient from one reverse sweep, and the finite-difference check of it.
 * Run with {@code mvn -B -q -pl autodiff-core test-compile exec:java}.
 */
public final class Demo {
    private Demo() {
    }

    /** f(x, y) = sin(x y) + x^2. */
    static Scalar f(Scalar x, Scalar y) {
        return x.mul(y).sin().add(x.square());
    }

    /** Rosenbrock's function, sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2. */
    static Scalar rosenbrock(Scalar[] x) {
        Scalar one = Scalar.constant(1);
        Scalar f = Scalar.constant(0);
        for (int i = 0; i + 1 < x.length; i++) {
            Scalar t1 = x[i + 1].sub(x[i].square());
            Scalar t2 = one.sub(x[i]);
            f = f.add(t1.square().mul(100).add(t2.square()));
        }
        return f;
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        out.println("autodiff: reverse-mode automatic differentiation");
        out.println();
        out.println("f(x, y) = sin(x y) + x^2 at (x, y) = (1.5, -0.5)");
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1.5), y = tape.variable(-0.5);
            Scalar value = f(x, y);
            Gradients g = tape.gradient(value);
            out.printf(Locale.ROOT, "  value              %.15f%n", value.value());
            out.printf(Locale.ROOT, "  df/dx, df/dy       %.15f  %.15f   (one reverse sweep over %d nodes)%n",
                    g.of(x), g.of(y), tape.size());
            out.printf(Locale.ROOT, "  by hand            %.15f  %.15f   (y cos(xy) + 2x, x cos(xy))%n",
                    -0.5 * Math.cos(-0.75) + 3, 1.5 * Math.cos(-0.75));
        }
        ScalarFunction fn = v -> f(v[0], v[1]);
        out.println("  " + GradCheck.check(fn, 1.5, -0.5).toString().replace("\n", "\n  "));
        out.println();

        int n = 6;
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = 1 + 0.1 * Math.sin(i);
        }
        out.println("Rosenbrock's function in " + n + " dimensions at x_i = 1 + 0.1 sin(i)");
        ValueAndGradient vg = Autodiff.valueAndGrad(Demo::rosenbrock, x0);
        double[] numeric = FiniteDifferences.gradient(Demo::rosenbrockOfDoubles, x0);
        out.printf(Locale.ROOT, "  value              %.15f%n", vg.value());
        out.println("  reverse mode       " + format(vg.gradient()) + "   (1 sweep)");
        out.println("  central diffs      " + format(numeric) + "   (" + 2 * n + " evaluations)");
        GradCheckReport report = GradCheck.check(Demo::rosenbrock, x0);
        out.println("  " + report.toString().replace("\n", "\n  "));
        out.println();
        CriticalPointsDemo.run(out);
    }

    static double rosenbrockOfDoubles(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double t1 = x[i + 1] - x[i] * x[i], t2 = 1 - x[i];
            f += 100 * t1 * t1 + t2 * t2;
        }
        return f;
    }

    private static String format(double[] v) {
        return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%9.5f", d))
                .reduce((a, b) -> a + " " + b).orElse("");
    }
}
