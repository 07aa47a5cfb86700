package dev.autodiff.core;

import dev.autodiff.core.check.GradCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded sweeps: second and third derivatives against closed forms, the facade, and misuse. */
class HigherOrderTest {
    private static final double EPS = 1e-12;

    @Test
    void secondAndThirdDerivativeOfAPower() {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar x = tape.variable(2.0);
            Scalar f = x.pow(4);                                   // f = x^4
            Scalar d1 = tape.recordGradient(f, x)[0];              // 4x^3 = 32
            Scalar d2 = tape.recordGradient(d1, x)[0];             // 12x^2 = 48
            double d3 = tape.gradient(d2, x)[0];                   // 24x = 48
            assertEquals(32, d1.value(), EPS);
            assertEquals(48, d2.value(), EPS);
            assertEquals(48, d3, EPS);
        }
    }

    @Test
    void hessiansOfTheGoldenFunctions() {
        assertHessian(x -> x[0].square(), new double[] {0.0}, new double[][] {{2}});
        assertHessian(x -> x[0].pow(3), new double[] {0.0}, new double[][] {{0}});
        assertHessian(x -> x[0].square().neg().sub(x[1].square()), new double[] {0, 0}, new double[][] {{-2, 0}, {0, -2}});
        assertHessian(x -> x[0].square().sub(x[1].square()), new double[] {0, 0}, new double[][] {{2, 0}, {0, -2}});
        assertHessian(x -> x[0].square().add(x[0].mul(x[1])).add(x[1].square()), new double[] {0.3, -0.7},
                new double[][] {{2, 1}, {1, 2}});
        assertHessian(x -> Scalar.constant(1).sub(x[0].mul(x[1])).square(), new double[] {0, 0},
                new double[][] {{0, -2}, {-2, 0}});
        ScalarFunction rosenbrock = x -> Scalar.constant(1).sub(x[0]).square()
                .add(x[1].sub(x[0].square()).square().mul(100));
        assertHessian(rosenbrock, new double[] {1, 1}, new double[][] {{802, -400}, {-400, 200}});
    }

    private static void assertHessian(ScalarFunction f, double[] x, double[][] expected) {
        double[][] h = Autodiff.hessian(f, x);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], h[i], EPS, "row " + i);
        }
    }

    @Test
    void hvpEqualsTheHessianTimesTheVector() {
        ScalarFunction f = x -> x[0].mul(x[1]).sin().add(x[0].exp().mul(x[2])).add(x[1].atan2(x[2]));
        double[] x = {0.4, -1.1, 2.0}, v = {1.5, -0.5, 0.25};
        double[][] h = Autodiff.hessian(f, x);
        double[] hv = Autodiff.hvp(f, x, v);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected += h[i][j] * v[j];
                assertEquals(h[i][j], h[j][i], 1e-12 * (1 + Math.abs(h[i][j])), "symmetric");
            }
            assertEquals(expected, hv[i], 1e-12 * (1 + Math.abs(expected)));
        }
        GradCheck.checkSecondOrder(f, x).assertPassed();
    }

    @Test
    void jvpAndVjpAgreeWithTheJacobian() {
        VectorFunction f = x -> new Scalar[] {x[0].mul(x[1]), x[1].sin().add(x[2].square()), x[0].div(x[2])};
        double[] x = {0.5, 1.5, -2.0}, v = {1, 2, 3}, u = {-1, 0.5, 2};
        double[][] j = Autodiff.jacobian(f, x);
        double[] jv = Autodiff.jvp(f, x, v), uj = Autodiff.vjp(f, x, u);
        for (int r = 0; r < 3; r++) {
            double a = 0, b = 0;
            for (int c = 0; c < 3; c++) {
                a += j[r][c] * v[c];
                b += u[c] * j[c][r];
            }
            assertEquals(a, jv[r], 1e-12 * (1 + Math.abs(a)));
            assertEquals(b, uj[r], 1e-12 * (1 + Math.abs(b)));
        }
    }

    @Test
    void tensorHessianOfACubicSum() {
        Tensor x = Tensor.vector(0.5, -1.0, 2.0);
        double[][] h = Autodiff.hessian(t -> t[0].pow(3).sum(), x);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 6 * x.get(i) : 0.0, h[i][j], EPS);
            }
        }
    }

    @Test
    void scalarAndTensorProgramsGiveTheSameHvp() {
        double[] x0 = {1.2, 0.8, -0.3, 1.5};
        double[] v = {0.3, -1.0, 2.0, 0.5};
        ScalarFunction scalar = x -> {
            Scalar f = Scalar.constant(0);
            for (int i = 0; i + 1 < x.length; i++) {
                f = f.add(x[i + 1].sub(x[i].square()).square().mul(100)).add(Scalar.constant(1).sub(x[i]).square());
            }
            return f;
        };
        TensorFunction tensor = t -> {
            Tensor head = t[0].slice(0, 0, 3), tail = t[0].slice(0, 1, 4);
            return tail.sub(head.square()).square().mul(100).add(head.neg().add(1).square()).sum();
        };
        double[] expected = Autodiff.hvp(scalar, x0, v);
        double[] actual = Autodiff.hvp(tensor, Tensor.vector(x0), Tensor.vector(v)).toArray();
        assertArrayEquals(expected, actual, 1e-11);
    }

    @Test
    void whereLeaksNoNanAtSecondOrder() {
        // f = where(x > 0, sqrt(x), 0)^2 summed: sqrt's derivatives are NaN at negative x, masked out
        TensorFunction f = t -> Tensor.where(t[0].gt(0.0), t[0].sqrt(), Tensor.scalar(0.0)).square().sum();
        double[][] h = Autodiff.hessian(f, Tensor.vector(-1.0, 4.0));
        assertArrayEquals(new double[] {0, 0}, h[0], 0.0);
        assertArrayEquals(new double[] {0, 0}, h[1], EPS);     // f = x for x > 0
    }

    @Test
    void scalarOperationsOnAPlainTapeAreRefusedWithTheRemedy() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1.0);
            Scalar f = x.sin();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.recordGradient(f, x));
            assertTrue(e.getMessage().contains("openHigherOrder"), e.getMessage());
        }
    }

    @Test
    void tensorProgramsHaveRecordedGradientsOnAnyTape() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1.0, 2.0));
            Scalar f = x.exp().sum().item();
            Tensor g = tape.recordGradient(f, x)[0];             // e^x
            Tensor h = tape.gradient(g.sum().item(), x)[0];      // e^x again
            assertArrayEquals(new double[] {Math.E, Math.exp(2)}, h.toArray(), 1e-15);
        }
    }

    @Test
    void aCustomOpWithATensorBackwardIsTwiceDifferentiable() {
        TensorOp cube = new TensorOp("cube") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].mul(inputs[0]).mul(inputs[0]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                Tensor x = ctx.saved(0);
                return new Tensor[] {grad.mul(x.mul(x)).mul(3)};
            }
        };
        double[][] h = Autodiff.hessian(t -> cube.apply(t[0]).sum(), Tensor.vector(2.0));
        assertEquals(12.0, h[0][0], EPS);
        GradCheck.checkSecondOrder(t -> cube.apply(t[0]).sum(), 1L, Tensor.vector(0.7, -1.3)).assertPassed();
    }

    @Test
    void aCustomOpWithANumericBackwardIsRefusedAtSecondOrder() {
        TensorOp cube = new TensorOp("numericCube") {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].pow(3);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                double[] x = ctx.saved(0).toArray(), g = grad.toArray();
                for (int i = 0; i < x.length; i++) {
                    x[i] = 3 * x[i] * x[i] * g[i];
                }
                return new Tensor[] {Tensor.of(x, grad.shape())};
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.hessian(t -> cube.apply(t[0]).sum(), Tensor.vector(2.0)));
        assertTrue(e.getMessage().startsWith("numericCube backward"), e.getMessage());
    }

    @Test
    void misuseOfRecordGradientIsRefusedBeforeAnythingIsRecorded() {
        try (Tape tape = Tape.openHigherOrder(); Tape other = Tape.openHigherOrder()) {
            Scalar x = tape.variable(1.0);
            Scalar f = x.exp();
            int size = tape.size();
            assertThrows(IllegalArgumentException.class, () -> tape.recordGradient(f, Scalar.constant(2.0)));
            Scalar foreign = other.variable(1.0);
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                    assertThrows(TapeMisuseException.class, () -> tape.recordGradient(f, foreign)).kind());
            assertEquals(size, tape.size(), "nothing recorded");
            tape.reset();
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> tape.recordGradient(f, x)).kind());
        }
    }

    @Test
    void aGradientWithRespectToALaterOrUnrelatedNodeIsZero() {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar x = tape.variable(1.0), y = tape.variable(2.0);
            Scalar f = x.square();
            Scalar later = tape.variable(3.0);
            Scalar[] g = tape.recordGradient(f, x, y, later);
            assertEquals(2.0, g[0].value());
            assertTrue(g[1].isConstant() && g[1].value() == 0.0);
            assertTrue(g[2].isConstant() && g[2].value() == 0.0);
            assertEquals(0.0, tape.recordGradient(Scalar.constant(1.0), x)[0].value());
        }
    }

    @Test
    void insideNoGradTheGradientIsComputedButNotRecorded() {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar x = tape.variable(2.0);
            Scalar f = x.pow(3);
            try (Tape.NoGrad paused = tape.noGrad()) {
                Scalar g = tape.recordGradient(f, x)[0];
                assertEquals(12.0, g.value(), EPS);
                assertTrue(g.isConstant());
            }
        }
    }

    @Test
    void mixedScalarAndTensorProgramsHaveExactSecondDerivatives() {
        // f = sum(x * s)^2 with s = x_0 as a scalar, assembled back with fromScalars
        TensorFunction f = t -> {
            Scalar s = t[0].element(0).sin();
            Tensor u = Tensor.fromScalars(new Scalar[] {s, t[0].element(1).mul(s)}, 2);
            return t[0].mul(u).sum().square();
        };
        GradCheck.checkSecondOrder(f, 3L, Tensor.vector(0.4, -0.9)).assertPassed();
    }

    @Test
    void aZeroAdjointMeetingAnInfinitePartialCutsOnlyThatElement() {
        // f = sum(c * sqrt(x)) at x = [4, 0], c = [0, 1]: d2f/dx0 dc0 = 1/(2 sqrt 4) = 0.25, though x1 = 0 has an
        // infinite sqrt' (which c1's zero-free adjoint would pass on, but x1's partial is cut where c is 0)
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor x = tape.variable(Tensor.vector(4, 0)), c = tape.variable(Tensor.vector(0, 1));
            Tensor gx = tape.recordGradient(c.mul(x.sqrt()).sum().item(), x)[0];
            assertArrayEquals(new double[] {0.25, 0}, tape.gradient(gx.element(0), c)[0].toArray(), EPS);
        }
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor x = tape.variable(Tensor.vector(2, 0)), w = tape.variable(Tensor.vector(0, 1));
            Tensor gx = tape.recordGradient(w.mul(x.log()).sum().item(), x)[0];
            assertArrayEquals(new double[] {0.5, 0}, tape.gradient(gx.element(0), w)[0].toArray(), EPS);
        }
    }

    @Test
    void theRootMayBeAnyElementOfABlock() {
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor x = tape.variable(Tensor.vector(1, 2, 3));
            Tensor sq = x.mul(x);
            assertArrayEquals(new double[] {2, 0, 0}, tape.recordGradient(sq.element(0), x)[0].toArray(), 0.0);
            assertArrayEquals(new double[] {1, 0, 0}, tape.recordGradient(x.element(0), x)[0].toArray(), 0.0);
            // with respect to an element of an operation's output, as the numeric sweep gives it
            Tensor u = x.mul(2.0);
            Scalar y = u.sum().item();
            assertEquals(tape.gradient(y, u.element(0))[0], tape.recordGradient(y, u.element(0))[0].value());
        }
    }

    @Test
    void gradientFunctionDifferentiatesByPosition() {
        VectorFunction g = Autodiff.gradientFunction(v -> v[0].mul(v[1].square()));     // a b^2
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar x = tape.variable(2.0);
            Scalar[] same = g.apply(new Scalar[] {x, x});
            assertEquals(4.0, same[0].value(), 0.0);                                        // b^2
            assertEquals(8.0, same[1].value(), 0.0);                                        // 2ab
            Scalar[] dependent = Autodiff.gradientFunction(v -> v[1]).apply(new Scalar[] {x, x.sin()});
            assertEquals(0.0, dependent[0].value(), 0.0);
            assertEquals(1.0, dependent[1].value(), 0.0);
        }
    }

    @Test
    void aCustomOpWithAConstantOperandIsNotMistakenForANumericBackward() {
        TensorOp myMul = new TensorOp("myMul") {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.saveForBackward(in[0], in[1]);
                return in[0].mul(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad.mul(ctx.saved(1)), grad.mul(ctx.saved(0))};
            }
        };
        Tensor c = Tensor.vector(3, 4);
        double[][] h = Autodiff.hessian(t -> myMul.apply(t[0], c).sum(), Tensor.vector(1, 2));
        assertArrayEquals(new double[] {0, 0}, h[0], 0.0);
        try (Tape tape = Tape.openHigherOrder()) {
            Tensor x = tape.variable(Tensor.vector(1, 2));
            assertArrayEquals(new double[] {3, 4},
                    tape.recordGradient(myMul.apply(x, c).sum().item(), x)[0].toArray(), 0.0);
        }
    }

    @Test
    void theRecordedSweepStopsAtTheEarliestNodeDifferentiated() {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar u = tape.variable(1.0);
            for (int i = 0; i < 20_000; i++) {
                u = u.sin().add(1.0);
            }
            Scalar z = tape.variable(3.0);
            int before = tape.size();
            Scalar g = tape.recordGradient(z.square().mul(u), z)[0];
            assertEquals(2 * 3.0 * u.value(), g.value(), 1e-12);
            assertTrue(tape.size() - before < 20, "recorded " + (tape.size() - before) + " nodes");
        }
    }

    @Test
    void largeScalarProblemsHaveRulesForEveryNode() {
        double[][] h = Autodiff.hessian(x -> x[1999].square(), new double[2000]);
        assertEquals(2.0, h[1999][1999], 0.0);
        assertEquals(0.0, h[0][1999], 0.0);
    }

    @Test
    void edgeValuesOfRecordedFirstDerivativesMatchTheNumericOnes() {
        try (Tape tape = Tape.openHigherOrder()) {
            Scalar a = tape.variable(0.0), b = tape.variable(0.0);
            Scalar[] g = tape.recordGradient(a.hypot(b), a, b);                   // a cone point: 0, 0
            assertEquals(0.0, g[0].value(), 0.0);
            assertEquals(0.0, g[1].value(), 0.0);
            Scalar p = tape.variable(1e200), q = tape.variable(1e200);
            Scalar[] at = tape.recordGradient(p.atan2(q), p, q);                   // no overflow of p^2 + q^2
            assertEquals(tape.gradient(p.atan2(q), p, q)[0], at[0].value(), 1e-215);
            Scalar x = tape.variable(-1.0);
            Scalar nan = x.relu().sqrt();                                          // sqrt'(0) = inf times relu'(-1) = 0
            assertTrue(Double.isNaN(tape.gradient(nan, x)[0]));
            assertTrue(Double.isNaN(tape.recordGradient(nan, x)[0].value()), "as the numeric sweep: NaN");
        }
    }

    /**
     * On a tape from Tape.open(), a recorded sweep through a tensor assembled from scalars passes the block's adjoint
     * on to the scalars (it used to lose it and answer 0), and one that meets a scalar operation says it cannot.
     */
    @Test
    void aRecordedSweepOnAPlainTapeCrossesAssembledTensorsOrRefuses() {
        try (Tape tape = Tape.open()) {
            Tensor x = tape.variable(Tensor.vector(1.5, 2));
            Tensor e = tape.variable(Tensor.vector(0.5));
            Scalar y = x.pow(e.element(0)).sum().item();                 // sum x_i^e, e broadcast from a scalar
            double expected = Math.log(1.5) * Math.pow(1.5, 0.5) + Math.log(2) * Math.pow(2, 0.5);
            assertEquals(expected, tape.recordGradient(y, e)[0].toArray()[0], 1e-15);
            assertEquals(expected, tape.gradient(y, e)[0].toArray()[0], 1e-15);
            Scalar z = x.mul(e.element(0).exp()).sum().item();
            assertThrows(IllegalStateException.class, () -> tape.recordGradient(z, e));
        }
    }
}
