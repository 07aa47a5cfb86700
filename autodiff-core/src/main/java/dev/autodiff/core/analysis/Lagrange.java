package dev.autodiff.core.analysis;

import dev.autodiff.core.Autodiff;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.VectorFunction;
import dev.autodiff.core.linalg.SymmetricEigen;

import java.util.Arrays;

/**
 * Constrained critical points by Lagrange multipliers: to optimise f(x) subject to c(x) = 0 (m equations), find a
 * critical point (x, lambda) of the Lagrangian L = f(x) + sum_j lambda_j c_j(x), by {@link Newton} on grad L = 0 with
 * exact Hessians, and classify it with the bordered Hessian
 * <pre>
 *     B = [ 0     J   ]     J = dc/dx (m x n), H = d2L/dx2 (n x n)
 *         [ J^T   H   ]
 * </pre>
 * By Sylvester's law of inertia, B has m positive and m negative eigenvalues more than H restricted to the tangent
 * space of the constraints (the directions d with J d = 0); so the point is a constrained minimum when B has exactly
 * m negative eigenvalues and none near 0, a maximum when it has exactly m positive ones, and a saddle when the
 * restricted Hessian has both signs.
 *
 * <pre>{@code
 * // minimise x^2 + y^2 subject to x + y = 1
 * Lagrange.Result r = Lagrange.solve(v -> v[0].square().add(v[1].square()),
 *         v -> new Scalar[] {v[0].add(v[1]).sub(1)}, 0, 0);
 * r.x();            // [0.5, 0.5]
 * r.multipliers();  // [-1]
 * r.kind();         // MINIMUM
 * }</pre>
 */
public final class Lagrange {
    /** Constraint gradients whose Gram matrix J J^T has an eigenvalue below this share of its largest are dependent. */
    private static final double DEPENDENCE = 1e-12;

    private Lagrange() {
    }

