package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TapeTest {

    @Test
    void designSketchExample() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1.5), y = tape.variable(-0.5);
            Scalar f = x.mul(y).sin().add(x.square());
            Gradients g = tape.gradient(f);
            double c = Math.cos(1.5 * -0.5);
            assertEquals(Math.sin(-0.75) + 2.25, f.value(), 0.0);
            assertEquals(-0.5 * c + 3.0, g.of(x), 1e-15);
            assertEquals(1.5 * c, g.of(y), 1e-15);
        }
    }

    @Test
    void fanOutAccumulatesEveryUse() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1.1);
            Scalar product = x.mul(x).mul(x).mul(x);      // x^4 through three muls, x used four times
            assertEquals(4 * Math.pow(1.1, 3), tape.gradient(product).of(x), 1e-14);

            Scalar[] copies = new Scalar[1000];
            java.util.Arrays.fill(copies, x);
            Scalar sum = Scalar.sum(copies);              // one node, 1000 edges to x
            assertEquals(1000.0, tape.gradient(sum).of(x), 0.0);

            Scalar acc = x;                               // 1000 adds, each reusing x and acc
            for (int i = 0; i < 999; i++) {
                acc = acc.add(x);
            }
            assertEquals(1000.0, tape.gradient(acc).of(x), 0.0);
            assertEquals(Scalar.dot(new Scalar[] {x, x}, new Scalar[] {x, x}).value(), 2 * 1.1 * 1.1, 1e-15);
            assertEquals(4 * 1.1, tape.gradient(Scalar.dot(new Scalar[] {x, x}, new Scalar[] {x, x})).of(x), 1e-15);
        }
    }

    /** Ten million operations in one chain: no recursion, so no stack overflow, and the exact derivative. */
    @Test
    void deepProgramOfTenMillionOps() {
        int n = 10_000_000;
        double c = 1 + 1e-7;
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(2.0);
            Scalar y = x;
            for (int i = 0; i < n / 2; i++) {
                y = y.mul(c).add(1e-7);                  // y_{k+1} = c y_k + 1e-7: dy/dx = c^(n/2)
            }
            assertEquals(n + 1, tape.size());
            double expected = Math.pow(c, n / 2);
            // n/2 multiplications of the adjoint by c, each rounding once: relative error <= n/2 eps ~ 1.1e-9
            assertEquals(expected, tape.gradient(y).of(x), expected * (n / 2) * Math.ulp(1.0));
        }
    }

    @Test
    void intermediateNodesHaveGradientsAndLaterNodesZero() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(3), y = tape.variable(4);
            Scalar u = x.mul(y);
            Scalar f = u.square();
            Scalar later = f.exp();
            Gradients g = tape.gradient(f);
            assertEquals(2 * 12, g.of(u), 0.0);
            assertEquals(2 * 12 * 4, g.of(x), 0.0);
            assertEquals(0.0, g.of(later), 0.0);
            // several sweeps of one recording (what a Jacobian does)
            assertEquals(4, tape.gradient(u).of(x), 0.0);
            assertEquals(2 * 12 * 4 * Math.exp(144), tape.gradient(later).of(x), 1e-9 * Math.exp(144) * 96);
        }
    }

    @Test
    void gradientWithRespectToChosenNodesAgreesWithTheFullSweep() {
        try (Tape tape = Tape.open()) {
            Scalar[] xs = tape.variables(0.3, -1.2, 2.0);
            Scalar u = xs[0].mul(xs[1]).exp();
            Scalar f = u.add(xs[2].tanh()).mul(xs[1]);
            Scalar later = f.square();
            Gradients all = tape.gradient(f);
            for (int round = 0; round < 2; round++) {          // the reused buffer is cleared between sweeps
                assertArrayEquals(all.of(xs[0], xs[1], xs[2], u, later), tape.gradient(f, xs[0], xs[1], xs[2], u, later),
                        0.0);
            }
            assertArrayEquals(new double[] {0, 0}, tape.gradient(Scalar.constant(1), xs[0], xs[1]), 0.0);
            assertEquals(1.0, tape.gradient(later, later)[0], 0.0);
            assertThrows(IllegalArgumentException.class, () -> tape.gradient(f, xs[0], Scalar.constant(2)));
            try (Tape other = Tape.open()) {
                Scalar foreign = other.variable(1);
                assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                        assertThrows(TapeMisuseException.class, () -> tape.gradient(f, foreign)).kind());
            }
        }
    }

    @Test
    void naryNodesGrowTheTape() {
        try (Tape tape = Tape.open()) {
            double[] values = new double[5000];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Scalar[] xs = tape.variables(values);
            Scalar[] mixed = java.util.Arrays.copyOf(xs, xs.length + 1);
            mixed[xs.length] = Scalar.constant(7);
            Scalar dot = Scalar.dot(mixed, mixed);               // 10000 edges in one node, the constant gets none
            assertEquals(10000, tape.edgeCount());
            double[] g = tape.gradient(dot, xs);
            for (int i = 0; i < values.length; i++) {
                assertEquals(2 * values[i], g[i], 0.0);
            }
        }
    }

    @Test
    void constantsAreNotRecorded() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(2);
            Scalar a = tape.constant(3), b = Scalar.constant(4);
            Scalar c = a.mul(b).add(a.sin()).sqrt();
            assertTrue(c.isConstant());
            assertEquals(1, tape.size());
            Scalar y = x.mul(c);                          // one node, one edge: the constant gets none
            assertEquals(2, tape.size());
            assertEquals(1, tape.edgeCount());
            assertEquals(c.value(), tape.gradient(y).of(x), 0.0);
            Gradients ofConstant = tape.gradient(c);
            assertEquals(0.0, ofConstant.of(x), 0.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ofConstant.of(a));
            assertTrue(e.getMessage().contains("constant"), e.getMessage());
        }
    }

    @Test
    void aZeroAdjointPassesNothingOnButNaNStillDoes() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(0);
            // f = 0 * sqrt(x) is 0 for every x >= 0: its derivative is 0, though sqrt'(0) = +inf and inf * 0 is NaN
            Scalar f = x.sqrt().mul(0.0);
            assertEquals(0.0, f.value(), 0.0);
            assertEquals(0.0, tape.gradient(f).of(x), 0.0);
            // a NaN that reaches the result propagates: sqrt(-1) is NaN and so is its gradient
            Scalar y = tape.variable(-1);
            Scalar g = y.sqrt().add(y);
            assertTrue(Double.isNaN(g.value()));
            assertTrue(Double.isNaN(tape.gradient(g).of(y)));
            // an infinite slope with a live adjoint stays infinite
            assertEquals(Double.POSITIVE_INFINITY, tape.gradient(x.sqrt()).of(x), 0.0);
        }
    }

    @Test
    void resetKeepsGradientsAndRefusesStaleNodes() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(2);
            Gradients g = tape.gradient(x.square());
            tape.reset();
            assertEquals(0, tape.size());
            assertEquals(4.0, g.of(x), 0.0);              // results outlive the reset
            TapeMisuseException e = assertThrows(TapeMisuseException.class, () -> x.add(1));
            assertEquals(TapeMisuseException.Kind.STALE, e.kind());
            assertEquals("add", e.op());
            assertEquals(0, tape.size(), "a refused op records nothing");
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> tape.gradient(x)).kind());

            Scalar x2 = tape.variable(5);                 // the same slot, a new node
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> g.of(x2)).kind());
            assertEquals(10.0, tape.gradient(x2.square()).of(x2), 0.0);
        }
    }

    @Test
    void recordingAgainAfterResetGivesTheSameGradients() {
        try (Tape tape = Tape.open()) {
            double[] first = null;
            for (int round = 0; round < 3; round++) {
                tape.reset();
                Scalar[] xs = tape.variables(1, 2, 3);
                Scalar f = xs[0].mul(xs[1]).add(xs[2].exp());
                double[] g = tape.gradient(f).of(xs);
                if (first == null) {
                    first = g;
                }
                assertArrayEquals(first, g, 0.0);
                assertEquals(6, tape.size()); // 3 variables, mul, exp, add
            }
        }
    }

    @Test
    void closedTapeRefusesEverythingButKeepsResults() {
        Scalar x;
        Gradients g;
        try (Tape tape = Tape.open()) {
            x = tape.variable(3);
            g = tape.gradient(x.pow(3));
            tape.close();
            assertTrue(tape.isClosed());
            TapeMisuseException e = assertThrows(TapeMisuseException.class, () -> tape.variable(1));
            assertEquals(TapeMisuseException.Kind.CLOSED, e.kind());
            assertEquals(TapeMisuseException.Kind.CLOSED,
                    assertThrows(TapeMisuseException.class, tape::reset).kind());
            assertEquals(TapeMisuseException.Kind.CLOSED,
                    assertThrows(TapeMisuseException.class, () -> tape.gradient(x)).kind());
        }
        Scalar closed = x;
        assertEquals(27.0, g.of(x), 0.0);
        assertEquals(3.0, x.value(), 0.0);
        TapeMisuseException e = assertThrows(TapeMisuseException.class, () -> closed.mul(closed));
        assertEquals(TapeMisuseException.Kind.CLOSED, e.kind());
        assertEquals("mul", e.op());
    }

    @Test
    void nodesOfTwoTapesDoNotMix() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            Scalar x = a.variable(1), y = b.variable(2);
            TapeMisuseException e = assertThrows(TapeMisuseException.class, () -> x.add(y));
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE, e.kind());
            assertEquals("add", e.op());
            assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString())
                    && !a.toString().equals(b.toString()), e.getMessage());
            assertEquals(1, a.size());
            assertEquals(1, b.size());
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                    assertThrows(TapeMisuseException.class, () -> Scalar.sum(x, x, y)).kind());
            assertEquals(0, a.edgeCount(), "a refused n-ary op records nothing");
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                    assertThrows(TapeMisuseException.class, () -> b.gradient(x)).kind());
            Gradients g = a.gradient(x.square());
            assertEquals(TapeMisuseException.Kind.FOREIGN_TAPE,
                    assertThrows(TapeMisuseException.class, () -> g.of(y)).kind());
        }
    }

    @Test
    void aTapeBelongsToItsThread() throws Exception {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1);
            assertWrongThread(() -> x.sin());
            assertWrongThread(() -> tape.variable(2));
            assertWrongThread(() -> tape.gradient(x));
            assertWrongThread(() -> {
                tape.reset();
                return null;
            });
            assertEquals(1, tape.size());
            // gradients are values: any thread may read them
            Gradients g = tape.gradient(x.square());
            assertEquals(2.0, CompletableFuture.supplyAsync(() -> g.of(x)).get(), 0.0);
            // tapes on other threads are independent
            assertEquals(6.0, CompletableFuture.supplyAsync(() -> Autodiff.grad(v -> v[0].square(), 3.0)[0]).get());
        }
    }

    private static void assertWrongThread(Supplier<Object> action) throws InterruptedException {
        try {
            CompletableFuture.supplyAsync(action).get();
        } catch (ExecutionException e) {
            TapeMisuseException misuse = assertInstanceOf(TapeMisuseException.class, e.getCause());
            assertEquals(TapeMisuseException.Kind.WRONG_THREAD, misuse.kind());
            assertTrue(misuse.getMessage().contains("thread"), misuse.getMessage());
            return;
        }
        throw new AssertionError("use from another thread was not refused");
    }

    @Test
    void naryOperationsCheckEveryOperand() throws Exception {
        try (Tape tape = Tape.open()) {
            Scalar stale = tape.variable(1);
            tape.reset();
            Scalar x = tape.variable(2);
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> Scalar.sum(x, Scalar.constant(1), stale)).kind());
            assertEquals(TapeMisuseException.Kind.STALE, assertThrows(TapeMisuseException.class,
                    () -> Scalar.dot(new Scalar[] {x, stale}, new double[] {1, 2})).kind());
            assertEquals(1, tape.size());
            assertEquals(0, tape.edgeCount());
            assertWrongThread(() -> Scalar.sum(x, x));
            assertWrongThread(() -> Scalar.dot(new Scalar[] {x}, new Scalar[] {x}));
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> tape.gradient(x.square(), x, stale)).kind());
        }
    }

    /** Epochs are ints: the reset that would let them wrap (and revive old handles) is refused. */
    @Test
    void resetsAreCountedAndTheirLimitIsAnError() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(1);
            tape.epoch = Integer.MAX_VALUE - 2;               // as after 2^31 - 2 resets
            Scalar y = tape.variable(2);
            tape.reset();
            TapeMisuseException e = assertThrows(TapeMisuseException.class, tape::reset);
            assertEquals(TapeMisuseException.Kind.CAPACITY, e.kind());
            assertEquals("reset", e.op());
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> y.add(1)).kind());
            assertEquals(TapeMisuseException.Kind.STALE,
                    assertThrows(TapeMisuseException.class, () -> x.add(1)).kind());
            tape.close();                                     // closing still works, and still refuses old handles
            assertEquals(TapeMisuseException.Kind.CLOSED,
                    assertThrows(TapeMisuseException.class, () -> y.add(1)).kind());
        }
    }

    @Test
    void messagesNameTheOperation() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            Scalar x = a.variable(1), y = b.variable(2);
            TapeMisuseException e = assertThrows(TapeMisuseException.class, () -> x.atan2(y));
            assertTrue(e.getMessage().startsWith("atan2: "), e.getMessage());
            ShapeMismatchException dot = assertThrows(ShapeMismatchException.class,
                    () -> Scalar.dot(new Scalar[] {x, x}, new double[] {1}));
            assertEquals("dot", dot.op());
            assertEquals("dot: [2], [1]: lengths differ, 2 != 1", dot.getMessage());
        }
    }
}
