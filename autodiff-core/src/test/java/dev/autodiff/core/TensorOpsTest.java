package dev.autodiff.core;

import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.testing.FunctionSpecs;
import dev.autodiff.core.testing.FunctionSpecs.Interval;
import dev.autodiff.core.testing.FunctionSpecs.Region;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row per public tensor operation signature, each checked against finite differences (full Jacobian), and a
 * guard that fails if a signature has no row.
 *
 * <p>The elementwise rows are built from {@link FunctionSpecs}: for every function of one variable (every fixed
 * parametrization of an activation) a row through its named method and, for a {@link UnaryFunction}, one through
 * {@code map}, with inputs drawn from its smooth intervals less its kinks; for every binary function rows through
 * {@code zip} and its named method with two broadcast tensors, and through each of its double and Scalar operand
 * overloads, with inputs drawn from its regions (a region smooth only for a constant second operand serves the double
 * overload alone) and kept {@link FunctionSpecs#KINK_MARGIN} from its kinks. What stays here is what is particular
 * to the table: the shapes, and the rows of the other operations.
 */
class TensorOpsTest {

    /** A row: the primitive's name, the signature it exercises, the function exercising it, and its inputs. */
    record Row(String primitive, String signature, TensorFunction f, Tensor... inputs) {
    }

    /** A row of an operation that is not an elementwise function: its name is its signature's. */
    private static Row row(String signature, TensorFunction f, Tensor... inputs) {
        String name = signature.replaceFirst("^static ", "");
        return new Row(name.substring(0, name.indexOf('(')), signature, f, inputs);
    }

    /** Values uniform in [lo, hi), seeded by the row's name so every run checks the same points. */
    static Tensor uniform(String seed, double lo, double hi, int... shape) {
        return Tensor.randomUniform(seed.hashCode(), lo, hi, shape);
    }

    /**
     * Values in the intervals, seeded by the row's name: element i in interval i mod n (so every interval, on both
     * sides of a kink, is met), uniform there.
     */
    static Tensor within(String seed, List<Interval> intervals, int... shape) {
        double[] u = Tensor.randomUniform(seed.hashCode(), 0, 1, shape).toArray();
        for (int i = 0; i < u.length; i++) {
            u[i] = intervals.get(i % intervals.size()).at(u[i]);
        }
        return Tensor.of(u, shape);
    }

    /**
     * Operands of a binary function from a region, broadcast together, such that every pair of elements that meet is
     * smooth: drawn again with the next seed until it is.
     */
    private static Tensor[] operands(FunctionSpecs.Binary spec, Region region, String seed, int[] aShape,
                                     int[] bShape) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Tensor a = within(seed + "a" + attempt, region.a(), aShape);
            Tensor b = within(seed + "b" + attempt, region.b(), bShape);
            int[] shape = a.add(b).shape();
            double[] av = a.broadcastTo(shape).toArray(), bv = b.broadcastTo(shape).toArray();
            boolean smooth = true;
            for (int i = 0; i < av.length; i++) {
                smooth &= spec.smoothAt(region, av[i], bv[i]);
            }
            if (smooth) {
                return new Tensor[] {a, b};
            }
        }
        throw new IllegalStateException(spec + ": no smooth operands in " + region);
    }

    private static final int[] MATRIX = {2, 3}, ROW = {3}, COLUMN = {2, 1}, LINE = {1, 3}, ONE = {1};

    /** The rows of the elementwise functions, from {@link FunctionSpecs}. */
    static List<Row> elementwiseRows() {
        List<Row> rows = new ArrayList<>();
        for (FunctionSpecs.Unary spec : FunctionSpecs.UNARY) {
            for (double[] p : spec.parameters()) {
                String label = spec.label(p);
                Tensor x = within(label, spec.smooth(p), MATRIX);
                rows.add(new Row(spec.name(), spec.signature(), in -> spec.onTensor(in[0], p), x));
                UnaryFunction f = spec.function();
                if (f != null) {
                    rows.add(new Row(spec.name(), "map(ElementwiseFunction)", in -> in[0].map(f), x));
                }
            }
        }
        for (FunctionSpecs.Binary spec : FunctionSpecs.BINARY) {
            BinaryFunction f = spec.function();
            String name = spec.name();
            Region variable = spec.regions().get(0);
            rows.add(new Row(name, "zip(BinaryFunction,Tensor)", in -> in[0].zip(f, in[1]),     // [2, 3] with [3]
                    operands(spec, variable, name + "zip", MATRIX, ROW)));
            rows.add(new Row(name, "zip(BinaryFunction,Tensor)", in -> in[0].zip(f, in[1]),     // [2, 1] with [1, 3]
                    operands(spec, variable, name + "outer", COLUMN, LINE)));
            rows.add(new Row(name, name + "(Tensor)", in -> spec.onTensors(in[0], in[1]),         // [2, 3] with [2, 1]
                    operands(spec, variable, name + "named", MATRIX, COLUMN)));
            // the operand overloads; sin after them, so that the Hessian sees the partials' values too
            for (Region region : spec.regions()) {
                int k = spec.regions().indexOf(region);
                if (spec.hasTensorAndDouble()) {
                    Tensor[] ac = operands(spec, region, name + "double" + k, MATRIX, ONE);
                    double c = ac[1].get(0);
                    rows.add(new Row(name, name + "(double)", in -> spec.onTensorAndDouble(in[0], c).sin(), ac[0]));
                }
                if (spec.hasTensorAndScalar() && !region.onlyConstantB()) {
                    rows.add(new Row(name, name + "(Scalar)", in -> spec.onTensorAndScalar(in[0], in[1].element(0))
                            .sin(), operands(spec, region, name + "scalar" + k, MATRIX, ONE)));
                }
            }
        }
        return rows;
    }

    static List<Row> rows() {
        List<Row> rows = elementwiseRows();
        // a Scalar operand computed from a variable: its gradient collects every element's contribution (exp(s) and
        // 2 + s stay in mul's and div's regions for s in [-1, 1])
        rows.add(row("mul(Scalar)", in -> in[0].mul(in[1].element(0).exp()).div(in[1].element(0).add(2)),
                uniform("sa", -1, 1, 2, 3), uniform("sb", -1, 1, 1)));
        Tensor m = uniform("m", -1, 1, 2, 3, 4);
        rows.add(row("sum()", in -> in[0].sum(), m));
        rows.add(row("sum(boolean,int[])", in -> in[0].sum(true, 0, 2), m));
        rows.add(row("sum(boolean,int[])", in -> in[0].sum(false, -1), m));
        rows.add(row("mean()", in -> in[0].mean(), m));
        rows.add(row("mean(boolean,int[])", in -> in[0].mean(false, 1), m));
        rows.add(row("sumTo(int[])", in -> in[0].sumTo(3, 1), m));
        rows.add(row("broadcastTo(int[])", in -> in[0].broadcastTo(2, 3, 4), uniform("bt", -1, 1, 3, 1)));
        rows.add(row("reshape(int[])", in -> in[0].reshape(4, -1).sin(), m));
        rows.add(row("permute(int[])", in -> in[0].permute(2, 0, 1).sin(), m));
        rows.add(row("transpose()", in -> in[0].transpose().sin(), uniform("tr", -1, 1, 3, 2)));
        rows.add(row("matmul(Tensor)", in -> in[0].matmul(in[1]), uniform("ma", -1, 1, 2, 3),
                uniform("mb", -1, 1, 3, 4)));
        rows.add(row("linear(Tensor,Tensor)", in -> in[0].linear(in[1], in[2]), uniform("la", -1, 1, 2, 3),
                uniform("lw", -1, 1, 4, 3), uniform("lb", -1, 1, 4)));
        rows.add(row("linear(Tensor,Tensor)", in -> in[0].linear(in[1], null).square(), uniform("lc", -1, 1, 2, 2, 3),
                uniform("lv", -1, 1, 2, 3)));
        rows.add(row("matmul(Tensor)", in -> in[0].matmul(in[1]),                          // batched, broadcast batch
                uniform("mc", -1, 1, 2, 1, 2, 3), uniform("md", -1, 1, 3, 3, 2)));
        rows.add(row("matmul(Tensor)", in -> in[0].matmul(in[1]), uniform("me", -1, 1, 3),
                uniform("mf", -1, 1, 3, 2)));
        rows.add(row("matmul(Tensor)", in -> in[0].matmul(in[1]), uniform("mg", -1, 1, 2, 3),
                uniform("mh", -1, 1, 3)));
        rows.add(row("matmul(Tensor)", in -> in[0].matmul(in[1]), uniform("mi", -1, 1, 3), uniform("mj", -1, 1, 3)));
        rows.add(row("static fromScalars(Scalar[],int[])", in -> Tensor.fromScalars(new Scalar[] {
                in[0].element(1, 2).sin(), in[0].element(0, 0).mul(in[0].element(1, 0)), Scalar.constant(2)}, 3),
                uniform("fs", -1, 1, 2, 3)));
        rows.add(row("element(int[])", in -> Tensor.fromScalars(new Scalar[] {in[0].element(1).exp()}),
                uniform("el", -1, 1, 3)));
        rows.add(row("item()", in -> Tensor.fromScalars(new Scalar[] {in[0].item().sin()}),
                uniform("it", -1, 1, 1, 1)));
        rows.add(row("slice(int,int,int)", in -> in[0].slice(1, 1, 3).sin(), m));
        rows.add(row("indexSelect(int,int[])", in -> in[0].indexSelect(-1, 3, 0, 3).sin(), m));    // a repeat adds
        rows.add(row("gather(int,Tensor)", in -> in[0].gather(1, Tensor.matrix(new double[][] {{2, 0}, {1, 1}}))
                .sin(), uniform("ga", -1, 1, 2, 3)));
        rows.add(row("pad(double,int[][])", in -> in[0].pad(7, new int[] {1, 0}, new int[] {2, 1}).sin(),
                uniform("pd", -1, 1, 2, 3)));
        rows.add(row("static concat(int,Tensor[])", in -> Tensor.concat(1, in[0], in[1].square(), in[0]),
                uniform("ca", -1, 1, 2, 1), uniform("cb", -1, 1, 2, 3)));
        rows.add(row("static stack(int,Tensor[])", in -> Tensor.stack(1, in[0], in[1].exp()),
                uniform("sa", -1, 1, 2, 2), uniform("sb", -1, 1, 2, 2)));
        Tensor mask = Tensor.vector(1, 0, 1).reshape(3, 1);
        rows.add(row("static where(Tensor,Tensor,Tensor)", in -> Tensor.where(mask, in[0], in[1]),
                uniform("wa", -1, 1, 3, 2), uniform("wb", -1, 1, 2)));
        rows.add(row("max()", in -> in[0].max(), m));
        rows.add(row("max(boolean,int[])", in -> in[0].max(true, 1), m));
        rows.add(row("min()", in -> in[0].min(), m));
        rows.add(row("min(boolean,int[])", in -> in[0].min(false, 0, 2), m));
        // composites: no backward of their own, checked all the same
        rows.add(row("logSumExp(boolean,int[])", in -> in[0].logSumExp(false, -1), m));
        rows.add(row("variance(int,boolean,int[])", in -> in[0].variance(1, true, 0, 1), m));
        rows.add(row("softmax(int)", in -> in[0].softmax(1), uniform("sm", -2, 2, 2, 3)));
        rows.add(row("logSoftmax(int)", in -> in[0].logSoftmax(0), uniform("ls", -2, 2, 2, 3)));
        return rows;
    }

    /** Public methods returning a Tensor that are not differentiable operations: factories and comparisons. */
    private static final Set<String> NOT_OPS = Set.of("of", "vector", "matrix", "scalar", "zeros", "ones", "full",
            "arange", "linspace", "eye", "randomNormal", "randomUniform", "detach", "gt", "ge", "lt", "le", "eq");

    /**
     * Every public method of {@link Tensor} that returns a Tensor or a Scalar and is an operation, as name and
     * parameter types, {@code static } before a static one: every overload apart.
     */
    static Set<String> operationSignatures() {
        Set<String> signatures = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && (m.getReturnType() == Tensor.class
                    || m.getReturnType() == Scalar.class) && !NOT_OPS.contains(m.getName())) {
                String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(","));
                signatures.add((Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName() + "(" + params
                        + ")");
            }
        }
        return signatures;
    }

    @TestFactory
    List<DynamicTest> everyPrimitiveMatchesFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (Row row : rows()) {
            tests.add(DynamicTest.dynamicTest(row.signature() + " #" + i++,
                    () -> GradCheck.check(row.f(), row.inputs()).assertPassed()));
        }
        return tests;
    }

    /**
     * Every row at second order: the Hessian of a random projection of the output, by reverse mode through a recorded
     * gradient, against finite differences of the gradient. Piecewise linear rows check a Hessian of 0 away from
     * their kinks.
     */
    @TestFactory
    List<DynamicTest> everyPrimitiveMatchesFiniteDifferencesAtSecondOrder() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (Row row : rows()) {
            long seed = i;
            tests.add(DynamicTest.dynamicTest(row.signature() + " #" + i++,
                    () -> GradCheck.checkSecondOrder(row.f(), seed, row.inputs()).assertPassed()));
        }
        return tests;
    }

    /**
     * Every row's two backward rules agree: the numeric sweep (loops and kernels over plain arrays) and the recorded
     * sweep (backward written with tensor operations, which HVPs and Hessians differentiate again) give the same
     * gradient of a random projection of the output. The two evaluate the same formula in a different order, so they
     * may differ by rounding only: each gradient element is a sum of a few products (at most about ten in these
     * shapes), so 64 ulps of the gradient's largest element bounds the difference with room to spare.
     */
    @TestFactory
    List<DynamicTest> everyPrimitivesNumericAndRecordedBackwardsAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (Row row : rows()) {
            long seed = i;
            tests.add(DynamicTest.dynamicTest(row.signature() + " #" + i++, () -> {
                try (Tape tape = Tape.openHigherOrder()) {         // some rows mix in scalar operations
                    Tensor[] x = new Tensor[row.inputs().length];
                    for (int k = 0; k < x.length; k++) {
                        x[k] = tape.variable(row.inputs()[k]);
                    }
                    Tensor out = row.f().apply(x);
                    Scalar y = out.mul(Tensor.randomUniform(seed, -1, 1, out.shape())).sum().item();
                    Tensor[] numeric = tape.gradient(y, x), recorded = tape.recordGradient(y, x);
                    for (int k = 0; k < x.length; k++) {
                        double[] a = numeric[k].toArray(), b = recorded[k].toArray();
                        double scale = 0;
                        for (double v : a) {
                            scale = Math.max(scale, Math.abs(v));
                        }
                        for (int j = 0; j < a.length; j++) {
                            assertEquals(a[j], b[j], 64 * Math.ulp(scale), row.primitive() + ": input " + k + ", element " + j);
                        }
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * The guard: every public Tensor operation signature (each overload apart: the Tensor, double and Scalar operands
     * of add, sub, mul, div, pow, maximum and minimum, sum() and sum(boolean, int...), ...) has at least one row
     * above and every row names one; and every elementwise function of {@link FunctionSpecs}, every
     * {@link UnaryFunction} and every {@link BinaryFunction} has rows of its own.
     */
    @Test
    void everyOperationHasARow() {
        Set<String> expected = operationSignatures();
        assertTrue(expected.size() >= 75, "reflection found too few operations: " + expected);
        List<Row> rows = rows();
        Set<String> covered = rows.stream().map(Row::signature).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unchecked = new TreeSet<>(expected);
        unchecked.removeAll(covered);
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(expected);
        assertEquals(Set.of(), unchecked, "Tensor operations without a row");
        assertEquals(Set.of(), unknown, "rows that name no Tensor operation");

        Set<String> functions = new TreeSet<>();
        FunctionSpecs.UNARY.forEach(s -> functions.add(s.name()));
        FunctionSpecs.BINARY.forEach(s -> functions.add(s.name()));
        Arrays.stream(UnaryFunction.values()).forEach(f -> functions.add(f.opName()));
        Arrays.stream(BinaryFunction.values()).forEach(f -> functions.add(f.opName()));
        Set<String> primitives = rows.stream().map(Row::primitive).collect(Collectors.toSet());
        functions.removeAll(primitives);
        assertEquals(Set.of(), functions, "elementwise functions without a row");
    }

    @Test
    void scalarAndTensorProgramsGiveTheSameGradient() {
        double[] x0 = new double[50];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = 1 + 0.1 * Math.sin(i);
        }
        double[] scalar = Autodiff.grad(ClosedFormTest::rosenbrock, x0);
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(x0));
            int n = x0.length;
            Tensor head = x.reshape(1, n).matmul(shift(n, 0)).reshape(n - 1);   // x_0 .. x_{n-2}
            Tensor tail = x.reshape(1, n).matmul(shift(n, 1)).reshape(n - 1);   // x_1 .. x_{n-1}
            Tensor f = tail.sub(head.square()).square().mul(100).add(head.neg().add(1).square()).sum();
            assertEquals(ClosedFormTest.rosenbrock(constants(x0)).value(), f.item().value(), 1e-12);
            assertArrayEquals(scalar, tape.gradient(f.item()).of(x).toArray(), 1e-12);
        }
    }

    /** The n x (n - 1) matrix selecting elements offset .. offset + n - 2. */
    private static Tensor shift(int n, int offset) {
        double[] s = new double[n * (n - 1)];
        for (int j = 0; j < n - 1; j++) {
            s[(j + offset) * (n - 1) + j] = 1;
        }
        return Tensor.of(s, n, n - 1);
    }

    private static Scalar[] constants(double[] x) {
        Scalar[] c = new Scalar[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = Scalar.constant(x[i]);
        }
        return c;
    }

    @Test
    void shapeErrorsNameTheOperationAndShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul", e.op());
        assertArrayEquals(new int[] {2, 3}, e.shapes().get(0));
        assertArrayEquals(new int[] {4, 5}, e.shapes().get(1));
        assertEquals("matmul: [2, 3] @ [4, 5]: inner dimensions 3 != 4", e.getMessage());
        e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4, 3)));
        assertEquals("add", e.op());
        assertTrue(e.getMessage().startsWith("add: [2, 3], [4, 3]: dimension 0"), e.getMessage());
        assertEquals("reshape", assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3).reshape(4, 2)).op());
        assertEquals("broadcastTo",
                assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2, 3).broadcastTo(3, 3)).op());
        assertEquals("item", assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(2).item()).op());
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.zeros(2, 3));
            assertThrows(ShapeMismatchException.class, () -> w.matmul(Tensor.zeros(2, 3)));
            assertEquals(6, tape.size(), "a refused operation records nothing");
        }
    }

    /** A shape misuse: the operation its error must name, the first operand's shape, and the call. */
    private record Misuse(String op, int[] shape, Executable call) {
    }

    /**
     * Every family of operations reports a misfit of shapes, axes or dimensions as a ShapeMismatchException with the
     * operation and the operands' shapes as fields, and records nothing.
     */
    @Test
    void everyShapeErrorIsAShapeMismatch() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.ones(2, 3)), v = tape.variable(Tensor.ones(3));
            int[] xs = {2, 3}, vs = {3};
            Tensor index = Tensor.matrix(new double[][] {{0, 1}, {1, 0}});
            Scalar s = tape.variable(1.0);
            List<Misuse> misuses = List.of(
                    // elementwise, broadcast
                    new Misuse("add", xs, () -> x.add(Tensor.ones(4, 3))),
                    new Misuse("mul", xs, () -> x.mul(Tensor.ones(2))),
                    new Misuse("atan2", xs, () -> x.atan2(Tensor.ones(3, 1, 2))),
                    new Misuse("gt", xs, () -> x.gt(Tensor.ones(2))),
                    new Misuse("where", new int[] {2}, () -> Tensor.where(Tensor.ones(2), x, x)),
                    // reductions: an axis out of range or repeated
                    new Misuse("sum", xs, () -> x.sum(false, 2)),
                    new Misuse("sum", xs, () -> x.sum(true, 1, -1)),
                    new Misuse("mean", xs, () -> x.mean(false, -3)),
                    new Misuse("max", xs, () -> x.max(false, 5)),
                    new Misuse("min", vs, () -> v.min(true, 1)),
                    new Misuse("logSumExp", xs, () -> x.logSumExp(false, 2)),
                    new Misuse("variance", xs, () -> x.variance(1, false, 0, 0)),
                    new Misuse("softmax", xs, () -> x.softmax(2)),
                    new Misuse("logSoftmax", vs, () -> v.logSoftmax(-2)),
                    // shape movement
                    new Misuse("reshape", xs, () -> x.reshape(4, 2)),
                    new Misuse("reshape", xs, () -> x.reshape(-1, 4)),
                    new Misuse("reshape", xs, () -> x.reshape(-1, -1)),
                    new Misuse("permute", xs, () -> x.permute(0)),
                    new Misuse("permute", xs, () -> x.permute(0, 2)),
                    new Misuse("permute", xs, () -> x.permute(1, -1)),
                    new Misuse("broadcastTo", xs, () -> x.broadcastTo(3, 3)),
                    new Misuse("sumTo", xs, () -> x.sumTo(4)),
                    new Misuse("item", xs, x::item),
                    new Misuse("get", xs, () -> x.get(0)),
                    new Misuse("element", xs, () -> x.element(0, 0, 0)),
                    // selection and assembly
                    new Misuse("slice", xs, () -> x.slice(2, 0, 1)),
                    new Misuse("indexSelect", vs, () -> v.indexSelect(-2, 0)),
                    new Misuse("gather", xs, () -> x.gather(2, index)),
                    new Misuse("gather", xs, () -> x.gather(1, Tensor.vector(0))),
                    new Misuse("gather", xs, () -> x.gather(1, Tensor.zeros(3, 1))),
                    new Misuse("concat", xs, () -> Tensor.concat(0, x, Tensor.ones(2, 2))),
                    new Misuse("concat", xs, () -> Tensor.concat(0, x, v)),
                    new Misuse("concat", xs, () -> Tensor.concat(2, x, x)),
                    new Misuse("stack", xs, () -> Tensor.stack(0, x, Tensor.ones(3, 2))),
                    new Misuse("stack", xs, () -> Tensor.stack(3, x, x)),
                    new Misuse("stack", xs, () -> Tensor.stack(-4, x, x)),
                    new Misuse("pad", xs, () -> x.pad(0, new int[] {1, 1})),
                    new Misuse("fromScalars", new int[] {2}, () -> Tensor.fromScalars(new Scalar[] {s, s}, 3)),
                    new Misuse("of", new int[] {3}, () -> Tensor.of(new double[3], 2, 2)),
                    new Misuse("matrix", new int[] {2}, () -> Tensor.matrix(new double[][] {{1, 2}, {3}})),
                    // products
                    new Misuse("matmul", xs, () -> x.matmul(Tensor.ones(2, 3))),
                    new Misuse("matmul", xs, () -> x.matmul(Tensor.scalar(2))),
                    new Misuse("matmul", vs, () -> v.matmul(x)),
                    new Misuse("matmul", new int[] {2, 2, 3}, () -> Tensor.ones(2, 2, 3).matmul(Tensor.ones(3, 3, 2))),
                    new Misuse("linear", xs, () -> x.linear(Tensor.ones(4, 2), null)),
                    new Misuse("linear", xs, () -> x.linear(Tensor.ones(4, 3), Tensor.ones(3))),
                    // scalars and the functional facade
                    new Misuse("dot", new int[] {2}, () -> Scalar.dot(new Scalar[] {s, s}, new Scalar[] {s})),
                    new Misuse("hvp", new int[] {2}, () -> Autodiff.hvp(in -> in[0].mul(in[1]), new double[2],
                            new double[3])),
                    new Misuse("jvp", new int[] {1}, () -> Autodiff.jvp(in -> in, new double[1], new double[2])),
                    new Misuse("vjp", new int[] {1}, () -> Autodiff.vjp(in -> in, new double[1], new double[2])));
            int size = tape.size();
            for (Misuse m : misuses) {
                String what = m.op() + " " + misuses.indexOf(m);
                ShapeMismatchException e = assertThrows(ShapeMismatchException.class, m.call(), what);
                assertEquals(m.op(), e.op(), what);
                assertArrayEquals(m.shape(), e.shapes().get(0), what);
                assertTrue(e.getMessage().startsWith(m.op() + ": " + Arrays.toString(m.shape())), e.getMessage());
                assertEquals(size, tape.size(), what + " recorded");
            }
        }
    }

    @Test
    void batchedMatmulErrorsNameTheWholeShapes() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Tensor.zeros(2, 4, 5).matmul(Tensor.zeros(3, 5, 6)));
        assertEquals("matmul", e.op());
        assertEquals(2, e.shapes().size());
        assertArrayEquals(new int[] {2, 4, 5}, e.shapes().get(0));
        assertArrayEquals(new int[] {3, 5, 6}, e.shapes().get(1));
        assertEquals("matmul: [2, 4, 5] @ [3, 5, 6]: batch dimensions [2] and [3] do not broadcast", e.getMessage());
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.zeros(2, 1, 4, 5));
            e = assertThrows(ShapeMismatchException.class, () -> x.matmul(Tensor.zeros(3, 7, 5, 6)));
            assertArrayEquals(new int[] {2, 1, 4, 5}, e.shapes().get(0));
            assertArrayEquals(new int[] {3, 7, 5, 6}, e.shapes().get(1));
            assertEquals("matmul: [2, 1, 4, 5] @ [3, 7, 5, 6]: batch dimensions [2, 1] and [3, 7] do not broadcast",
                    e.getMessage());
            assertEquals(40, tape.size(), "nothing recorded");
        }
        assertArrayEquals(new int[] {3, 7, 4, 6}, Tensor.zeros(1, 7, 4, 5).matmul(Tensor.zeros(3, 1, 5, 6)).shape());
    }

    @Test
    void misuseOfTensorsOnTapes() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            Tensor x = a.variable(Tensor.ones(2)), y = b.variable(Tensor.ones(2));
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                    assertThrows(TapeMisuseException.class, () -> x.add(y)).kind());
            a.reset();
            assertEquals(TapeMisuseException.Kind.STALE, assertThrows(TapeMisuseException.class, x::exp).kind());
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> x.element(0).exp()).kind());
            assertThrows(IllegalArgumentException.class, () -> b.gradient(y.sum().item()).of(Tensor.ones(2)));
        }
    }

    /** An operation and the name its refusal carries. */
    private record Refused(String op, Executable call) {
    }

    /**
     * Operations made of several steps (rank-1 operands of matmul reshaped, stack's reshapes, a Scalar made a tensor)
     * check every operand, tape and shape, before their first step records anything, on either tape.
     */
    @Test
    void refusedOperationsRecordNothing() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            Tensor v = a.variable(Tensor.vector(1, 2, 3)), m = a.variable(Tensor.ones(3, 3));
            Tensor batch = a.variable(Tensor.ones(2, 3, 3));
            Tensor w = b.variable(Tensor.vector(4, 5, 6)), n = b.variable(Tensor.ones(3, 3));
            Scalar s = b.variable(2.0);
            List<Refused> foreign = List.of(
                    new Refused("matmul", () -> v.matmul(w)),
                    new Refused("matmul", () -> v.matmul(n)),
                    new Refused("matmul", () -> m.matmul(w)),
                    new Refused("matmul", () -> n.matmul(v)),
                    new Refused("matmul", () -> batch.matmul(w)),
                    new Refused("matmul", () -> m.matmul(n)),
                    new Refused("linear", () -> m.linear(n, w)),
                    new Refused("add", () -> v.add(w)),
                    new Refused("concat", () -> Tensor.concat(0, v, w)),
                    new Refused("stack", () -> Tensor.stack(0, v, w)),
                    new Refused("stack", () -> Tensor.stack(1, v, v, w)),
                    new Refused("where", () -> Tensor.where(Tensor.ones(3), v, w)),
                    new Refused("add", () -> v.add(s)),
                    new Refused("sub", () -> v.sub(s)),
                    new Refused("mul", () -> v.mul(s)),
                    new Refused("div", () -> v.div(s)),
                    new Refused("pow", () -> v.pow(s)),
                    new Refused("fromScalars", () -> Tensor.fromScalars(new Scalar[] {v.element(0), s}, 2)));
            int sizeA = a.size(), sizeB = b.size();
            for (Refused r : foreign) {
                TapeMisuseException e = assertThrows(TapeMisuseException.class, r.call(), r.op());
                assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE, e.kind(), r.op());
                assertEquals(r.op(), e.op());
                assertEquals(sizeA, a.size(), r.op() + " recorded on the first operand's tape");
                assertEquals(sizeB, b.size(), r.op() + " recorded on the second operand's tape");
            }
            List<Refused> misshapen = List.of(
                    new Refused("matmul", () -> v.matmul(Tensor.ones(4, 2))),        // [3] promoted to [1, 3]
                    new Refused("matmul", () -> Tensor.ones(2, 4).matmul(v)),        // [3] promoted to [3, 1]
                    new Refused("matmul", () -> batch.matmul(Tensor.ones(3, 3, 2))),
                    new Refused("stack", () -> Tensor.stack(0, v, v, Tensor.ones(2))));
            for (Refused r : misshapen) {
                assertEquals(r.op(), assertThrows(ShapeMismatchException.class, r.call(), r.op()).op());
                assertEquals(sizeA, a.size(), r.op() + " recorded");
            }
            b.reset();
            Tensor fresh = b.variable(Tensor.vector(7, 8, 9));
            Scalar freshScalar = b.variable(1.0);
            int sizeAfterReset = b.size();
            List<Refused> stale = List.of(
                    new Refused("matmul", () -> fresh.matmul(w)),
                    new Refused("stack", () -> Tensor.stack(0, fresh, w)),
                    new Refused("mul", () -> fresh.mul(s)),
                    new Refused("mul", () -> w.mul(freshScalar)));
            for (Refused r : stale) {
                TapeMisuseException e = assertThrows(TapeMisuseException.class, r.call(), r.op());
                assertEquals(TapeMisuseException.Kind.STALE, e.kind(), r.op());
                assertEquals(r.op(), e.op());
                assertEquals(sizeAfterReset, b.size(), r.op() + " recorded");
            }
        }
    }

    @Test
    void gradientWithRespectToChosenTensorsAgreesWithTheFullSweep() {
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.randomNormal(3, 3, 2)), b = tape.variable(Tensor.vector(0.1, -0.2));
            Scalar loss = Tensor.eye(3).matmul(w).add(b).tanh().sum().item();
            Gradients all = tape.gradient(loss);
            for (int round = 0; round < 2; round++) {               // the reused buffer is cleared between sweeps
                Tensor[] g = tape.gradient(loss, w, b);
                assertArrayEquals(all.of(w).toArray(), g[0].toArray(), 0.0);
                assertArrayEquals(all.of(b).toArray(), g[1].toArray(), 0.0);
                assertArrayEquals(new int[] {2}, g[1].shape());
            }
            assertArrayEquals(new double[2], tape.gradient(Scalar.constant(3), b)[0].toArray(), 0.0);
            assertThrows(IllegalArgumentException.class, () -> tape.gradient(loss, Tensor.ones(2)));
            tape.reset();
            Tensor fresh = tape.variable(Tensor.ones(1));
            assertEquals(TapeMisuseException.Kind.STALE, assertThrows(TapeMisuseException.class,
                    () -> tape.gradient(fresh.sum().item(), w)).kind());
        }
    }

    @Test
    void constantsAreNotRecordedAndDetachStopsGradients() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1, 2, 3));
            Tensor c = Tensor.vector(4, 5, 6).exp().mul(2);
            assertTrue(c.isConstant());
            assertEquals(3, tape.size());
            Scalar y = x.mul(x.detach()).sum().item();       // d/dx (x * const x) = x, not 2x
            assertArrayEquals(new double[] {1, 2, 3}, tape.gradient(y).of(x).toArray(), 0.0);
        }
    }

    /** The where trap: the branch a mask excludes must not leak NaN (sqrt and log of negatives) into the gradient. */
    @Test
    void whereLeaksNoNaNFromTheExcludedBranch() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(-1, 4, 0, 9));
            Tensor safeSqrt = Tensor.where(x.gt(0), x.sqrt(), Tensor.zeros(4));
            Tensor safeLog = Tensor.where(x.gt(0), x.log(), x);
            assertArrayEquals(new double[] {0, 0.25, 0, 1.0 / 6}, tape.gradient(safeSqrt.sum().item()).of(x).toArray(),
                    1e-15);
            assertArrayEquals(new double[] {1, 0.25, 1, 1.0 / 9}, tape.gradient(safeLog.sum().item()).of(x).toArray(),
                    1e-15);
            // a NaN in the chosen branch is not hidden
            Tensor y = tape.variable(Tensor.vector(-1));
            assertTrue(Double.isNaN(tape.gradient(y.sqrt().sum().item()).of(y).get(0)));
        }
    }

    @Test
    void maxSplitsTiesAndKeepsNaN() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(3, 1, 3, 2));
            assertArrayEquals(new double[] {0.5, 0, 0.5, 0}, tape.gradient(x.max().item()).of(x).toArray(), 0.0);
            Tensor n = tape.variable(Tensor.vector(1, Double.NaN, 2));
            Tensor nanMax = n.max();
            assertTrue(Double.isNaN(nanMax.item().value()));
            double[] g = tape.gradient(nanMax.item()).of(n).toArray();
            assertEquals(0.0, g[0], 0.0);
            assertEquals(1.0, g[1], 0.0);
            assertEquals(Double.NEGATIVE_INFINITY, Tensor.zeros(0).max().item().value(), 0.0);
        }
    }

    @Test
    void softmaxFamilyIsStableAtThousands() {
        Tensor x = Tensor.vector(1000, 999, -1000);
        double z = 1 + Math.exp(-1) + Math.exp(-2000);
        assertArrayEquals(new double[] {1 / z, Math.exp(-1) / z, 0}, x.softmax(0).toArray(), 1e-15);
        assertEquals(1000 + Math.log(z), x.logSumExp(false).item().value(), 1e-12);
        assertArrayEquals(new double[] {-Math.log(z), -1 - Math.log(z), -2000 - Math.log(z)},
                x.logSoftmax(0).toArray(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY,
                Tensor.full(Double.NEGATIVE_INFINITY, 3).logSumExp(false).item().value(), 0.0);
        GradCheck.check(in -> in[0].logSumExp(false), Tensor.vector(1000, 999.5, -1000)).assertPassed();
        Tensor v = Tensor.vector(1, 2, 3, 4);
        assertEquals(1.25, v.variance(0, false).item().value(), 1e-15);
        assertEquals(5.0 / 3, v.variance(1, false).item().value(), 1e-15);
    }

    /** As NumPy's var with ddof &gt;= N: the divisor is max(N - correction, 0); an empty group's variance is NaN. */
    @Test
    void varianceWithoutDegreesOfFreedomDividesByZero() {
        double inf = Double.POSITIVE_INFINITY, nan = Double.NaN;
        for (int correction : new int[] {3, 4, 1000}) {
            try (Tape tape = Tape.open()) {
                Tensor x = tape.variable(Tensor.matrix(new double[][] {{1, 3, 5}, {2, 2, 2}}));   // N = 3 per row
                Tensor v = x.variance(correction, false, 1);
                assertArrayEquals(new double[] {inf, nan}, v.toArray(), 0.0, "correction " + correction);
                assertArrayEquals(new double[] {-inf, nan, inf, 0, 0, 0},
                        tape.gradient(v.element(0)).of(x).toArray(), 0.0, "correction " + correction);
                assertArrayEquals(new double[] {0, 0, 0, nan, nan, nan},
                        tape.gradient(v.element(1)).of(x).toArray(), 0.0, "correction " + correction);
            }
        }
        assertEquals(8.0, Tensor.vector(1, 3, 5).variance(2, false).item().value(), 0.0, "N - correction = 1");
        for (int correction : new int[] {-1, 0, 1, 5}) {
            assertTrue(Double.isNaN(Tensor.zeros(0).variance(correction, false).item().value()),
                    "correction " + correction);
            try (Tape tape = Tape.open()) {
                Tensor empty = tape.variable(Tensor.zeros(2, 0));
                Tensor v = empty.variance(correction, true, 1);
                assertArrayEquals(new int[] {2, 1}, v.shape());
                assertArrayEquals(new double[] {nan, nan}, v.toArray(), 0.0, "correction " + correction);
                Tensor g = tape.gradient(v.sum().item()).of(empty);
                assertArrayEquals(new int[] {2, 0}, g.shape());
            }
        }
    }

    @Test
    void noGradPausesRecording() {
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.vector(1, 2));
            Scalar s = tape.variable(3);
            int before = tape.size();
            try (Tape.NoGrad paused = tape.noGrad()) {
                assertFalse(tape.isRecording());
                Tensor y = w.exp().mul(2);
                Scalar t = s.sin().mul(s).add(1);
                try (Tape.NoGrad nested = tape.noGrad()) {
                    assertTrue(w.square().isConstant());
                }
                assertFalse(tape.isRecording(), "the outer scope is still open");
                assertTrue(y.isConstant());
                assertTrue(t.isConstant());
                assertTrue(Tensor.fromScalars(new Scalar[] {s}).isConstant());
                assertEquals(Math.exp(2) * 2, y.get(1), 1e-12);
                assertEquals(before, tape.size());
                assertEquals(2, tape.gradient(w.sum().item()).of(w).size(), "gradients can still be taken");
            }
            assertTrue(tape.isRecording());
            assertFalse(w.exp().isConstant());
            tape.reset();
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> {
                        try (Tape.NoGrad p = tape.noGrad()) {
                            s.sin();                       // misuse is reported inside a pause too
                        }
                    }).kind());
        }
    }

    @Test
    void movementValuesAndErrors() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new double[] {1, 2, 4, 5}, x.slice(1, 1, 3).toArray(), 0.0);
        assertArrayEquals(new double[] {2, 0, 5, 3}, x.indexSelect(1, -1, 0).toArray(), 0.0);
        assertArrayEquals(new double[] {2, 0, 4, 4}, x.gather(1, Tensor.matrix(new double[][] {{2, 0}, {1, 1}}))
                .toArray(), 0.0);
        assertArrayEquals(new double[] {9, 9, 9, 9, 9, 0, 1, 2, 9, 3, 4, 5}, x.pad(9, new int[] {1, 0},
                new int[] {1, 0}).toArray(), 0.0);
        assertArrayEquals(new int[] {3, 4}, x.pad(9, new int[] {1, 0}, new int[] {1, 0}).shape());
        assertArrayEquals(new double[] {0, 1, 2, 0, 3, 4, 5, 3}, Tensor.concat(1, x, x.slice(1, 0, 1)).toArray(), 0.0);
        Tensor st = Tensor.stack(0, Tensor.vector(1, 2), Tensor.vector(3, 4));
        assertArrayEquals(new int[] {2, 2}, st.shape());
        assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.stack(-1, Tensor.vector(1, 2), Tensor.vector(3, 4))
                .toArray(), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> x.slice(1, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(0, 2));
        assertEquals("concat", assertThrows(ShapeMismatchException.class,
                () -> Tensor.concat(0, x, Tensor.zeros(2, 2))).op());
        assertEquals("stack", assertThrows(ShapeMismatchException.class,
                () -> Tensor.stack(0, x, Tensor.zeros(3, 2))).op());
        assertThrows(IllegalArgumentException.class, () -> x.gather(1, Tensor.matrix(new double[][] {{0.5}})));
        assertEquals(0, Tensor.concat(0, Tensor.zeros(0, 2), Tensor.zeros(0, 2)).size());
    }

    @Test
    void activationsAtTheirKinks() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(0, 0, 0, -0.5, 0.7));
            Tensor y = Tensor.fromScalars(new Scalar[] {x.leakyRelu(0.1).element(0), x.elu(2).element(1),
                    x.relu().element(2), x.clamp(-0.5, 0.7).element(3), x.clamp(-0.5, 0.7).element(4)}, 5);
            assertArrayEquals(new double[] {0.1, 2, 0, 1, 1}, tape.gradient(y.sum().item()).of(x).toArray(), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).clamp(1, 0));
        assertArrayEquals(new double[] {-0.05, 0, 3}, Tensor.vector(-0.5, 0, 3).leakyRelu(0.1).toArray(), 1e-17);
    }

    /**
     * A shape beyond the largest array (2^31 - 9 elements) is refused before anything is allocated, with the factory
     * or operation and the shape named, whether its size overflows an int or not.
     */
    @Test
    void sizesBeyondTheLargestArrayAreRefusedByName() {
        int big = 1 << 16;                                                   // big * big = 2^32 overflows an int
        assertTooLarge("eye: shape [46341, 46341] has 2147488281 elements", () -> Tensor.eye(46341));
        assertTooLarge("eye: shape [2147483647, 2147483647] has 4611686014132420609 elements",
                () -> Tensor.eye(Integer.MAX_VALUE));
        assertTooLarge("arange: start 0.0, stop 2.147483647E9, step 1.0 gives 2147483647 values",
                () -> Tensor.arange(Integer.MAX_VALUE));
        assertTooLarge("arange: start 0.0, stop 1.0E10, step 0.5 gives 20000000000 values",
                () -> Tensor.arange(0, 1e10, 0.5));
        assertTooLarge("arange: start -1.0E308, stop 1.0E308, step 1.0 gives Infinity values",
                () -> Tensor.arange(-1e308, 1e308, 1));
        assertTooLarge("linspace: count 2147483647 is more than", () -> Tensor.linspace(0, 1, Integer.MAX_VALUE));
        assertTooLarge("zeros: shape [2147483640] has 2147483640 elements", () -> Tensor.zeros(Tensor.MAX_SIZE + 1));
        assertTooLarge("zeros: shape [65536, 65536] has 4294967296 elements", () -> Tensor.zeros(big, big));
        assertTooLarge("ones: shape [65536, 65536, 3] has 12884901888 elements", () -> Tensor.ones(big, big, 3));
        assertTooLarge("full: shape [65536, 65536] has", () -> Tensor.full(2, big, big));
        assertTooLarge("randomNormal: shape [65536, 65536] has", () -> Tensor.randomNormal(1, big, big));
        assertTooLarge("randomUniform: shape [65536, 65536] has", () -> Tensor.randomUniform(1, 0, 1, big, big));
        assertTooLarge("of: shape [65536, 65536] has", () -> Tensor.of(new double[0], big, big));
        assertTooLarge("fromScalars: shape [65536, 65536] has", () -> Tensor.fromScalars(new Scalar[0], big, big));
        double[][] rows = new double[big][];
        Arrays.fill(rows, new double[big]);                                   // 2^32 elements, 512 KB held
        assertTooLarge("matrix: shape [65536, 65536] has 4294967296 elements", () -> Tensor.matrix(rows));
        assertEquals(Tensor.MAX_SIZE, Tensor.sizeOf("test", new int[] {Tensor.MAX_SIZE}), "the limit itself fits");

        // operations whose result would be too large
        Tensor column = Tensor.zeros(big, 1), row = Tensor.zeros(1, big), line = Tensor.zeros(big);
        assertTooLarge("add: shape [65536, 65536] has", () -> column.add(row));
        assertTooLarge("broadcastTo: shape [65536, 65536] has", () -> line.broadcastTo(big, big));
        assertTooLarge("matmul: shape [65536, 65536] has", () -> column.matmul(row));
        assertTooLarge("linear: shape [65536, 65536] has", () -> column.linear(Tensor.zeros(big, 1), null));
        assertTooLarge("indexSelect: shape [65536, 65536] has", () -> column.indexSelect(1, new int[big]));
        assertTooLarge("pad: shape [65536, 65536] has", () -> column.pad(0, new int[] {0, 0}, new int[] {0, big - 1}));
        assertTooLarge("pad: widths [2147483647, 0] make dimension 0",
                () -> line.pad(0, new int[] {Integer.MAX_VALUE, 0}));
        Tensor[] many = new Tensor[big / 2 + 1];
        Arrays.fill(many, line);
        assertTooLarge("concat: 32769 tensors joined along axis 0 would be 2147549184 long",
                () -> Tensor.concat(0, many));
        Tensor[] rowsOfLine = new Tensor[big];
        Arrays.fill(rowsOfLine, line);
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(line);
            rowsOfLine[0] = x;
            assertTooLarge("stack: shape [65536, 65536] has", () -> Tensor.stack(0, rowsOfLine));
            assertEquals(big, tape.size(), "nothing recorded");
        }
        ShapeMismatchException reshape = assertThrows(ShapeMismatchException.class,
                () -> Tensor.zeros(6).reshape(6, 715827883));                // 2^32 + 2 elements: 2 in an int
        assertEquals("reshape", reshape.op());
        assertEquals("reshape: [6], [6, 715827883]: sizes differ: 6 != 4294967298", reshape.getMessage());
        assertEquals("reshape", assertThrows(ShapeMismatchException.class,
                () -> Tensor.zeros(6).reshape(-1, 6, 715827883)).op());

        // no elements at all, however long the other dimensions
        assertArrayEquals(new int[] {big, big, 0}, Tensor.zeros(big, big, 0).shape());
        assertArrayEquals(new int[] {0, big, big}, Tensor.zeros(0).reshape(-1, big, big).shape());
        assertArrayEquals(new int[] {big, 0, big}, Tensor.of(new double[0], 1, 0).reshape(big, 0, big).shape());
        assertEquals(0, Tensor.zeros(big, 0).add(Tensor.zeros(big, 1, 1)).size());
    }

    /** Exactly IllegalArgumentException, whose message starts with {@code start}. */
    private static void assertTooLarge(String start, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void factoriesAndToString() {
        assertEquals("Tensor[2, 2] [[1.0, 0.0], [0.0, 1.0]]", Tensor.eye(2).toString());
        assertEquals("Tensor[] 3.0", Tensor.scalar(3).toString());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(0, 1, 5).toArray(), 0.0);
        assertArrayEquals(new double[] {2, 1.5, 1, 0.5}, Tensor.arange(2, 0, -0.5).toArray(), 0.0);
        assertArrayEquals(Tensor.randomNormal(7, 3, 2).toArray(), Tensor.randomNormal(7, 3, 2).toArray(), 0.0);
        assertEquals(0, Tensor.zeros(0, 3).size());
        assertEquals(0.0, Tensor.zeros(0, 3).sum().item().value(), 0.0);
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).add(Tensor.ones(3)).shape());
        assertTrue(Tensor.of(new double[] {1, 2}, 2).toString().startsWith("Tensor[2]"));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
    }
}
