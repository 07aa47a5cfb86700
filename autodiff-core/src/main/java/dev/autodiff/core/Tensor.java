package dev.autodiff.core;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An immutable N-dimensional array of doubles, row-major, of any rank (rank 0 is a single number), that remembers
 * how it was computed: a block of nodes on a {@link Tape}, or a constant.
 *
 * <pre>{@code
 * try (Tape tape = Tape.open()) {
 *     Tensor w = tape.variable(Tensor.randomNormal(42, 3, 2));
 *     Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
 *     Scalar loss = x.matmul(w).tanh().square().sum().item();
 *     Tensor dw = tape.gradient(loss).of(w);       // same shape as w
 * }
 * }</pre>
 *
 * <p>Tensors and {@link Scalar}s share one tape and one sweep: a recorded tensor of n elements occupies n
 * consecutive nodes, so each element is itself a scalar node ({@link #element(int...)}), and scalars assemble into a
 * tensor ({@link #fromScalars(Scalar[], int...)}). Every operation is a {@link TensorOp}, its forward and backward
 * together; operations whose operands are all constants are computed and not recorded. Binary operations broadcast
 * as NumPy does. A shape that does not fit raises a {@link ShapeMismatchException} naming the operation and the
 * shapes, and records nothing.
 */
public final class Tensor {
    /** The most elements a tensor holds: the largest array every JVM allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    final int[] shape;
    /** Owned and never written after construction. */
    final double[] data;
    /** The tape, or null for a constant. */
    final Tape tape;
    /** First node index on the tape, or -1 for a constant. */
    final int base;
    final int epoch;

    Tensor(int[] shape, double[] data, Tape tape, int base, int epoch) {
        this.shape = shape;
        this.data = data;
        this.tape = tape;
        this.base = base;
        this.epoch = epoch;
    }

    /** A constant tensor that takes ownership of {@code data}. */
    static Tensor wrap(double[] data, int... shape) {
        return new Tensor(shape, data, null, -1, 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Factories: constants

    /**
     * A tensor holding a copy of {@code data}, in row-major order.
     *
     * @param data  the elements; not modified
     * @param shape the dimensions, each &gt;= 0; none for a rank-0 tensor
     * @return a constant
     * @throws IllegalArgumentException if a dimension is negative
     * @throws ShapeMismatchException   if the sizes differ, naming the data's length and the shape
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = checkShape("of", shape);
        if (data.length != sizeOf(s)) {
            throw new ShapeMismatchException("of", data.length + " values do not fill " + sizeOf(s) + " elements",
                    new int[] {data.length}, s);
        }
        return wrap(data.clone(), s);
    }

    /** @return a rank-1 tensor of the given values */
    public static Tensor vector(double... values) {
        return wrap(values.clone(), values.length);
    }

    /**
     * @param rows the rows, all of one length; not modified
     * @return a rank-2 tensor
     * @throws ShapeMismatchException if a row's length differs from the first row's, naming both
     */
    public static Tensor matrix(double[][] rows) {
        int m = rows.length, n = m == 0 ? 0 : rows[0].length;
        double[] data = new double[sizeOf("matrix", new int[] {m, n})];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n) {
                throw new ShapeMismatchException("matrix", "row " + i + " has " + rows[i].length + " values, row 0 has "
                        + n, new int[] {n}, new int[] {rows[i].length});
            }
            System.arraycopy(rows[i], 0, data, i * n, n);
        }
        return wrap(data, m, n);
    }

    /** @return a rank-0 tensor */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value});
    }

    /**
     * @return a tensor of zeros
     * @throws IllegalArgumentException if a dimension is negative or the shape has more than 2^31 - 9 elements
     */
    public static Tensor zeros(int... shape) {
        return filled("zeros", 0.0, shape);
    }

    /**
     * @return a tensor of ones
     * @throws IllegalArgumentException if a dimension is negative or the shape has more than 2^31 - 9 elements
     */
    public static Tensor ones(int... shape) {
        return filled("ones", 1.0, shape);
    }

    /**
     * @return a tensor with every element {@code value}
     * @throws IllegalArgumentException if a dimension is negative or the shape has more than 2^31 - 9 elements
     */
    public static Tensor full(double value, int... shape) {
        return filled("full", value, shape);
    }

    private static Tensor filled(String op, double value, int[] shape) {
        int[] s = checkShape(op, shape);
        double[] data = new double[sizeOf(s)];
        Arrays.fill(data, value);
        return wrap(data, s);
    }

    /** @return the rank-1 tensor 0, 1, ..., n - 1 */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * @return the rank-1 tensor start, start + step, ... of the values below {@code stop} (above it for a negative
     *         step), as NumPy's arange
     * @throws IllegalArgumentException for a zero or non-finite step, or more than 2^31 - 9 values
     */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: start " + start + ", stop " + stop + ", step " + step
                    + ": the step must be finite and non-zero");
        }
        double count = Math.max(0, Math.ceil((stop - start) / step));
        if (count > MAX_SIZE) {
            throw new IllegalArgumentException("arange: start " + start + ", stop " + stop + ", step " + step
                    + " gives " + (count < 0x1p62 ? String.valueOf((long) count) : String.valueOf(count))
                    + " values, more than the " + MAX_SIZE + " a tensor holds");
        }
        int n = (int) count;
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return wrap(data, n);
    }

    /**
     * @return {@code count} evenly spaced values from start to stop, both included
     * @throws IllegalArgumentException if count is negative or more than 2^31 - 9
     */
    public static Tensor linspace(double start, double stop, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("linspace: count " + count + " < 0");
        }
        if (count > MAX_SIZE) {
            throw new IllegalArgumentException("linspace: count " + count + " is more than the " + MAX_SIZE
                    + " values a tensor holds");
        }
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            data[i] = count == 1 ? start : start + (stop - start) * i / (count - 1);
        }
        if (count > 1) {
            data[count - 1] = stop;
        }
        return wrap(data, count);
    }

    /**
     * @return the n x n identity matrix
     * @throws IllegalArgumentException if n is negative or n^2 is more than 2^31 - 9
     */
    public static Tensor eye(int n) {
        double[] data = new double[sizeOf(checkShape("eye", n, n))];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1.0;
        }
        return wrap(data, n, n);
    }

    /** @return a tensor of standard normal samples from {@code rng} */
    public static Tensor randomNormal(RandomGenerator rng, int... shape) {
        int[] s = checkShape("randomNormal", shape);
        double[] data = new double[sizeOf(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return wrap(data, s);
    }

    /** @return a tensor of standard normal samples, the same for the same seed */
    public static Tensor randomNormal(long seed, int... shape) {
        return randomNormal(new SplittableRandom(seed), shape);
    }

    /** @return a tensor of samples uniform in [lo, hi) from {@code rng} */
    public static Tensor randomUniform(RandomGenerator rng, double lo, double hi, int... shape) {
        int[] s = checkShape("randomUniform", shape);
        if (!(lo < hi)) {
            throw new IllegalArgumentException("randomUniform: empty range [" + lo + ", " + hi + ")");
        }
        double[] data = new double[sizeOf(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble(lo, hi);
        }
        return wrap(data, s);
    }

    /** @return a tensor of samples uniform in [lo, hi), the same for the same seed */
    public static Tensor randomUniform(long seed, double lo, double hi, int... shape) {
        return randomUniform(new SplittableRandom(seed), lo, hi, shape);
    }

    /**
     * A tensor assembled from scalars: element i is {@code elements[i]}. If any element is a node of a tape, the
     * result is a node block of that tape and each element's gradient flows back to its scalar.
     *
     * @param elements the elements in row-major order; constants allowed
     * @param shape    the dimensions
     * @return the tensor
     * @throws ShapeMismatchException if the number of elements is not the shape's size
     */
    public static Tensor fromScalars(Scalar[] elements, int... shape) {
        int[] s = checkShape("fromScalars", shape);
        if (elements.length != sizeOf(s)) {
            throw new ShapeMismatchException("fromScalars", elements.length + " scalars do not fill " + sizeOf(s)
                    + " elements", new int[] {elements.length}, s);
        }
        double[] data = new double[elements.length];
        Tape t = null;
        for (int i = 0; i < elements.length; i++) {
            data[i] = elements[i].value;
            if (t == null) {
                t = elements[i].tape;
            }
        }
        if (t == null) {
            return wrap(data, s);
        }
        t.checkUsable("fromScalars");
        if (!t.isRecording()) {
            for (Scalar e : elements) {
                if (e.tape != null) {
                    t.checkOperand("fromScalars", e);
                }
            }
            return wrap(data, s);
        }
        for (Scalar e : elements) {               // check everything before recording anything
            if (e.tape != null) {
                t.checkOperand("fromScalars", e);
            }
        }
        int first = t.newNodes("fromScalars", elements.length);
        t.recordCopies("fromScalars", first, elements);
        return new Tensor(s, data, t, first, t.epoch());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    /** @return the dimensions (a copy) */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return data.length;
    }

    /** @return the elements in row-major order (a copy) */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * @param index one index per dimension
     * @return that element's value
     */
    public double get(int... index) {
        return data[flatIndex("get", index)];
    }

    /**
     * One element as a {@link Scalar}: for a recorded tensor, the element's own node (nothing new is recorded), so
     * scalar computations on it flow back into the tensor's gradient.
     *
     * @param index one index per dimension
     * @return the element
     */
    public Scalar element(int... index) {
        int i = flatIndex("element", index);
        return tape == null ? Scalar.constant(data[i]) : new Scalar(tape, base + i, epoch, data[i]);
    }

    /** Element {@code i} in row-major order as a {@link Scalar}, its own node for a recorded tensor. */
    Scalar elementAt(int i) {
        return tape == null ? Scalar.constant(data[i]) : new Scalar(tape, base + i, epoch, data[i]);
    }

    /**
     * @return the single element of a tensor of size 1, as a {@link Scalar}
     * @throws ShapeMismatchException if the size is not 1
     */
    public Scalar item() {
        if (data.length != 1) {
            throw new ShapeMismatchException("item", "only a tensor of one element is a scalar", shape);
        }
        return tape == null ? Scalar.constant(data[0]) : new Scalar(tape, base, epoch, data[0]);
    }

    /** @return whether this is a constant rather than a node block of a tape */
    public boolean isConstant() {
        return tape == null;
    }

    /** @return the same values as a constant: gradients do not flow through it */
    public Tensor detach() {
        return tape == null ? this : new Tensor(shape, data, null, -1, 0);
    }

    private int flatIndex(String op, int[] index) {
        if (index.length != shape.length) {
            throw new ShapeMismatchException(op, index.length + " indices " + Arrays.toString(index)
                    + " for a tensor of rank " + shape.length, shape);
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + Arrays.toString(index) + " is outside shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Tensor").append(Arrays.toString(shape));
        if (tape != null) {
            s.append("(nodes ").append(base).append("..").append(base + data.length - 1).append(')');
        }
        s.append(' ');
        if (data.length > 64) {
            s.append("[").append(data[0]).append(", ").append(data[1]).append(", ..., ").append(data[data.length - 1])
                    .append("]");
        } else {
            appendNested(s, 0, 0);
        }
        return s.toString();
    }

    private int appendNested(StringBuilder s, int dim, int offset) {
        if (dim == shape.length) {
            s.append(data[offset]);
            return offset + 1;
        }
        s.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                s.append(", ");
            }
            offset = appendNested(s, dim + 1, offset);
        }
        s.append(']');
        return offset;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Elementwise, one operand

    /**
     * Applies an elementwise function of one variable; its derivative and edge cases are those the function states
     * (for the built-ins, its {@link UnaryFunction} constant).
     *
     * @param f the function
     * @return f applied to every element
     */
    public Tensor map(ElementwiseFunction f) {
        return ElementwiseOps.map(f).apply(this);
    }

    /** @return -x elementwise */
    public Tensor neg() {
        return map(UnaryFunction.NEG);
    }

    /** @return |x| elementwise (subgradient 0 at 0) */
    public Tensor abs() {
        return map(UnaryFunction.ABS);
    }

    /** @return x^2 elementwise */
    public Tensor square() {
        return map(UnaryFunction.SQUARE);
    }

    /** @return sqrt(x) elementwise */
    public Tensor sqrt() {
        return map(UnaryFunction.SQRT);
    }

    /** @return e^x elementwise */
    public Tensor exp() {
        return map(UnaryFunction.EXP);
    }

    /** @return ln(x) elementwise */
    public Tensor log() {
        return map(UnaryFunction.LOG);
    }

    /** @return ln(1 + x) elementwise */
    public Tensor log1p() {
        return map(UnaryFunction.LOG1P);
    }

    /** @return sin(x) elementwise */
    public Tensor sin() {
        return map(UnaryFunction.SIN);
    }

    /** @return cos(x) elementwise */
    public Tensor cos() {
        return map(UnaryFunction.COS);
    }

    /** @return tanh(x) elementwise */
    public Tensor tanh() {
        return map(UnaryFunction.TANH);
    }

    /** @return the logistic sigmoid elementwise */
    public Tensor sigmoid() {
        return map(UnaryFunction.SIGMOID);
    }

    /** @return max(x, 0) elementwise (derivative 0 at 0) */
    public Tensor relu() {
        return map(UnaryFunction.RELU);
    }

    /** @return ln(1 + e^x) elementwise */
    public Tensor softplus() {
        return map(UnaryFunction.SOFTPLUS);
    }

    /** @return x Phi(x) elementwise, the exact GELU; see {@link UnaryFunction#GELU} */
    public Tensor gelu() {
        return map(UnaryFunction.GELU);
    }

    /** @return e^x - 1 elementwise, accurate near 0; see {@link UnaryFunction#EXPM1} */
    public Tensor expm1() {
        return map(UnaryFunction.EXPM1);
    }

    /** @return the cube root elementwise; see {@link UnaryFunction#CBRT} */
    public Tensor cbrt() {
        return map(UnaryFunction.CBRT);
    }

    /** @return tan(x) elementwise; see {@link UnaryFunction#TAN} */
    public Tensor tan() {
        return map(UnaryFunction.TAN);
    }

    /** @return asin(x) elementwise, domain [-1, 1]; see {@link UnaryFunction#ASIN} */
    public Tensor asin() {
        return map(UnaryFunction.ASIN);
    }

    /** @return acos(x) elementwise, domain [-1, 1]; see {@link UnaryFunction#ACOS} */
    public Tensor acos() {
        return map(UnaryFunction.ACOS);
    }

    /** @return atan(x) elementwise; see {@link UnaryFunction#ATAN} */
    public Tensor atan() {
        return map(UnaryFunction.ATAN);
    }

    /** @return sinh(x) elementwise; see {@link UnaryFunction#SINH} */
    public Tensor sinh() {
        return map(UnaryFunction.SINH);
    }

    /** @return cosh(x) elementwise; see {@link UnaryFunction#COSH} */
    public Tensor cosh() {
        return map(UnaryFunction.COSH);
    }

    /** @return the standard normal distribution function Phi(x) elementwise; see {@link UnaryFunction#NORMAL_CDF} */
    public Tensor normalCdf() {
        return map(UnaryFunction.NORMAL_CDF);
    }

    /**
     * Leaky relu: x for x &gt; 0, {@code slope} x otherwise; derivative 1 or {@code slope} ({@code slope} at 0).
     *
     * @param slope the slope below 0, typically 0.01
     * @return the activation elementwise
     */
    public Tensor leakyRelu(double slope) {
        return map(new Activations.LeakyRelu(slope));
    }

    /**
     * ELU: x for x &gt; 0, alpha (e^x - 1) otherwise; derivative 1 or alpha e^x (alpha at 0).
     *
     * @param alpha the scale below 0, typically 1
     * @return the activation elementwise
     */
    public Tensor elu(double alpha) {
        return map(new Activations.Elu(alpha));
    }

    /**
     * Clamps into [lo, hi]; derivative 1 inside the interval, bounds included (as PyTorch), 0 outside.
     *
     * @param lo the lower bound
     * @param hi the upper bound, &gt;= lo
     * @return the clamped values
     * @throws IllegalArgumentException if lo &gt; hi or either is NaN
     */
    public Tensor clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: bounds [" + lo + ", " + hi + "] are empty or NaN");
        }
        return map(new Activations.Clamp(lo, hi));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Elementwise, two operands, with broadcasting

    /**
     * Applies an elementwise function of two variables with NumPy broadcasting; its partials and edge cases are
     * those of the {@link BinaryFunction} constant, and each operand's gradient is summed back to its own shape.
     *
     * @param f     the function
     * @param other the second operand
     * @return f(this, other) elementwise, of the broadcast shape
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    public Tensor zip(BinaryFunction f, Tensor other) {
        return ElementwiseOps.zip(f).apply(this, other);
    }

    /** @return this + other, broadcast */
    public Tensor add(Tensor other) {
        return zip(BinaryFunction.ADD, other);
    }

    /** @return this - other, broadcast */
    public Tensor sub(Tensor other) {
        return zip(BinaryFunction.SUB, other);
    }

    /** @return this * other elementwise, broadcast */
    public Tensor mul(Tensor other) {
        return zip(BinaryFunction.MUL, other);
    }

    /** @return this / other elementwise, broadcast */
    public Tensor div(Tensor other) {
        return zip(BinaryFunction.DIV, other);
    }

    /** @return this ^ other elementwise, broadcast */
    public Tensor pow(Tensor other) {
        return zip(BinaryFunction.POW, other);
    }

    /** @return the elementwise maximum, broadcast (gradient split evenly at ties) */
    public Tensor maximum(Tensor other) {
        return zip(BinaryFunction.MAXIMUM, other);
    }

    /** @return the elementwise minimum, broadcast (gradient split evenly at ties) */
    public Tensor minimum(Tensor other) {
        return zip(BinaryFunction.MINIMUM, other);
    }

    /** @return atan2(this, other) elementwise, broadcast: the angle of the point (other, this); see {@link BinaryFunction#ATAN2} */
    public Tensor atan2(Tensor other) {
        return zip(BinaryFunction.ATAN2, other);
    }

    /** @return sqrt(this^2 + other^2) elementwise without overflow, broadcast; see {@link BinaryFunction#HYPOT} */
    public Tensor hypot(Tensor other) {
        return zip(BinaryFunction.HYPOT, other);
    }

    /** @return this + c */
    public Tensor add(double c) {
        return add(scalar(c));
    }

    /** @return this - c */
    public Tensor sub(double c) {
        return sub(scalar(c));
    }

    /** @return this * c */
    public Tensor mul(double c) {
        return mul(scalar(c));
    }

    /** @return this / c */
    public Tensor div(double c) {
        return div(scalar(c));
    }

    /** @return this ^ p elementwise */
    public Tensor pow(double p) {
        return pow(scalar(p));
    }

    /** @return the elementwise maximum with c (gradient split evenly at ties) */
    public Tensor maximum(double c) {
        return maximum(scalar(c));
    }

    /** @return the elementwise minimum with c (gradient split evenly at ties) */
    public Tensor minimum(double c) {
        return minimum(scalar(c));
    }

    /** @return this ^ s elementwise, where the exponent's gradient collects every element's contribution */
    public Tensor pow(Scalar s) {
        return zipScalar(BinaryFunction.POW, s);
    }

    /** @return this + s, where the scalar's gradient collects every element's contribution */
    public Tensor add(Scalar s) {
        return zipScalar(BinaryFunction.ADD, s);
    }

    /** @return this - s */
    public Tensor sub(Scalar s) {
        return zipScalar(BinaryFunction.SUB, s);
    }

    /** @return this * s */
    public Tensor mul(Scalar s) {
        return zipScalar(BinaryFunction.MUL, s);
    }

    /** @return this / s */
    public Tensor div(Scalar s) {
        return zipScalar(BinaryFunction.DIV, s);
    }

    /** f(this, s) with s as a rank-0 tensor; both operands are checked before that tensor is recorded. */
    private Tensor zipScalar(BinaryFunction f, Scalar s) {
        Tape t = tape != null ? tape : s.tape;
        if (t != null) {
            if (tape != null) {
                t.checkLive(f.opName(), this, tape, epoch);
            }
            if (s.tape != null) {
                t.checkLive(f.opName(), s, s.tape, s.epoch);
            }
        }
        return zip(f, fromScalars(new Scalar[] {s}));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reductions

    /** @return the sum of all elements, a rank-0 tensor */
    public Tensor sum() {
        return sum(false, allAxes());
    }

    /**
     * Sums over the given axes.
     *
     * @param keepDims whether the reduced axes stay, with length 1
     * @param axes     the axes (negative counts from the end); none means all
     * @return the sums
     * @throws ShapeMismatchException for an axis out of range or repeated
     */
    public Tensor sum(boolean keepDims, int... axes) {
        return ShapeOps.sum(normalizeAxes("sum", axes), keepDims).apply(this);
    }

    /** @return the mean of all elements, a rank-0 tensor (NaN for no elements) */
    public Tensor mean() {
        return mean(false, allAxes());
    }

    /**
     * Means over the given axes: the sum divided by the number of elements summed.
     *
     * @param keepDims whether the reduced axes stay, with length 1
     * @param axes     the axes (negative counts from the end); none means all
     * @return the means
     */
    public Tensor mean(boolean keepDims, int... axes) {
        int[] normalized = normalizeAxes("mean", axes);
        int count = 1;
        for (int a : normalized) {
            count *= shape[a];
        }
        return sum(keepDims, normalized).div(count);
    }

    private int[] allAxes() {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private int[] normalizeAxes(String op, int[] axes) {
        if (axes.length == 0) {
            return allAxes();
        }
        boolean[] seen = new boolean[shape.length];
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + shape.length : axes[i];
            if (a < 0 || a >= shape.length || seen[a]) {
                throw new ShapeMismatchException(op, "axis " + axes[i] + " of axes " + Arrays.toString(axes)
                        + (a >= 0 && a < shape.length ? " is repeated" : " is out of range"), shape);
            }
            seen[a] = true;
            out[i] = a;
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * The maximum over the given axes, NaN for a group holding NaN (as {@link Math#max}). The gradient goes to each
     * group's maximal elements, split evenly among ties.
     *
     * @param keepDims whether the reduced axes stay, with length 1
     * @param axes     the axes (negative counts from the end); none means all
     * @return the maxima (-infinity for an empty group)
     */
    public Tensor max(boolean keepDims, int... axes) {
        return SelectOps.extremum(normalizeAxes("max", axes), keepDims, true).apply(this);
    }

    /** @return the maximum of all elements, a rank-0 tensor */
    public Tensor max() {
        return max(false);
    }

    /**
     * The minimum over the given axes; see {@link #max(boolean, int...)}.
     *
     * @param keepDims whether the reduced axes stay, with length 1
     * @param axes     the axes (negative counts from the end); none means all
     * @return the minima (+infinity for an empty group)
     */
    public Tensor min(boolean keepDims, int... axes) {
        return SelectOps.extremum(normalizeAxes("min", axes), keepDims, false).apply(this);
    }

    /** @return the minimum of all elements, a rank-0 tensor */
    public Tensor min() {
        return min(false);
    }

    /**
     * log(sum(exp(x))) over the given axes, computed as m + log(sum(exp(x - m))) with m the group's maximum (held
     * constant: the result does not depend on it), so that it neither overflows nor underflows; +-1000 are fine.
     * Its gradient is the softmax of the group. A group of -infinities gives -infinity.
     *
     * @param keepDims whether the reduced axes stay, with length 1
     * @param axes     the axes (negative counts from the end); none means all
     * @return the log-sum-exps
     */
    public Tensor logSumExp(boolean keepDims, int... axes) {
        int[] ax = normalizeAxes("logSumExp", axes);
        Tensor shift = maxShift(ax);
        Tensor result = sub(shift).exp().sum(true, ax).log().add(shift);
        return keepDims ? result : result.reshape(ShapeOps.squeezed(result.shape, ax));
    }

    /**
     * The maximum over the axes (dimensions kept) as a constant, with non-finite maxima replaced by 0: subtracting
     * it makes exponentials safe, and results that are invariant to the shift get their gradients right without it.
     */
    private Tensor maxShift(int[] axes) {
        double[] m = detach().max(true, axes).data.clone();
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(m[i])) {
                m[i] = 0.0;                       // an all -inf (or +inf, or NaN) group needs no shift
            }
        }
        return wrap(m, ShapeOps.kept(shape, axes));
    }

    /**
     * The variance over the given axes: sum((x - mean)^2) / max(N - correction, 0), where N is the number of elements
     * in each group; correction 0 is the population variance (NumPy's default), 1 the unbiased sample variance
     * (PyTorch's).
     *
     * <p>As NumPy's {@code var} with {@code ddof >= N}, a group with N &lt;= correction divides by 0: its variance is
     * +infinity, or NaN where its sum of squares is 0 (all elements equal). Its gradient (for a positive output
     * gradient) is then 2 (x - mean) / 0: -infinity below the group's mean, +infinity above it, NaN at it. An empty
     * group's variance is NaN, the mean of nothing, whatever the correction.
     *
     * @param correction subtracted from N in the denominator
     * @param keepDims   whether the reduced axes stay, with length 1
     * @param axes       the axes (negative counts from the end); none means all
     * @return the variances
     */
    public Tensor variance(int correction, boolean keepDims, int... axes) {
        int[] ax = normalizeAxes("variance", axes);
        int count = 1;
        for (int a : ax) {
            count *= shape[a];
        }
        long dof = count == 0 ? 0 : Math.max((long) count - correction, 0);
        Tensor mean = mean(true, ax);
        if (dof == 0) {
            // the mean's exact contribution to the gradient, -sum(2 (x - mean)) / 0, would add inf - inf = NaN to
            // every element; it is 0 before the division, so the mean is held constant
            mean = mean.detach();
        }
        return sub(mean).square().sum(keepDims, ax).div(dof);
    }

    /**
     * Softmax along an axis: exp(x_i) / sum_j exp(x_j), computed as e / sum(e) with e = exp(x - max), so stable and
     * accurate to a few ulps for any magnitudes.
     *
     * @param axis the axis (negative counts from the end)
     * @return non-negative values summing to 1 along the axis
     */
    public Tensor softmax(int axis) {
        int[] ax = normalizeAxes("softmax", new int[] {axis});
        Tensor e = sub(maxShift(ax)).exp();
        return e.div(e.sum(true, ax));
    }

    /**
     * Log-softmax along an axis: x_i - logSumExp(x), computed as (x - max) - log(sum(exp(x - max))), so that
     * neither term is large when the inputs are; stable and accurate at +-1000.
     *
     * @param axis the axis (negative counts from the end)
     * @return the log-probabilities
     */
    public Tensor logSoftmax(int axis) {
        int[] ax = normalizeAxes("logSoftmax", new int[] {axis});
        Tensor shifted = sub(maxShift(ax));
        return shifted.sub(shifted.exp().sum(true, ax).log());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparisons and selection. Comparisons are not differentiable: they return constant masks of 0 and 1.

    /** @return 1 where this &gt; other, else 0; a constant, broadcast */
    public Tensor gt(Tensor other) {
        return compare("gt", other, Comparison.GT);
    }

    /** @return 1 where this &gt;= other, else 0; a constant, broadcast */
    public Tensor ge(Tensor other) {
        return compare("ge", other, Comparison.GE);
    }

    /** @return 1 where this &lt; other, else 0; a constant, broadcast */
    public Tensor lt(Tensor other) {
        return compare("lt", other, Comparison.LT);
    }

    /** @return 1 where this &lt;= other, else 0; a constant, broadcast */
    public Tensor le(Tensor other) {
        return compare("le", other, Comparison.LE);
    }

    /** @return 1 where this == other, else 0 (NaN equals nothing); a constant, broadcast */
    public Tensor eq(Tensor other) {
        return compare("eq", other, Comparison.EQ);
    }

    /** @return 1 where this &gt; c, else 0 */
    public Tensor gt(double c) {
        return gt(scalar(c));
    }

    /** @return 1 where this &lt; c, else 0 */
    public Tensor lt(double c) {
        return lt(scalar(c));
    }

    private enum Comparison { GT, GE, LT, LE, EQ }

    private Tensor compare(String op, Tensor other, Comparison c) {
        int[] s = Broadcasting.shape(op, shape, other.shape);
        int[] ia = Broadcasting.indexMap(shape, s), ib = Broadcasting.indexMap(other.shape, s);
        double[] m = new double[ia.length];
        for (int i = 0; i < m.length; i++) {
            double a = data[ia[i]], b = other.data[ib[i]];
            boolean r = switch (c) {
                case GT -> a > b;
                case GE -> a >= b;
                case LT -> a < b;
                case LE -> a <= b;
                case EQ -> a == b;
            };
            m[i] = r ? 1.0 : 0.0;
        }
        return wrap(m, s);
    }

    /**
     * Chooses elementwise: {@code ifTrue} where the mask is non-zero, {@code ifFalse} elsewhere, all three
     * broadcast. The mask gets no gradient. The gradient of each branch is selected, not multiplied by the mask, and
     * a zero gradient passes nothing on, so the branch a mask excludes leaks no NaN: {@code where(x.gt(0),
     * x.sqrt(), zeros)} has gradient 0, not NaN, at negative x.
     *
     * @param mask    non-zero where {@code ifTrue} is chosen
     * @param ifTrue  the values where the mask is non-zero
     * @param ifFalse the values elsewhere
     * @return the chosen values
     */
    public static Tensor where(Tensor mask, Tensor ifTrue, Tensor ifFalse) {
        return SelectOps.WHERE.apply(mask.detach(), ifTrue, ifFalse);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Matrix product and movement

    /**
     * The dense layer's affine map, PyTorch's {@code F.linear}: this W^T + b for this of shape [..., in], W [out, in]
     * and b [out], giving [..., out]. One primitive (no transposed copy of W, no broadcast of b), with the gradients
     * dx = g W, dW = g^T x (rows of all leading dimensions together) and db = the sum of g over them.
     *
     * @param weight W, [out, in]
     * @param bias   b, [out], or null for none
     * @return the product
     * @throws ShapeMismatchException if the shapes do not fit, naming all three
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return Linear.of(this, weight, bias);
    }

    /**
     * Matrix product, as NumPy's matmul: [m, k] @ [k, n] = [m, n]; a rank-1 left operand is a row vector and a
     * rank-1 right operand a column vector (the added dimension is removed from the result); higher ranks are
     * stacks of matrices whose leading (batch) dimensions broadcast.
     *
     * @param other the right operand
     * @return the product
     * @throws ShapeMismatchException if the inner dimensions differ, batch dimensions do not broadcast, or an
     *                                operand has rank 0
     */
    public Tensor matmul(Tensor other) {
        return MatMul.product(this, other);
    }

    /**
     * The same elements in another shape.
     *
     * @param newShape the dimensions; one may be -1, inferred from the size
     * @return the reshaped tensor
     * @throws ShapeMismatchException if the sizes differ
     */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(inferShape(newShape)).apply(this);
    }

    private int[] inferShape(int[] newShape) {
        int[] s = newShape.clone();
        int unknown = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (s[i] < 0) {
                throw new ShapeMismatchException("reshape", "dimensions must be >= 0, one may be -1", shape, newShape);
            }
        }
        if (unknown >= 0) {
            s[unknown] = 1;
            long known = boundedSize(s);           // the other dimensions' product, MAX_SIZE + 1 if larger
            if (known == 0 || data.length % known != 0) {
                throw new ShapeMismatchException("reshape", "cannot infer the -1 dimension", shape, newShape);
            }
            s[unknown] = (int) (data.length / known);
        }
        if (boundedSize(s) != data.length) {
            throw new ShapeMismatchException("reshape", "sizes differ: " + data.length + " != " + exactSize(s), shape,
                    newShape);
        }
        return s;
    }

    /**
     * Reorders the dimensions: dimension i of the result is dimension {@code axes[i]} of this.
     *
     * @param axes a permutation of 0 .. rank - 1
     * @return the permuted tensor
     * @throws ShapeMismatchException if {@code axes} is not a permutation of this tensor's axes
     */
    public Tensor permute(int... axes) {
        if (axes.length != shape.length) {
            throw new ShapeMismatchException("permute", Arrays.toString(axes) + " is not a permutation of the "
                    + shape.length + " axes", shape);
        }
        normalizeAxes("permute", axes);                 // every axis in range, none repeated: a permutation
        int[] ordered = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            ordered[i] = axes[i] < 0 ? axes[i] + shape.length : axes[i];
        }
        return ShapeOps.permute(ordered).apply(this);
    }

    /** @return the transpose: the last two dimensions swapped (a tensor of rank below 2 is returned as is) */
    public Tensor transpose() {
        if (shape.length < 2) {
            return this;
        }
        int[] axes = allAxes();
        axes[axes.length - 2] = axes.length - 1;
        axes[axes.length - 1] = axes.length - 2;
        return permute(axes);
    }

    /**
     * Repeats this tensor along dimensions of length 1 (and new leading dimensions) to the given shape; the gradient
     * is summed back.
     *
     * @param target the shape to broadcast to
     * @return the broadcast tensor
     * @throws ShapeMismatchException if this shape does not broadcast to {@code target}
     */
    public Tensor broadcastTo(int... target) {
        int[] t = checkShape("broadcastTo", target);
        if (!Broadcasting.broadcastsTo(shape, t)) {
            throw new ShapeMismatchException("broadcastTo", "the shape does not broadcast to the target", shape, t);
        }
        return ShapeOps.broadcastTo(t).apply(this);
    }

    /**
     * Sums this tensor down to a shape that broadcasts to this one: the reverse of {@link #broadcastTo}, and how
     * every broadcasting operation returns gradients to its operands' shapes.
     *
     * @param target a shape that broadcasts to this tensor's shape
     * @return the sums
     * @throws ShapeMismatchException if {@code target} does not broadcast to this shape
     */
    public Tensor sumTo(int... target) {
        int[] t = checkShape("sumTo", target);
        if (!Broadcasting.broadcastsTo(t, shape)) {
            throw new ShapeMismatchException("sumTo", "the target does not broadcast to the shape", shape, t);
        }
        return Arrays.equals(t, shape) ? this : ShapeOps.sumTo(t).apply(this);
    }

    /**
     * The elements with index in [start, end) along an axis.
     *
     * @param axis  the axis (negative counts from the end)
     * @param start the first index, 0 &lt;= start &lt;= end
     * @param end   one past the last index, at most the axis' length
     * @return the slice; its gradient flows back into the sliced positions
     */
    public Tensor slice(int axis, int start, int end) {
        int a = axis("slice", axis);
        if (start < 0 || start > end || end > shape[a]) {
            throw new IndexOutOfBoundsException("slice: [" + start + ", " + end + ") along axis " + axis
                    + " of shape " + Arrays.toString(shape));
        }
        int[] out = shape.clone();
        out[a] = end - start;
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape[d];
        }
        if (outer == 1) {                                   // the slice is one contiguous run of the data
            return new GatherOps.Range("slice", start * (data.length == 0 ? 0 : data.length / shape[a]), out)
                    .apply(this);
        }
        int[][] along = GatherOps.identity(out);
        for (int j = 0; j < out[a]; j++) {
            along[a][j] = start + j;
        }
        return new GatherOps.Gather("slice", GatherOps.axisMap(shape, out, along), out, 0).apply(this);
    }

    /**
     * The elements at the given indices along an axis, in that order; repeats allowed (their gradients add).
     *
     * @param axis    the axis (negative counts from the end)
     * @param indices indices along it (negative counts from the end)
     * @return the selection, with {@code indices.length} along the axis
     */
    public Tensor indexSelect(int axis, int... indices) {
        int a = axis("indexSelect", axis);
        int[] out = shape.clone();
        out[a] = indices.length;
        sizeOf("indexSelect", out);
        int[][] along = GatherOps.identity(out);
        for (int j = 0; j < indices.length; j++) {
            along[a][j] = index("indexSelect", a, indices[j]);
        }
        return new GatherOps.Gather("indexSelect", GatherOps.axisMap(shape, out, along), out, 0).apply(this);
    }

    /**
     * PyTorch's gather: out[i][j] = this[i][index[i][j]] for axis 1, and likewise for any axis and rank. The index
     * tensor has this tensor's rank, whole numbers as values, and no dimension longer than this tensor's (except
     * along the axis); the output has its shape. Used to pick, for example, each row's entry for its class.
     *
     * @param axis  the axis the indices run along (negative counts from the end)
     * @param index the indices (a constant; its own gradient is not taken)
     * @return the gathered elements
     */
    public Tensor gather(int axis, Tensor index) {
        int a = axis("gather", axis);
        if (index.rank() != rank()) {
            throw new ShapeMismatchException("gather", "the index must have the tensor's rank", shape, index.shape);
        }
        for (int d = 0; d < shape.length; d++) {
            if (d != a && index.shape[d] > shape[d]) {
                throw new ShapeMismatchException("gather", "index dimension " + d + " is longer than the tensor's",
                        shape, index.shape);
            }
        }
        int[] strides = GatherOps.strides(shape);
        int[] map = new int[index.size()];
        int[] idx = new int[shape.length];
        for (int k = 0; k < map.length; k++) {
            double v = index.data[k];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("gather: index " + v + " is not a whole number");
            }
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat += (d == a ? index("gather", a, (int) v) : idx[d]) * strides[d];
            }
            map[k] = flat;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < index.shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new GatherOps.Gather("gather", map, index.shape.clone(), 0).apply(this);
    }

    /**
     * Pads with a constant: {@code widths[d] = {before, after}} elements added on each side of dimension d.
     *
     * @param value  the padding value
     * @param widths one pair of non-negative widths per dimension
     * @return the padded tensor; the padding gets no gradient
     */
    public Tensor pad(double value, int[]... widths) {
        if (widths.length != shape.length) {
            throw new ShapeMismatchException("pad", widths.length + " width pairs for a tensor of rank "
                    + shape.length, shape);
        }
        int[] out = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (widths[d].length != 2 || widths[d][0] < 0 || widths[d][1] < 0) {
                throw new IllegalArgumentException("pad: widths " + Arrays.toString(widths[d]) + " for dimension " + d
                        + " must be {before >= 0, after >= 0}");
            }
            long length = (long) shape[d] + widths[d][0] + widths[d][1];
            if (length > MAX_SIZE) {
                throw new IllegalArgumentException("pad: widths " + Arrays.toString(widths[d]) + " make dimension " + d
                        + " of shape " + Arrays.toString(shape) + " " + length + " long, more than the " + MAX_SIZE
                        + " elements a tensor holds");
            }
            out[d] = (int) length;
        }
        sizeOf("pad", out);
        int[][] along = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            along[d] = new int[out[d]];
            for (int j = 0; j < out[d]; j++) {
                int i = j - widths[d][0];
                along[d][j] = i >= 0 && i < shape[d] ? i : -1;
            }
        }
        return new GatherOps.Gather("pad", GatherOps.axisMap(shape, out, along), out, value).apply(this);
    }

    /**
     * Joins tensors along an existing axis; all other dimensions must agree.
     *
     * @param axis    the axis (negative counts from the end)
     * @param tensors at least one tensor, all of one rank
     * @return the joined tensor
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: no tensors");
        }
        int a = tensors[0].axis("concat", axis);
        long length = 0;
        for (Tensor t : tensors) {
            boolean fits = t.rank() == tensors[0].rank();
            for (int d = 0; fits && d < t.rank(); d++) {
                fits = d == a || t.shape[d] == tensors[0].shape[d];
            }
            if (!fits) {
                throw new ShapeMismatchException("concat", "shapes must agree except along axis " + axis,
                        Arrays.stream(tensors).map(x -> x.shape).toArray(int[][]::new));
            }
            length += t.shape[a];
        }
        if (length > MAX_SIZE) {
            throw new IllegalArgumentException("concat: " + tensors.length + " tensors joined along axis " + axis
                    + " would be " + length + " long, more than the " + MAX_SIZE + " elements a tensor holds");
        }
        int[] out = tensors[0].shape.clone();
        out[a] = (int) length;
        sizeOf("concat", out);
        return new GatherOps.Concat(a).apply(tensors);
    }

    /**
     * Stacks tensors of one shape along a new axis.
     *
     * @param axis    the new axis' position in the result, 0 .. rank (negative counts from the end)
     * @param tensors at least one tensor, all of one shape
     * @return the stacked tensor, with {@code tensors.length} along the new axis
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: no tensors");
        }
        int rank = tensors[0].rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new ShapeMismatchException("stack", "axis " + axis + " is out of range for a new axis of tensors of"
                    + " rank " + rank, Arrays.stream(tensors).map(x -> x.shape).toArray(int[][]::new));
        }
        for (Tensor t : tensors) {
            if (!Arrays.equals(t.shape, tensors[0].shape)) {
                throw new ShapeMismatchException("stack", "all tensors must have one shape",
                        Arrays.stream(tensors).map(x -> x.shape).toArray(int[][]::new));
            }
        }
        int[] out = new int[rank + 1];
        for (int d = 0, j = 0; d <= rank; d++) {
            out[d] = d == a ? tensors.length : tensors[0].shape[j++];
        }
        sizeOf("stack", out);
        checkOperands("stack", tensors);             // before the reshapes below record anything
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            int[] s = new int[rank + 1];
            for (int d = 0, j = 0; d <= rank; d++) {
                s[d] = d == a ? 1 : tensors[i].shape[j++];
            }
            expanded[i] = tensors[i].reshape(s);
        }
        return concat(a, expanded);
    }

    /**
     * What {@link TensorOp#apply} checks of its inputs, for an operation made of several steps to check before its
     * first step records anything: that the operands on tapes are live nodes of one tape, used from its thread.
     *
     * @throws TapeMisuseException naming {@code op} otherwise
     */
    static void checkOperands(String op, Tensor... operands) {
        Tape t = null;
        for (Tensor x : operands) {
            if (x.tape != null) {
                if (t == null) {
                    t = x.tape;
                }
                t.checkLive(op, x, x.tape, x.epoch);
            }
        }
    }

    private int axis(String op, int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new ShapeMismatchException(op, "axis " + axis + " is out of range", shape);
        }
        return a;
    }

    private int index(String op, int axis, int i) {
        int j = i < 0 ? i + shape[axis] : i;
        if (j < 0 || j >= shape[axis]) {
            throw new IndexOutOfBoundsException(op + ": index " + i + " out of range for axis " + axis
                    + " of shape " + Arrays.toString(shape));
        }
        return j;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The number of elements of a shape of dimensions &gt;= 0, known to hold at most {@link #MAX_SIZE}. */
    static int sizeOf(int[] shape) {
        return sizeOf("size", shape);
    }

    /**
     * The number of elements of a shape of dimensions &gt;= 0.
     *
     * @param op the operation or factory that needs it, for the message
     * @throws IllegalArgumentException naming {@code op} and the shape if it has more than {@link #MAX_SIZE}
     */
    static int sizeOf(String op, int[] shape) {
        long size = boundedSize(shape);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape) + " has " + exactSize(shape)
                    + " elements, more than the " + MAX_SIZE + " a tensor holds");
        }
        return (int) size;
    }

    /** The number of elements of a shape of dimensions &gt;= 0, or {@code MAX_SIZE + 1} if it is larger. */
    static long boundedSize(int[] shape) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long size = 1;
        for (int d : shape) {
            size *= d;                            // both factors below 2^31: no overflow
            if (size > MAX_SIZE) {
                return MAX_SIZE + 1L;
            }
        }
        return size;
    }

    /** The exact number of elements of a shape, however large, for messages. */
    static String exactSize(int[] shape) {
        BigInteger size = BigInteger.ONE;
        for (int d : shape) {
            size = size.multiply(BigInteger.valueOf(d));
        }
        return size.toString();
    }

    private static int[] checkShape(String op, int... shape) {
        Objects.requireNonNull(shape, "shape");
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        sizeOf(op, shape);
        return shape.clone();
    }
}
