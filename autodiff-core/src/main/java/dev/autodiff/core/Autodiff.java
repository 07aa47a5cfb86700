package dev.autodiff.core;

import java.util.Objects;

/**
 * Functional entry points, in the manner of JAX: each call records {@code f} on a fresh {@link Tape}, sweeps, and
 * returns plain arrays, so no tape or node escapes.
 *
 * <pre>{@code
 * ScalarFunction rosenbrock = x -> x[0].sub(1).square().add(x[1].sub(x[0].square()).square().mul(100));
 * double[] g = Autodiff.grad(rosenbrock, -1.2, 1.0);
 * double[] hv = Autodiff.hvp(rosenbrock, new double[] {-1.2, 1.0}, new double[] {1, 0});   // H v, H not formed
 * double[][] h = Autodiff.hessian(rosenbrock, 1.0, 1.0);                                  // [[802, -400], [-400, 200]]
 * }</pre>
 *
 * <h2>Derivatives of higher order</h2>
 * {@link #gradientFunction(ScalarFunction)} returns the gradient as a function that can be differentiated again, as
 * JAX's {@code grad} does: second derivatives are first derivatives of it, recorded on a tape from
 * {@link Tape#openHigherOrder()}. Hessian-vector products ({@link #hvp}) cost a small constant times one gradient
 * whatever n is (one recorded sweep and one numeric sweep over it); a full {@link #hessian} costs n sweeps over the
 * recorded gradient. Every result is exact up to rounding: no finite differences.
 *
 * <p>Every entry point records on a tape from {@link Tape#openHigherOrder()}, so that they compose: the function
 * given to {@link #grad} or {@link #jacobian} may itself take gradients ({@code jacobian(gradientFunction(f), x)} is
 * the Hessian). That recording keeps a rule object per scalar operation; for many calls in a loop where speed
 * matters, record on one {@link Tape#open()} tape and {@link Tape#reset()} it between calls instead: that records
 * fastest and reuses the tape's arrays.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * The gradient of {@code f} at {@code x}, by one forward recording and one reverse sweep.
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return {@code df/dx_i} for every i
     */
    public static double[] grad(ScalarFunction f, double... x) {
        return valueAndGrad(f, x).gradient();
    }

    /**
     * The value and the gradient of {@code f} at {@code x}, from one recording and one sweep.
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return f(x) and its gradient
     * @throws TapeMisuseException if {@code f} returns a node of some other tape
     */
    public static ValueAndGradient valueAndGrad(ScalarFunction f, double... x) {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar y = Objects.requireNonNull(f.apply(xs), "valueAndGrad: the function returned null");
            return new ValueAndGradient(y.value(), tape.gradient(y, xs));
        }
    }

    /**
     * The Jacobian of {@code F} at {@code x}: one recording of {@code F}, then one reverse sweep per output.
     * Reverse mode suits m much smaller than n; each row costs about as much as one gradient.
     *
     * @param f a vector function written with Scalar operations
     * @param x the point; not modified
     * @return {@code J[i][j] = dF_i/dx_j}, an m x n array
     * @throws TapeMisuseException if {@code f} returns a node of some other tape
     */
    public static double[][] jacobian(VectorFunction f, double... x) {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] ys = Objects.requireNonNull(f.apply(xs), "jacobian: the function returned null");
            double[][] jacobian = new double[ys.length][];
            for (int i = 0; i < ys.length; i++) {
                int row = i;
                Scalar y = Objects.requireNonNull(ys[i], () -> "jacobian: the function returned null as output " + row);
                jacobian[i] = tape.gradient(y, xs);
            }
            return jacobian;
        }
    }

    /**
     * The gradient of {@code f} as a function that can itself be differentiated (JAX's {@code grad(f)}). Applied to
     * variables of a tape from {@link Tape#openHigherOrder()}, it records f and its reverse sweep on that tape and
     * returns the gradient as nodes; applied to constants, it returns the gradient as constants (computed on a tape
     * of its own). Element i is the partial derivative with respect to argument position i, whatever the arguments
     * are: the same node passed twice, or arguments computed from one another, are differentiated position by
     * position, as JAX does. Arguments that are constants among variables are differentiated too.
     *
     * <pre>{@code
     * VectorFunction g = Autodiff.gradientFunction(f);
     * double[][] hessian = Autodiff.jacobian(g, x);                 // the Jacobian of the gradient
     * }</pre>
     *
     * @param f a function written with Scalar operations
     * @return x -> grad f(x), of the same length as x
     */
    public static VectorFunction gradientFunction(ScalarFunction f) {
        Objects.requireNonNull(f, "f");
        return x -> {
            Tape tape = null;
            for (Scalar s : x) {
                if (s.tape != null) {
                    tape = s.tape;
                    break;
                }
            }
            if (tape == null) {
                double[] values = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    values[i] = x[i].value;
                }
                double[] g = grad(f, values);
                Scalar[] result = new Scalar[g.length];
                for (int i = 0; i < g.length; i++) {
                    result[i] = Scalar.constant(g[i]);
                }
                return result;
            }
            // one fresh node per position (an exact copy, x * 1), so that each partial is by position even when
            // arguments are the same node or depend on one another, as JAX's grad differentiates by argument
            Scalar[] args = new Scalar[x.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = x[i].tape == null ? tape.variable(x[i].value) : x[i].mul(1.0);
            }
            Scalar y = Objects.requireNonNull(f.apply(args.clone()), "gradientFunction: the function returned null");
            return tape.recordGradient(y, args);
        };
    }

    /**
     * The Hessian-vector product H v of {@code f} at {@code x}, exactly and without forming H: the gradient of
     * (grad f . v), by one recorded sweep and one numeric sweep over it. Costs a small constant times one gradient.
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @param v the vector, of x's length; not modified
     * @return H v
     * @throws ShapeMismatchException if the lengths differ
     */
    public static double[] hvp(ScalarFunction f, double[] x, double[] v) {
        if (x.length != v.length) {
            throw new ShapeMismatchException("hvp", "x has " + x.length + " elements but v has " + v.length,
                    new int[] {x.length}, new int[] {v.length});
        }
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] g = gradientFunction(f).apply(xs);
            return tape.gradient(Scalar.dot(g, v), xs);
        }
    }

    /**
     * The Hessian of {@code f} at {@code x}: one recorded gradient, then one numeric sweep over it per row. Row i is
     * the gradient of df/dx_i; the matrix is symmetric up to rounding (it is returned as computed).
     *
     * @param f a function written with Scalar operations
     * @param x the point; not modified
     * @return {@code H[i][j] = d2f / dx_i dx_j}, n x n
     */
    public static double[][] hessian(ScalarFunction f, double... x) {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] g = gradientFunction(f).apply(xs);
            double[][] h = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                h[i] = tape.gradient(g[i], xs);
            }
            return h;
        }
    }

    /**
     * The Jacobian-vector product J v of {@code F} at {@code x} (forward mode's product), by reverse mode twice: J^T u
     * is recorded as a function of u, and the gradient of (J^T u) . v with respect to u is J v. Costs a small
     * constant times one gradient, whatever n and m are.
     *
     * @param f a vector function written with Scalar operations
     * @param x the point; not modified
     * @param v the tangent, of x's length; not modified
     * @return J v, one element per output
     * @throws ShapeMismatchException if the lengths differ
     */
    public static double[] jvp(VectorFunction f, double[] x, double[] v) {
        if (x.length != v.length) {
            throw new ShapeMismatchException("jvp", "x has " + x.length + " elements but v has " + v.length,
                    new int[] {x.length}, new int[] {v.length});
        }
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] ys = outputs("jvp", f, xs);
            double[] ones = new double[ys.length];
            java.util.Arrays.fill(ones, 1.0);                 // J^T u is linear in u: any value of u will do
            Scalar[] u = tape.variables(ones);
            Scalar[] jtu = tape.recordGradient(Scalar.dot(u, ys), xs);
            return tape.gradient(Scalar.dot(jtu, v), u);
        }
    }

    /**
     * The vector-Jacobian product u^T J of {@code F} at {@code x}: one reverse sweep from u . F(x).
     *
     * @param f a vector function written with Scalar operations
     * @param x the point; not modified
     * @param u the cotangent, one element per output; not modified
     * @return u^T J, one element per input
     * @throws ShapeMismatchException if u's length is not the number of outputs
     */
    public static double[] vjp(VectorFunction f, double[] x, double[] u) {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar[] xs = tape.variables(x);
            Scalar[] ys = outputs("vjp", f, xs);
            if (ys.length != u.length) {
                throw new ShapeMismatchException("vjp", "the function has " + ys.length + " outputs but u has "
                        + u.length + " elements", new int[] {ys.length}, new int[] {u.length});
            }
            return tape.gradient(Scalar.dot(ys, u), xs);
        }
    }

    private static Scalar[] outputs(String op, VectorFunction f, Scalar[] xs) {
        Scalar[] ys = Objects.requireNonNull(f.apply(xs.clone()), () -> op + ": the function returned null");
        for (int i = 0; i < ys.length; i++) {
            int row = i;
            Objects.requireNonNull(ys[i], () -> op + ": the function returned null as output " + row);
        }
        return ys;
    }

    /**
     * The gradient of a function of tensors with respect to one of its inputs, as a function that can itself be
     * differentiated: applied to tensors of a tape it records f and its reverse sweep there; applied to constants it
     * computes the gradient as a constant. f must have one output element.
     *
     * @param f     a function of tensors with one output element
     * @param input which input to differentiate with respect to
     * @return inputs -> d f / d inputs[input], of that input's shape
     */
    public static TensorFunction gradientFunction(TensorFunction f, int input) {
        Objects.requireNonNull(f, "f");
        return inputs -> {
            if (input < 0 || input >= inputs.length) {
                throw new IndexOutOfBoundsException("gradientFunction: input " + input + " of " + inputs.length);
            }
            Tape tape = null;
            for (Tensor t : inputs) {
                if (t.tape != null) {
                    tape = t.tape;
                    break;
                }
            }
            if (tape == null) {
                try (Tape own = Tape.openHigherOrder()) {
                    Tensor[] args = inputs.clone();
                    args[input] = own.variable(args[input]);
                    Scalar y = scalarOutput(f, args);
                    return own.gradient(y, args[input])[0];
                }
            }
            Tensor[] args = inputs.clone();
            // a fresh node for the input differentiated (an exact copy), so that the gradient is by position
            args[input] = args[input].tape == null ? tape.variable(args[input]) : args[input].mul(1.0);
            return tape.recordGradient(scalarOutput(f, args.clone()), args[input])[0];
        };
    }

    private static Scalar scalarOutput(TensorFunction f, Tensor[] args) {
        Tensor out = Objects.requireNonNull(f.apply(args), "gradientFunction: the function returned null");
        if (out.size() != 1) {
            throw new ShapeMismatchException("gradientFunction", "the function must have one output element",
                    out.shape);
        }
        return out.elementAt(0);
    }

    /**
     * The Hessian-vector product of a function of one tensor with one output element, exactly and without forming
     * H: the gradient of (grad f . v).
     *
     * @param f a function of one tensor with one output element
     * @param x the point
     * @param v the vector, of x's shape
     * @return H v, of x's shape
     * @throws ShapeMismatchException if v's shape is not x's
     */
    public static Tensor hvp(TensorFunction f, Tensor x, Tensor v) {
        if (!java.util.Arrays.equals(x.shape, v.shape)) {
            throw new ShapeMismatchException("hvp", "v must have x's shape", x.shape, v.shape);
        }
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor xv = tape.variable(x);
            Tensor g = gradientFunction(f, 0).apply(xv);
            return tape.gradient(g.mul(v).sum().item(), xv)[0];
        }
    }

    /**
     * The Hessian of a function of one tensor with one output element, over x's elements in row-major order.
     *
     * @param f a function of one tensor with one output element
     * @param x the point
     * @return n x n with n = x.size()
     */
    public static double[][] hessian(TensorFunction f, Tensor x) {
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor xv = tape.variable(x);
            Tensor g = gradientFunction(f, 0).apply(xv);
            double[][] h = new double[x.size()][];
            for (int i = 0; i < h.length; i++) {
                h[i] = tape.gradient(g.elementAt(i), xv)[0].data.clone();
            }
            return h;
        }
    }
}
