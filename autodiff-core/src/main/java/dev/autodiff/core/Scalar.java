package dev.autodiff.core;

/**
 * An immutable real number that remembers how it was computed: a handle to a node of a {@link Tape}, or a constant.
 *
 * <p>Every operation returns a new {@code Scalar} and, when an operand is on a tape, records the new node together
 * with the partial derivative of the result with respect to each non-constant operand, evaluated right away. An
 * operation of two operands is defined in its method, value and partials side by side; a function of one variable
 * takes both from its {@link UnaryFunction} constant, the one place where that function's mathematics is written.
 * Values follow {@link Math} exactly, including NaN and infinities (IEEE 754), and no operation throws for any
 * argument value. Where a function has a kink, the javadoc states the one-sided or averaged derivative chosen there.
 *
 * <p>Constants ({@link #constant(double)}) are not on any tape; an operation whose operands are all constants is a
 * plain double computation and records nothing, so the same code evaluates a function cheaply (with constants) or
 * records it for differentiation (with variables).
 *
 * <p>Names follow {@link Math} and NumPy/PyTorch. Binary operations also take a {@code double} for the second
 * operand; for a constant first operand write {@code Scalar.constant(c).sub(x)}, which records one node.
 */
public final class Scalar {
    /** The tape, or null for a constant. */
    final Tape tape;
    /** Node index on the tape, or -1 for a constant. */
    final int index;
    /** The tape's epoch when this node was recorded. */
    final int epoch;
    final double value;

    Scalar(Tape tape, int index, int epoch, double value) {
        this.tape = tape;
        this.index = index;
        this.epoch = epoch;
        this.value = value;
    }

    Scalar(double value) {
        this(null, -1, 0, value);
    }

    /**
     * A constant: a value that is not differentiated and is not recorded on any tape.
     *
     * @param value the value
     * @return a constant usable with nodes of any tape
     */
    public static Scalar constant(double value) {
        return new Scalar(value);
    }

    /** @return the value; readable at any time, even after the tape was reset or closed */
    public double value() {
        return value;
    }

    /** @return whether this is a constant rather than a node of a tape */
    public boolean isConstant() {
        return tape == null;
    }

    @Override
    public String toString() {
        return tape == null ? "Scalar(" + value + ")" : "Scalar(" + value + ", node " + index + ")";
    }

    /** Records f(this, b) with its partials, from the one place where f's mathematics is written. */
    Scalar zip(BinaryFunction f, Scalar b) {
        double x = value, y = b.value, v = f.value(x, y);
        return Tape.binary(f, this, b, v, f.partialA(x, y, v), f.partialB(x, y, v));
    }

    /** Records f(this, c) for a constant c with its partial, from the one place where f's mathematics is written. */
    Scalar zip(BinaryFunction f, double c) {
        double v = f.value(value, c);
        return Tape.unary(f, this, c, v, f.partialA(value, c, v));
    }

