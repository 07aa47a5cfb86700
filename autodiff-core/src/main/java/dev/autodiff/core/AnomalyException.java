package dev.autodiff.core;

import java.util.Arrays;
import java.util.List;

/**
 * Thrown inside a {@link Tape#detectAnomalies()} scope at the first infinity or NaN made from finite values: by an
 * operation's forward computation (exp(710), log(0), 0/0), or by its backward pass from a finite adjoint (sqrt at 0,
 * a user's backward that divides by zero). It names the operation, the shapes of its operands ([] for a scalar) and
 * the line of the caller's code that recorded it, as PyTorch's {@code detect_anomaly} does.
 *
 * <p>A forward anomaly is thrown before the operation is recorded, so the tape is unchanged; a backward anomaly ends
 * the sweep, which returns nothing. Callers should branch on {@link #phase()}, {@link #op()} and
 * {@link #operandShapes()}, not on the message text.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** Where the non-finite value was made. */
    public enum Phase {
        /** The operation's value. */
        FORWARD,
        /** The operation's contribution to its operands' adjoints, in a reverse sweep. */
        BACKWARD
    }

    private final Phase phase;
    private final String op;
    private final transient List<int[]> operandShapes;
    private final StackTraceElement recordedAt;

    AnomalyException(Phase phase, String op, List<int[]> operandShapes, StackTraceElement recordedAt, String detail) {
        super(message(phase, op, operandShapes, recordedAt, detail));
        this.phase = phase;
        this.op = op;
        this.operandShapes = operandShapes;
        this.recordedAt = recordedAt;
    }

    private static String message(Phase phase, String op, List<int[]> shapes, StackTraceElement at, String detail) {
        StringBuilder b = new StringBuilder(op).append(phase == Phase.FORWARD ? " forward" : " backward")
                .append(" on operands of shape");
        for (int[] s : shapes) {
            b.append(' ').append(Arrays.toString(s));
        }
        b.append(": ").append(detail);
        b.append(at == null ? "; recorded outside anomaly detection, so its location is unknown"
                : "; recorded at " + at);
        return b.toString();
    }

    /** @return whether the value was made forward or backward */
    public Phase phase() {
        return phase;
    }

    /** @return the operation's name, as {@code toString} and errors show it */
    public String op() {
        return op;
    }

    /** @return the shapes of the operation's operands, in order ([] for a scalar); copies */
    public List<int[]> operandShapes() {
        return operandShapes.stream().map(int[]::clone).toList();
    }

    /** @return the frame of the caller's code that recorded the operation, or null if it was recorded unobserved */
    public StackTraceElement recordedAt() {
        return recordedAt;
    }
}