    /**
     * A constrained critical point.
     *
     * @param x               the point
     * @param multipliers     lambda, one per constraint, for L = f + lambda . c
     * @param value           f(x)
     * @param kind            the verdict of the bordered Hessian (a constrained MINIMUM, MAXIMUM, SADDLE or
     *                        DEGENERATE)
     * @param borderedHessian B as the class comment shows it, (m + n) x (m + n)
     * @param iterations      Newton steps taken
     */
    public record Result(double[] x, double[] multipliers, double value, CriticalPoint.Kind kind,
                         double[][] borderedHessian, int iterations) {
        /** Copies the arrays in. */
        public Result {
            x = x.clone();
            multipliers = multipliers.clone();
            borderedHessian = Arrays.stream(borderedHessian).map(double[]::clone).toArray(double[][]::new);
        }

        /** @return a copy of the point */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** @return a copy of the multipliers */
        @Override
        public double[] multipliers() {
            return multipliers.clone();
        }

        /** @return a copy of the bordered Hessian */
        @Override
        public double[][] borderedHessian() {
            return Arrays.stream(borderedHessian).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public String toString() {
            return "constrained " + kind + " at " + Arrays.toString(x) + ", lambda = " + Arrays.toString(multipliers)
                    + ", f = " + value;
        }
    }

    /**
     * Finds a critical point of f on {c = 0} from {@code x0} (multipliers starting at 0) and classifies it.
     *
     * @param f           the objective, written with Scalar operations
     * @param constraints c, the equality constraints c_j(x) = 0, at least one and at most n
     * @param x0          the start; not modified
     * @return the point, its multipliers and its kind
     * @throws IllegalArgumentException if there are no constraints, more constraints than variables, or the
     *                                  constraints' gradients are linearly dependent at x0 or at the solution
     *                                  (redundant or inconsistent constraints), naming the constraints
     * @throws ArithmeticException      if Newton's method finds no critical point of the Lagrangian (for example when
     *                                  the constraints cannot all hold)
     */
    public static Result solve(ScalarFunction f, VectorFunction constraints, double... x0) {
        int n = x0.length;
        int m = constraintCount(constraints, x0);
        if (m == 0 || m > n) {
            throw new IllegalArgumentException("lagrange: need between 1 and " + n + " constraints for " + n
                    + " variables, got " + m);
        }
        requireIndependent(constraints, x0, "the start " + Arrays.toString(x0));
        ScalarFunction lagrangian = z -> {
            Scalar[] x = Arrays.copyOf(z, n);
            Scalar[] c = constraints.apply(x);
            return f.apply(x).add(Scalar.dot(Arrays.copyOfRange(z, n, n + m), c));
        };
        double[] z0 = Arrays.copyOf(x0, n + m);
        Solution s = Newton.findCriticalPoint(lagrangian, z0);
        if (!s.converged()) {
            double[] x = Arrays.copyOf(s.x(), n);
            throw new ArithmeticException("lagrange: no critical point of the Lagrangian found from "
                    + Arrays.toString(x0) + " in " + s.iterations() + " Newton steps (stopped at x = "
                    + Arrays.toString(x) + " with |grad L| = " + s.gradientNorm() + ", constraint values "
                    + Arrays.toString(values(constraints, x)) + "); are the constraints consistent?");
        }
        double[] z = s.x();
        double[] x = Arrays.copyOf(z, n);
        requireIndependent(constraints, x, "the solution " + Arrays.toString(x));
        double[][] h = Autodiff.hessian(lagrangian, z);
        double[][] bordered = new double[n + m][n + m];    // reorder (x, lambda) to (lambda, x)
        for (int i = 0; i < n + m; i++) {
            for (int j = 0; j < n + m; j++) {
                bordered[(i + m) % (n + m)][(j + m) % (n + m)] = 0.5 * (h[i][j] + h[j][i]);
            }
        }
        for (int i = 0; i < m; i++) {
            Arrays.fill(bordered[i], 0, m, 0.0);            // exactly 0: L is linear in lambda
        }
        return new Result(x, Arrays.copyOfRange(z, n, n + m), f.valueAt(x), classify(bordered, n, m), bordered,
                s.iterations());
    }

    /** The kind from the inertia of the bordered Hessian, as the class comment explains. */
    static CriticalPoint.Kind classify(double[][] bordered, int n, int m) {
        double[] lambda = SymmetricEigen.of(bordered).values();
        int[] inertia = CriticalPoint.inertia(lambda, CriticalPoint.DEFAULT_EIGENVALUE_TOLERANCE);
        return CriticalPoint.kindOf(inertia[0] - m, inertia[1] - m, n - m);
    }

    private static int constraintCount(VectorFunction constraints, double[] x0) {
        return values(constraints, x0).length;
    }

    private static double[] values(VectorFunction constraints, double[] x) {
        Scalar[] args = new Scalar[x.length];
        for (int i = 0; i < x.length; i++) {
            args[i] = Scalar.constant(x[i]);
        }
        Scalar[] c = constraints.apply(args);
        double[] v = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            v[j] = c[j].value();
        }
        return v;
    }

    /** Throws if the constraints' gradients at x are linearly dependent (the Gram matrix J J^T is singular). */
    private static void requireIndependent(VectorFunction constraints, double[] x, String where) {
        double[][] j = Autodiff.jacobian(constraints, x);
        int m = j.length;
        double[][] gram = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double s = 0.0;
                for (int k = 0; k < x.length; k++) {
                    s += j[a][k] * j[b][k];
                }
                gram[a][b] = s;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(gram);
        double[] lambda = eigen.values();
        double largest = lambda[m - 1];
        if (!(lambda[0] > DEPENDENCE * largest)) {
            double[] combination = eigen.vector(0);
            StringBuilder involved = new StringBuilder();
            for (int a = 0; a < m; a++) {
                if (Math.abs(combination[a]) > 1e-6) {
                    involved.append(involved.length() == 0 ? "" : ", ").append(a);
                }
            }
            throw new IllegalArgumentException("lagrange: the gradients of constraints " + involved
                    + " are linearly dependent at " + where + " (the constraints are redundant or inconsistent there;"
                    + " constraint Jacobian " + Arrays.deepToString(j) + ")");
        }
    }
}