    /** Records f(this) with its derivative, from the one place where f's mathematics is written. */
    Scalar map(ElementwiseFunction f) {
        double y = f.value(value);
        return Tape.unary(f, this, 0.0, y, f.derivative(value, y));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arithmetic

    /** Sum, a + b; partials and edge cases: {@link BinaryFunction#ADD}. */
    public Scalar add(Scalar b) {
        return zip(BinaryFunction.ADD, b);
    }

    /** Sum with a constant, a + c; partials and edge cases: {@link BinaryFunction#ADD}. */
    public Scalar add(double c) {
        return zip(BinaryFunction.ADD, c);
    }

    /** Difference, a - b; partials and edge cases: {@link BinaryFunction#SUB}. */
    public Scalar sub(Scalar b) {
        return zip(BinaryFunction.SUB, b);
    }

    /** Difference with a constant, a - c; partials and edge cases: {@link BinaryFunction#SUB}. */
    public Scalar sub(double c) {
        return zip(BinaryFunction.SUB, c);
    }

    /** Product, a b (a node multiplied by itself gets both contributions, 2a); partials and edge cases: {@link BinaryFunction#MUL}. */
    public Scalar mul(Scalar b) {
        return zip(BinaryFunction.MUL, b);
    }

    /** Product with a constant, c a; partials and edge cases: {@link BinaryFunction#MUL}. */
    public Scalar mul(double c) {
        return zip(BinaryFunction.MUL, c);
    }

    /** Quotient, a / b; partials and edge cases: {@link BinaryFunction#DIV}. */
    public Scalar div(Scalar b) {
        return zip(BinaryFunction.DIV, b);
    }

    /** Quotient by a constant, a / c; partials and edge cases: {@link BinaryFunction#DIV}. */
    public Scalar div(double c) {
        return zip(BinaryFunction.DIV, c);
    }

    /** Negation, -a; derivative and edge cases: {@link UnaryFunction#NEG}. */
    public Scalar neg() {
        return map(UnaryFunction.NEG);
    }

    /** Square, a^2 (one node, unlike {@code a.mul(a)}, which records two edges); derivative and edge cases: {@link UnaryFunction#SQUARE}. */
    public Scalar square() {
        return map(UnaryFunction.SQUARE);
    }

    /** Square root; derivative and edge cases: {@link UnaryFunction#SQRT}. */
    public Scalar sqrt() {
        return map(UnaryFunction.SQRT);
    }

    /** Cube root; derivative and edge cases: {@link UnaryFunction#CBRT}. */
    public Scalar cbrt() {
        return map(UnaryFunction.CBRT);
    }

    /** Power with a constant exponent, a^p as {@link Math#pow}; partials and edge cases: {@link BinaryFunction#POW}. */
    public Scalar pow(double p) {
        return zip(BinaryFunction.POW, p);
    }

    /** Power, a^b as {@link Math#pow}; partials and edge cases: {@link BinaryFunction#POW}. */
    public Scalar pow(Scalar b) {
        return zip(BinaryFunction.POW, b);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exponentials and logarithms

    /** Exponential, e^a; derivative and edge cases: {@link UnaryFunction#EXP}. */
    public Scalar exp() {
        return map(UnaryFunction.EXP);
    }

    /** e^a - 1, accurate near 0; derivative and edge cases: {@link UnaryFunction#EXPM1}. */
    public Scalar expm1() {
        return map(UnaryFunction.EXPM1);
    }

    /** Natural logarithm; derivative and edge cases: {@link UnaryFunction#LOG}. */
    public Scalar log() {
        return map(UnaryFunction.LOG);
    }

    /** ln(1 + a), accurate near 0; derivative and edge cases: {@link UnaryFunction#LOG1P}. */
    public Scalar log1p() {
        return map(UnaryFunction.LOG1P);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Trigonometric

    /** Sine; derivative and edge cases: {@link UnaryFunction#SIN}. */
    public Scalar sin() {
        return map(UnaryFunction.SIN);
    }

    /** Cosine; derivative and edge cases: {@link UnaryFunction#COS}. */
    public Scalar cos() {
        return map(UnaryFunction.COS);
    }

    /** Tangent; derivative and edge cases: {@link UnaryFunction#TAN}. */
    public Scalar tan() {
        return map(UnaryFunction.TAN);
    }

    /** Arc sine; derivative and edge cases: {@link UnaryFunction#ASIN}. */
    public Scalar asin() {
        return map(UnaryFunction.ASIN);
    }

    /** Arc cosine; derivative and edge cases: {@link UnaryFunction#ACOS}. */
    public Scalar acos() {
        return map(UnaryFunction.ACOS);
    }

    /** Arc tangent; derivative and edge cases: {@link UnaryFunction#ATAN}. */
    public Scalar atan() {
        return map(UnaryFunction.ATAN);
    }

    /** Two-argument arc tangent atan2(a, b), the angle of the point (b, a); partials and edge cases: {@link BinaryFunction#ATAN2}. */
    public Scalar atan2(Scalar b) {
        return zip(BinaryFunction.ATAN2, b);
    }

    /** {@link #atan2(Scalar)} with a constant x coordinate. */
    public Scalar atan2(double x) {
        return zip(BinaryFunction.ATAN2, x);
    }

    /** Euclidean norm of (a, b) without overflow, as {@link Math#hypot}; partials and edge cases: {@link BinaryFunction#HYPOT}. */
    public Scalar hypot(Scalar b) {
        return zip(BinaryFunction.HYPOT, b);
    }

    /** {@link #hypot(Scalar)} with a constant second coordinate. */
    public Scalar hypot(double b) {
        return zip(BinaryFunction.HYPOT, b);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hyperbolic and activations

    /** Hyperbolic sine; derivative and edge cases: {@link UnaryFunction#SINH}. */
    public Scalar sinh() {
        return map(UnaryFunction.SINH);
    }

    /** Hyperbolic cosine; derivative and edge cases: {@link UnaryFunction#COSH}. */
    public Scalar cosh() {
        return map(UnaryFunction.COSH);
    }

    /** Hyperbolic tangent; derivative and edge cases: {@link UnaryFunction#TANH}. */
    public Scalar tanh() {
        return map(UnaryFunction.TANH);
    }

    /** Logistic sigmoid, 1/(1 + e^-a); derivative and edge cases: {@link UnaryFunction#SIGMOID}. */
    public Scalar sigmoid() {
        return map(UnaryFunction.SIGMOID);
    }

    /** Softplus, ln(1 + e^a); derivative and edge cases: {@link UnaryFunction#SOFTPLUS}. */
    public Scalar softplus() {
        return map(UnaryFunction.SOFTPLUS);
    }

    /** Gaussian error linear unit a Phi(a), exact; derivative and edge cases: {@link UnaryFunction#GELU}. */
    public Scalar gelu() {
        return map(UnaryFunction.GELU);
    }

    /** Standard normal distribution function Phi(a); derivative and edge cases: {@link UnaryFunction#NORMAL_CDF}. */
    public Scalar normalCdf() {
        return map(UnaryFunction.NORMAL_CDF);
    }

    /** Rectified linear unit, max(a, 0); derivative and edge cases: {@link UnaryFunction#RELU}. */
    public Scalar relu() {
        return map(UnaryFunction.RELU);
    }

    /** Absolute value; derivative and edge cases: {@link UnaryFunction#ABS}. */
    public Scalar abs() {
        return map(UnaryFunction.ABS);
    }

    /** Minimum, min(a, b) as {@link Math#min}; partials and edge cases: {@link BinaryFunction#MINIMUM}. */
    public Scalar min(Scalar b) {
        return zip(BinaryFunction.MINIMUM, b);
    }

    /** {@link #min(Scalar)} with a constant. */
    public Scalar min(double c) {
        return zip(BinaryFunction.MINIMUM, c);
    }

    /** Maximum, max(a, b) as {@link Math#max}; partials and edge cases: {@link BinaryFunction#MAXIMUM}. */
    public Scalar max(Scalar b) {
        return zip(BinaryFunction.MAXIMUM, b);
    }

    /** {@link #max(Scalar)} with a constant. */
    public Scalar max(double c) {
        return zip(BinaryFunction.MAXIMUM, c);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // n-ary: one node, n edges

    /**
     * Sum of any number of terms as one node: f = sum_i x_i; df/dx_i = 1. Records one node with one edge per
     * non-constant term instead of n - 1 additions. Terms are added left to right, as a loop of {@code add} would.
     *
     * @param terms the terms, possibly repeated; the empty sum is the constant 0
     * @return the sum
     */
    public static Scalar sum(Scalar... terms) {
        double f = 0.0;
        double[] partials = new double[terms.length];
        for (int i = 0; i < terms.length; i++) {
            f += terms[i].value;
            partials[i] = 1.0;
        }
        return Tape.nary("sum", terms, partials, null, f);
    }

    /**
     * Inner product as one node: f = sum_i a_i b_i; df/da_i = b_i, df/db_i = a_i.
     *
     * @param a the first vector; not modified
     * @param b the second vector, of the same length; not modified
     * @return the inner product (the constant 0 for empty vectors)
     * @throws ShapeMismatchException if the lengths differ
     */
    public static Scalar dot(Scalar[] a, Scalar[] b) {
        if (a.length != b.length) {
            throw new ShapeMismatchException("dot", "lengths differ, " + a.length + " != " + b.length,
                    new int[] {a.length}, new int[] {b.length});
        }
        int n = a.length;
        Scalar[] operands = new Scalar[2 * n];
        double[] partials = new double[2 * n];
        Scalar[] partialNodes = new Scalar[2 * n];
        double f = 0.0;
        for (int i = 0; i < n; i++) {
            f += a[i].value * b[i].value;
            operands[i] = a[i];
            partials[i] = b[i].value;
            operands[n + i] = b[i];
            partials[n + i] = a[i].value;
            partialNodes[i] = b[i];
            partialNodes[n + i] = a[i];
        }
        return Tape.nary("dot", operands, partials, partialNodes, f);
    }

    /**
     * Weighted sum with constant weights as one node: f = sum_i w_i a_i; df/da_i = w_i.
     *
     * @param a       the nodes; not modified
     * @param weights the weights, of the same length; not modified
     * @return the weighted sum (the constant 0 for empty vectors)
     * @throws ShapeMismatchException if the lengths differ
     */
    public static Scalar dot(Scalar[] a, double[] weights) {
        if (a.length != weights.length) {
            throw new ShapeMismatchException("dot", "lengths differ, " + a.length + " != " + weights.length,
                    new int[] {a.length}, new int[] {weights.length});
        }
        double f = 0.0;
        for (int i = 0; i < a.length; i++) {
            f += a[i].value * weights[i];
        }
        return Tape.nary("dot", a, weights, null, f);
    }
}
