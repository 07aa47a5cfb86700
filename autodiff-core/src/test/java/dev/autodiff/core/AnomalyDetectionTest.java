package dev.autodiff.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anomaly detection names the first operation that made an infinity or NaN from finite values, forward or backward,
 * with its operands' shapes and the line that recorded it; outside the scope the same program runs unchecked.
 */
class AnomalyDetectionTest {

    /** A user's sqrt whose backward divides by the output: an infinite gradient at 0. */
    private static final TensorOp NAIVE_SQRT = SweepReachabilityTest.NAIVE_SQRT;

    private static void assertRecordedHere(AnomalyException e, String method) {
        assertEquals(AnomalyDetectionTest.class.getName(), e.recordedAt().getClassName(), e.getMessage());
        // the test method itself, or a lambda in it (javac names those lambda$method$n)
        String name = e.recordedAt().getMethodName();
        assertTrue(name.equals(method) || name.startsWith("lambda$" + method + "$"), name);
    }

    @Test
    void aScalarOverflowIsNamedWhereItIsRecorded() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(710);
            int before = tape.size();
            try (Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
                assertTrue(tape.isDetectingAnomalies());
                AnomalyException e = assertThrows(AnomalyException.class, () -> x.exp().log());
                assertEquals(AnomalyException.Phase.FORWARD, e.phase());
                assertEquals("exp", e.op());
                assertArrayEquals(new int[0], e.operandShapes().get(0));
                assertRecordedHere(e, "aScalarOverflowIsNamedWhereItIsRecorded");
                assertTrue(e.getMessage().startsWith("exp forward on operands of shape []: made Infinity from the"
                        + " finite operands [710.0]; recorded at " + AnomalyDetectionTest.class.getName()),
                        e.getMessage());
                assertEquals(before, tape.size(), "nothing was recorded");
            }
            assertFalse(tape.isDetectingAnomalies());
            assertEquals(Double.POSITIVE_INFINITY, x.exp().value(), "outside the scope: unchecked");
        }
    }

    @Test
    void valuesAlreadyNonFiniteAreNotAnomalies() {
        try (Tape tape = Tape.open(); Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
            Scalar x = tape.variable(Double.POSITIVE_INFINITY);
            assertEquals(Double.POSITIVE_INFINITY, x.exp().mul(2).value(), "the infinity was given, not made");
            Tensor t = tape.variable(Tensor.vector(Double.NaN, 1));
            assertTrue(Double.isNaN(t.exp().sum().item().value()));
        }
    }

    @Test
    void aTensorOverflowNamesTheOperationAndItsShapes() {
        try (Tape tape = Tape.open(); Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
            Tensor x = tape.variable(Tensor.matrix(new double[][] {{1, 710}}));
            Tensor w = tape.variable(Tensor.matrix(new double[][] {{1, 1}, {2, 2}}));
            Tensor h = x.linear(w, null);                                   // finite: [711, 1422]
            AnomalyException e = assertThrows(AnomalyException.class, () -> h.exp());
            assertEquals("exp", e.op());
            assertEquals(List.of(List.of(1, 2)), e.operandShapes().stream()
                    .map(s -> java.util.Arrays.stream(s).boxed().toList()).toList());
            assertRecordedHere(e, "aTensorOverflowNamesTheOperationAndItsShapes");
        }
    }

    @Test
    void anInfiniteScalarDerivativeIsNamedInTheSweep() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(0);
            try (Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
                Scalar f = x.sqrt().add(x);                                 // value 0: no forward anomaly
                AnomalyException e = assertThrows(AnomalyException.class, () -> tape.gradient(f));
                assertEquals(AnomalyException.Phase.BACKWARD, e.phase());
                assertEquals("sqrt", e.op());
                assertRecordedHere(e, "anInfiniteScalarDerivativeIsNamedInTheSweep");
                assertThrows(AnomalyException.class, () -> tape.gradient(f, x));
            }
            assertEquals(Double.POSITIVE_INFINITY, tape.gradient(x.sqrt()).of(x), "unchecked outside the scope");
        }
    }

    @Test
    void aCustomBackwardThatDividesByZeroIsNamed() {
        try (Tape tape = Tape.open(); Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
            Tensor x = tape.variable(Tensor.vector(4, 0));
            Scalar f = NAIVE_SQRT.apply(x).sum().item();
            AnomalyException e = assertThrows(AnomalyException.class, () -> tape.gradient(f));
            assertEquals(AnomalyException.Phase.BACKWARD, e.phase());
            assertEquals("naiveSqrt", e.op());
            assertArrayEquals(new int[] {2}, e.operandShapes().get(0));
            assertRecordedHere(e, "aCustomBackwardThatDividesByZeroIsNamed");
            assertTrue(e.getMessage().contains("element 1 is Infinity"), e.getMessage());
        }
    }

    @Test
    void operationsRecordedOutsideTheScopeAreCheckedButUnlocated() {
        try (Tape tape = Tape.open()) {
            Scalar x = tape.variable(0);
            Scalar f = x.sqrt();
            try (Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
                AnomalyException e = assertThrows(AnomalyException.class, () -> tape.gradient(f));
                assertNull(e.recordedAt());
                assertTrue(e.getMessage().endsWith("recorded outside anomaly detection, so its location is unknown"));
            }
        }
    }

    @Test
    void gradientsInTheScopeAreTheUncheckedOnes() {
        double[] checked, unchecked;
        try (Tape tape = Tape.openHigherOrder(); Tape.AnomalyDetection detecting = tape.detectAnomalies()) {
            Scalar[] x = tape.variables(0.3, -1.2);
            Scalar f = x[0].mul(x[1]).sin().add(x[0].square()).exp();
            checked = tape.gradient(f, x);
            assertEquals(checked[0], tape.recordGradient(f, x)[0].value(), 1e-15);
        }
        try (Tape tape = Tape.open()) {
            Scalar[] x = tape.variables(0.3, -1.2);
            unchecked = tape.gradient(x[0].mul(x[1]).sin().add(x[0].square()).exp(), x);
        }
        assertArrayEquals(unchecked, checked, 0.0);
    }
}
