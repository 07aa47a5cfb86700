package dev.autodiff.nn.optim;

import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.nn.Binding;
import dev.autodiff.nn.Module;
import dev.autodiff.nn.Parameter;
import dev.autodiff.nn.ParameterGradients;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * L-BFGS for full-batch problems (Nocedal's limited-memory BFGS): the search direction is the inverse-Hessian
 * approximation from the last {@code history} steps and gradient changes applied to the gradient (the two-loop
 * recursion), and each step is the longest of 1, 1/2, 1/4, ... of it that decreases the loss by at least 1e-4 of the
 * predicted decrease (Armijo). Pairs that would break positive definiteness (s . y &lt;= 0) are skipped. Each
 * iteration's update of the parameters is all or nothing, as for {@link Optimizer}: a bound parameter is refused
 * before anything is evaluated or written, and if the objective fails the weights go back to the last accepted point.
 *
 * <pre>{@code
 * Lbfgs.Result r = new Lbfgs(model.parameters(), 10).minimize(
 *         Lbfgs.objective(model, () -> Losses.mse(model.forward(x), y)), 100, 1e-8);
 * }</pre>
 */
public final class Lbfgs {
    private final List<Parameter> parameters;
    private final int history;

    /** The loss and its gradient at the parameters' current values. */
    public record Evaluation(double loss, ParameterGradients gradients) {
    }

    /** The function L-BFGS minimises: evaluated at the parameters' current values. */
    @FunctionalInterface
    public interface Objective {
        /** @return the loss and its gradient with respect to every parameter, in order */
        Evaluation evaluate();
    }

    /**
     * @param iterations the iterations run
     * @param loss       the final loss
     * @param gradientNorm the final gradient's largest element in absolute value (the infinity norm)
     * @param converged  whether that met the tolerance
     */
    public record Result(int iterations, double loss, double gradientNorm, boolean converged) {
    }

    /**
     * @param parameters the parameters to optimise
     * @param history    the number of step and gradient-change pairs kept, &gt; 0 (typically 5 to 20)
     */
    public Lbfgs(List<Parameter> parameters, int history) {
        if (history <= 0) {
            throw new IllegalArgumentException("Lbfgs: history must be > 0, got " + history);
        }
        this.parameters = List.copyOf(parameters);
        this.history = history;
    }

    /**
     * The objective "this loss of this model": each evaluation binds the model's parameters to a fresh tape, calls
     * {@code loss} (which runs the model's forward pass) and sweeps once.
     *
     * @param model the model, whose parameters L-BFGS updates
     * @param loss  computes the loss (a tensor of one element) from the model
     * @return the objective
     */
    public static Objective objective(Module model, Supplier<Tensor> loss) {
        Objects.requireNonNull(loss, "loss");
        return () -> {
            try (Tape tape = Tape.open(); Binding b = model.bind(tape)) {
                Tensor l = loss.get();
                return new Evaluation(l.item().value(), b.gradients(l));
            }
        };
    }

    /**
     * Runs until the gradient's largest element is at most {@code tolerance}, the loss stops decreasing, or
     * {@code maxIterations}.
     *
     * @return how it ended
     * @throws IllegalStateException        if a parameter is bound to a tape, naming it; nothing is evaluated or
     *                                      changed
     * @throws Optimizer.NonFiniteException if the loss or a gradient is not finite at the start
     */
    public Result minimize(Objective objective, int maxIterations, double tolerance) {
        requireUnbound();
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        double[] x = flatten(values());
        return run(objective, maxIterations, tolerance, n, x);
    }

    private Result run(Objective objective, int maxIterations, double tolerance, int n, double[] start) {
        double[] x = start;
        Evaluation e = objective.evaluate();
        double[] g = flatten(gradients(e.gradients()));
        requireFinite(e.loss(), g);
        Deque<double[][]> pairs = new ArrayDeque<>();
        for (int k = 0; ; k++) {
            double gmax = maxAbs(g);
            if (gmax <= tolerance || k == maxIterations) {
                return new Result(k, e.loss(), gmax, gmax <= tolerance);
            }
            double[] d = direction(g, pairs, n);
            double slope = dot(g, d);
            if (!(slope < 0)) {                     // not a descent direction: restart from steepest descent
                pairs.clear();
                d = negate(g);
                slope = dot(g, d);
            }
            double t = k == 0 ? Math.min(1.0, 1.0 / sumAbs(g)) : 1.0;
            double[] xNew = null;
            Evaluation eNew = null;
            try {
                for (int attempt = 0; attempt < 50; attempt++, t *= 0.5) {
                    double[] trial = new double[n];
                    for (int i = 0; i < n; i++) {
                        trial[i] = x[i] + t * d[i];
                    }
                    assign(trial);
                    Evaluation et = objective.evaluate();
                    if (Double.isFinite(et.loss()) && et.loss() <= e.loss() + 1e-4 * t * slope
                            && et.gradients().firstNonFinite() == null) {
                        xNew = trial;
                        eNew = et;
                        break;
                    }
                }
            } catch (RuntimeException | Error failure) {
                try {
                    assign(x);                      // all or nothing: back to the last accepted point
                } catch (RuntimeException | Error restore) {
                    failure.addSuppressed(restore);
                }
                throw failure;
            }
            if (xNew == null) {                     // no decrease along d: stop where we were
                assign(x);
                return new Result(k, e.loss(), gmax, false);
            }
            double[] gNew = flatten(gradients(eNew.gradients()));
            double[] s = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            if (dot(s, y) > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > history) {
                    pairs.removeFirst();
                }
            }
            x = xNew;
            g = gNew;
            e = eNew;
        }
    }

    /** The two-loop recursion: -H g with H the L-BFGS inverse-Hessian approximation. */
    private static double[] direction(double[] g, Deque<double[][]> pairs, int n) {
        double[] q = g.clone();
        double[] alpha = new double[pairs.size()];
        int j = pairs.size() - 1;
        for (var it = pairs.descendingIterator(); it.hasNext(); j--) {
            double[][] p = it.next();
            alpha[j] = dot(p[0], q) / dot(p[1], p[0]);
            for (int i = 0; i < n; i++) {
                q[i] -= alpha[j] * p[1][i];
            }
        }
        if (!pairs.isEmpty()) {
            double[][] last = pairs.getLast();
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        j = 0;
        for (double[][] p : pairs) {
            double beta = dot(p[1], q) / dot(p[1], p[0]);
            for (int i = 0; i < n; i++) {
                q[i] += (alpha[j] - beta) * p[0][i];
            }
            j++;
        }
        return negate(q);
    }

    private Tensor[] values() {
        Tensor[] v = new Tensor[parameters.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = parameters.get(i).value();
        }
        return v;
    }

    private Tensor[] gradients(ParameterGradients g) {
        if (g.size() != parameters.size()) {
            throw new IllegalArgumentException("Lbfgs: the objective gave " + g.size() + " gradients for "
                    + parameters.size() + " parameters");
        }
        Tensor[] t = new Tensor[g.size()];
        for (int i = 0; i < t.length; i++) {
            if (g.parameter(i) != parameters.get(i)) {
                throw new IllegalArgumentException("Lbfgs: gradient " + i + " is for " + g.parameter(i) + ", not "
                        + parameters.get(i));
            }
            t[i] = g.gradient(i);
        }
        return t;
    }

    /** Refuses to go on while a parameter is bound: {@link Parameter#assign} would refuse part way through. */
    private void requireUnbound() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.isBound()) {
                throw new IllegalStateException("Lbfgs.minimize: parameter " + i + " ('" + p.name() + "', shape "
                        + Arrays.toString(p.shape()) + ") is bound to a tape; close the binding first; no weight was"
                        + " changed");
            }
        }
    }

    /** Sets every parameter from one flat array, all or nothing. */
    private void assign(double[] flat) {
        requireUnbound();
        for (int i = 0, at = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] v = new double[p.size()];
            System.arraycopy(flat, at, v, 0, v.length);
            at += v.length;
            p.assign(Tensor.of(v, p.shape()));
        }
    }

    private static double[] flatten(Tensor[] ts) {
        int n = 0;
        for (Tensor t : ts) {
            n += t.size();
        }
        double[] flat = new double[n];
        int at = 0;
        for (Tensor t : ts) {
            System.arraycopy(t.toArray(), 0, flat, at, t.size());
            at += t.size();
        }
        return flat;
    }

    private static void requireFinite(double loss, double[] g) {
        if (!Double.isFinite(loss)) {
            throw new Optimizer.NonFiniteException("Lbfgs: the loss is " + loss + " at the start");
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new Optimizer.NonFiniteException("Lbfgs: gradient element " + i + " is " + g[i]
                        + " at the start");
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s == 0 ? 1 : s;
    }

    private static double[] negate(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = -a[i];
        }
        return r;
    }
}
