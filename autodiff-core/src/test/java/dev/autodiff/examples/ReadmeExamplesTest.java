package dev.autodiff.examples;

import dev.autodiff.core.AnomalyException;
import dev.autodiff.core.Autodiff;
import dev.autodiff.core.Gradients;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.ScalarFunction;
import dev.autodiff.core.Tape;
import dev.autodiff.core.Tensor;
import dev.autodiff.core.TensorOp;
import dev.autodiff.core.ValueAndGradient;
import dev.autodiff.core.VectorFunction;
import dev.autodiff.core.analysis.CriticalPoint;
import dev.autodiff.core.analysis.Lagrange;
import dev.autodiff.core.analysis.Newton;
import dev.autodiff.core.analysis.Solution;
import dev.autodiff.core.check.GradCheck;
import dev.autodiff.core.check.GradCheckReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's code: each block between a {@code // README: name} and a {@code // README: end} marker below is
 * compiled and run here, and {@link #everyExampleAppearsVerbatimInTheReadme()} checks that the README shows it
 * unchanged, so the two cannot drift apart.
 */
class ReadmeExamplesTest {
    private static final java.nio.file.Path README = java.nio.file.Path.of("..", "README.md");
    private static final java.nio.file.Path SELF =
            java.nio.file.Path.of("src", "test", "java", "dev", "autodiff", "examples", "ReadmeExamplesTest.java");

    @Test
    void everyExampleAppearsVerbatimInTheReadme() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(README);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(SELF);
        int blocks = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith("// README: ") || lines.get(i).trim().equals("// README: end")) {
                continue;
            }
            java.util.List<String> block = new java.util.ArrayList<>();
            for (int j = i + 1; !lines.get(j).trim().equals("// README: end"); j++) {
                block.add(lines.get(j));
            }
            int indent = block.stream().filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
            String text = block.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertTrue(readme.contains(text), "README.md lacks the example after line " + (i + 1) + ":\n" + text);
            blocks++;
        }
        assertEquals(11, blocks, "examples found");
    }

    @Test
    void tape() {
        // README: tape
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1.5), y = tape.variable(-0.5);
            Scalar f = x.mul(y).sin().add(x.square());   // f = sin(xy) + x^2
            Gradients g = tape.gradient(f);              // one reverse sweep
            double dfdx = g.of(x);                       // y cos(xy) + 2x = 2.634155...
            double dfdy = g.of(y);                       // x cos(xy)      = 1.097533...
            // README: end
            assertEquals(-0.5 * Math.cos(-0.75) + 3, dfdx, 1e-15);
            assertEquals(1.5 * Math.cos(-0.75), dfdy, 1e-15);
        }
    }

    @Test
    void facade() {
        // README: facade
        ScalarFunction rosenbrock = v -> Scalar.constant(1).sub(v[0]).square()
                .add(v[1].sub(v[0].square()).square().mul(100));
        double[] g = Autodiff.grad(rosenbrock, -1.2, 1.0);             // [-215.6, -88.0]
        ValueAndGradient vg = Autodiff.valueAndGrad(rosenbrock, -1.2, 1.0);
        double[][] j = Autodiff.jacobian(v -> new Scalar[] {v[0].mul(v[1].cos()), v[0].mul(v[1].sin())}, 2.0, 0.7);
        // README: end
        assertArrayEquals(new double[] {-215.6, -88.0}, g, 1e-12);
        assertEquals(24.2, vg.value(), 1e-12);
        assertEquals(-2.0 * Math.sin(0.7), j[0][1], 1e-15);
    }

    @Test
    void loop() {
        double[][] points = {{0.5, 1.5}, {2.0, -1.0}};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // README: loop
            try (Tape tape = Tape.open()) {
                for (double[] point : points) {
                    tape.reset();                                  // keeps the arrays: no tape allocation per pass
                    Scalar[] xs = tape.variables(point);
                    Scalar f = xs[0].mul(xs[1]).exp().add(xs[1].log1p());
                    double[] gradient = tape.gradient(f, xs);      // only the partials you ask for
                    System.out.println(f.value() + " " + java.util.Arrays.toString(gradient));
                }
            }
            // README: end
        } finally {
            System.setOut(stdout);
        }
        String[] lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < points.length; i++) {
            double a = points[i][0], b = points[i][1], e = Math.exp(a * b);
            // f = e^(ab) + ln(1 + b): df/da = b e^(ab), df/db = a e^(ab) + 1/(1 + b)
            assertEquals(e + Math.log1p(b) + " " + java.util.Arrays.toString(new double[] {b * e, a * e + 1 / (1 + b)}),
                    lines[i]);
        }
    }

    @Test
    void tensors() {
        // README: tensors
        try (Tape tape = Tape.open()) {
            Tensor w = tape.variable(Tensor.randomNormal(42, 3, 2));      // seeded weights, [3, 2]
            Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor h = x.matmul(w).tanh();                                 // [2, 3] @ [3, 2] -> [2, 2]
            Scalar loss = h.square().mean().item().add(w.element(0, 0).square());   // tensors and scalars mix
            Tensor dw = tape.gradient(loss).of(w);                         // [3, 2], like w
            // README: end
            assertArrayEquals(new int[] {3, 2}, dw.shape());
            GradCheck.check(in -> in[1].matmul(in[0]).tanh().square().mean().add(in[0].slice(0, 0, 1)
                    .slice(1, 0, 1).reshape().square()), w.detach(), x).assertPassed();
        }
    }

    @Test
    void where() {
        // README: where
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(-1, 4));
            Tensor y = Tensor.where(x.gt(0), x.sqrt(), Tensor.zeros(2));   // sqrt(-1) is NaN, but masked out
            Tensor dy = tape.gradient(y.sum().item()).of(x);               // [0.0, 0.25]: no NaN leaks back
            // README: end
            assertArrayEquals(new double[] {0, 0.25}, dy.toArray(), 0.0);
        }
    }

    @Test
    void anomalies() {
        AnomalyException e = assertThrows(AnomalyException.class, () -> {
            // README: anomalies
            try (Tape tape = Tape.open(); Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
                Scalar x = tape.variable(710);
                Scalar f = x.exp().log();          // AnomalyException: exp forward on operands of shape []: made Infinity
                // README: end
            }
        });
        assertTrue(e.getMessage().startsWith("exp forward on operands of shape []: made Infinity from the finite"
                + " operands [710.0]; recorded at dev.autodiff.examples.ReadmeExamplesTest"), e.getMessage());
    }

    @Test
    void customOp() {
        // README: custom op
        TensorOp cube = new TensorOp("cube") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].square().mul(inputs[0]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                Tensor x = ctx.saved(0);
                return new Tensor[] {grad.mul(x.square()).mul(3)};          // d(x^3)/dx = 3x^2
            }
        };
        GradCheck.check(in -> cube.apply(in[0]).sum(), Tensor.vector(0.5, -2, 3)).assertPassed();
        // README: end
    }

    @Test
    void gradCheck() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        GradCheckReport report;
        try {
            report = gradCheckExample();
        } finally {
            System.setOut(stdout);
        }
        assertFalse(report.passed());
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("input[0] (x = 3.0): analytic 3.0, numeric 6.0"));
    }

    private static GradCheckReport gradCheckExample() {
        // README: gradcheck
        ScalarFunction softplusOfProduct = v -> v[0].mul(v[1]).softplus();
        GradCheck.check(softplusOfProduct, 0.3, -2.0).assertPassed();  // throws AssertionError with a report

        GradCheckReport report = GradCheck.check(v -> v[0].mul(Scalar.constant(v[0].value())), 3.0);
        System.out.println(report);   // value() cut the graph: analytic 3 vs numeric 6, named by input
        // README: end
        return report;
    }

    @Test
    void secondDerivatives() {
        // README: second derivatives
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar x = tape.variable(2.0), y = tape.variable(0.5);
            Scalar f = x.pow(3).mul(y.sin());                    // f = x^3 sin(y)
            Scalar[] g = tape.recordGradient(f, x, y);           // (3x^2 sin y, x^3 cos y), recorded
            double[] row0 = tape.gradient(g[0], x, y);           // (6x sin y, 3x^2 cos y): a row of the Hessian
        // README: end
            assertEquals(12 * Math.sin(0.5), g[0].value(), 1e-12);
            assertEquals(8 * Math.cos(0.5), g[1].value(), 1e-12);
            assertArrayEquals(new double[] {12 * Math.sin(0.5), 12 * Math.cos(0.5)}, row0, 1e-12);
        }
        // README: second derivatives
        ScalarFunction rosenbrock = v -> Scalar.constant(1).sub(v[0]).square()
                .add(v[1].sub(v[0].square()).square().mul(100));
        double[] hv = Autodiff.hvp(rosenbrock, new double[] {1, 1}, new double[] {1, 0});   // H v = [802, -400]
        double[][] h = Autodiff.hessian(rosenbrock, 1, 1);                                  // [[802, -400], [-400, 200]]
        VectorFunction grad = Autodiff.gradientFunction(rosenbrock);                        // JAX's grad(f)
        // README: end
        assertArrayEquals(new double[] {802, -400}, hv, 1e-12);
        assertArrayEquals(new double[] {802, -400}, h[0], 1e-12);
        assertArrayEquals(new double[] {-400, 200}, h[1], 1e-12);
        assertArrayEquals(h[1], Autodiff.jacobian(grad, 1, 1)[1], 1e-12);
    }

    @Test
    void criticalPoints() {
        // README: critical points
        CriticalPoint p = CriticalPoint.classify(w -> Scalar.constant(1).sub(w[0].mul(w[1])).square(), 0, 0);
        // SADDLE, eigenvalues [-2, 2], positive share 0.5: the loss (1 - w1 w2)^2 at the origin
        Solution saddle = Newton.findCriticalPoint(v -> v[0].square().sub(v[1].square()), 0.3, 0.2);
        // (0, 0) in one step: Newton solves grad f = 0, saddles included; gradient descent slides away
        Lagrange.Result r = Lagrange.solve(v -> v[0].square().add(v[1].square()),
                v -> new Scalar[] {v[0].add(v[1]).sub(1)}, 0, 0);
        // x = (0.5, 0.5), lambda = -1, f = 0.5, a constrained MINIMUM by the bordered Hessian
        // README: end
        assertEquals(CriticalPoint.Kind.SADDLE, p.kind());
        assertArrayEquals(new double[] {-2, 2}, p.eigenvalues(), 1e-12);
        assertEquals(0.5, p.positiveShare());
        assertArrayEquals(new double[] {0, 0}, saddle.x(), 0.0);
        assertEquals(1, saddle.iterations());
        assertArrayEquals(new double[] {0.5, 0.5}, r.x(), 1e-12);
        assertEquals(-1, r.multipliers()[0], 1e-12);
        assertEquals(CriticalPoint.Kind.MINIMUM, r.kind());
    }
}
