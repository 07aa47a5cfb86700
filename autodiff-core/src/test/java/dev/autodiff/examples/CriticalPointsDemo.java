package dev.autodiff.examples;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.analysis.CriticalPoint;
import dev.autodiff.core.analysis.GradientDescent;
import dev.autodiff.core.analysis.Lagrange;
import dev.autodiff.core.analysis.Newton;
import dev.autodiff.core.analysis.Solution;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why one does not simply set the gradient to zero: second derivatives classify the points where it vanishes, Newton's
 * method finds them (saddles too), gradient descent slides off saddles, and Lagrange multipliers handle constraints.
 * Part of the README's demo.
 */
public final class CriticalPointsDemo {
    private CriticalPointsDemo() {
    }

    static final ScalarFunction SADDLE = x -> x[0].square().sub(x[1].square());
    static final ScalarFunction ROSENBROCK = x -> Scalar.constant(1).sub(x[0]).square()
            .add(x[1].sub(x[0].square()).square().mul(100));

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        out.println("Critical points: the Hessian's eigenvalues decide (exact second derivatives, no finite differences)");
        classify(out, "x^2 at 0", x -> x[0].square(), 0);
        classify(out, "x^3 at 0", x -> x[0].pow(3), 0);
        classify(out, "-x^2 - y^2 at (0, 0)", x -> x[0].square().neg().sub(x[1].square()), 0, 0);
        classify(out, "x^2 - y^2 at (0, 0)", SADDLE, 0, 0);
        classify(out, "x^2 + xy + y^2 at (0, 0)", x -> x[0].square().add(x[0].mul(x[1])).add(x[1].square()), 0, 0);
        classify(out, "(1 - w1 w2)^2 at (0, 0)", w -> Scalar.constant(1).sub(w[0].mul(w[1])).square(), 0, 0);
        out.println();

        out.println("Newton on grad f = 0 against gradient descent (learning rate 0.1), both from (0.3, 0.2) on x^2 - y^2");
        Solution newton = Newton.findCriticalPoint(SADDLE, 0.3, 0.2);
        Solution descent = GradientDescent.minimize(SADDLE, new double[] {0.3, 0.2}, 0.1, 1e-8, 20);
        out.printf(Locale.ROOT, "  Newton             %s after %d step(s): the saddle%n", point(newton.x()),
                newton.iterations());
        out.printf(Locale.ROOT, "  gradient descent   %s after %d steps: sliding away along y%n", point(descent.x()),
                descent.iterations());
        out.println();

        out.println("Rosenbrock's function from (-1.2, 1) to its minimum (1, 1), |grad f| <= 1e-6 max(1, |f|)");
        Solution damped = Newton.minimize(ROSENBROCK, new double[] {-1.2, 1}, 1e-6, 100);
        Solution slow = GradientDescent.minimize(ROSENBROCK, new double[] {-1.2, 1}, 1e-3, 1e-6, 100_000);
        out.printf(Locale.ROOT, "  Newton (damped)    %s in %6d iterations%n", point(damped.x()), damped.iterations());
        out.printf(Locale.ROOT, "  gradient descent   %s in %6d iterations (learning rate 1e-3)%n", point(slow.x()),
                slow.iterations());
        CriticalPoint minimum = CriticalPoint.classify(ROSENBROCK, 1, 1);
        out.printf(Locale.ROOT, "  (the Hessian at (1, 1) has eigenvalues %.4g and %.4g: a narrow valley)%n",
                minimum.eigenvalues()[0], minimum.eigenvalues()[1]);
        out.println();

        out.println("Lagrange multipliers: minimise x^2 + y^2 subject to x + y = 1");
        Lagrange.Result r = Lagrange.solve(v -> v[0].square().add(v[1].square()),
                v -> new Scalar[] {v[0].add(v[1]).sub(1)}, 0, 0);
        out.printf(Locale.ROOT, "  %s at %s, lambda = %.6f, f = %.6f (bordered Hessian %s)%n", r.kind(), point(r.x()),
                r.multipliers()[0], r.value(), Arrays.deepToString(r.borderedHessian()));
    }

    private static void classify(PrintStream out, String name, ScalarFunction f, double... x) {
        CriticalPoint p = CriticalPoint.classify(f, x);
        out.printf(Locale.ROOT, "  %-26s %-10s eigenvalues %-14s positive share %.2f%n", name, p.kind(),
                Arrays.toString(Arrays.stream(p.eigenvalues()).map(v -> Math.round(v * 1e12) / 1e12).toArray()),
                p.positiveShare());
    }

    private static String point(double[] x) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", x[i]));
        }
        return s.append(')').toString();
    }
}
