package dev.autodiff.core;

/**
 * Thrown when a {@link Scalar} or a {@link Tape} is used in a way that cannot give a correct answer: a node from a
 * tape that was reset or closed, nodes from two different tapes in one operation, a tape used from a thread other
 * than the one that opened it, or a tape grown past its addressable size.
 *
 * <p>The exception is thrown before anything is recorded, so the tape is unchanged. Tests and callers should branch
 * on {@link #kind()} and {@link #op()}, not on the message text.
 */
public final class TapeMisuseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The tape was closed; nothing can be recorded on it or differentiated with it any more. */
        CLOSED,
        /** The node was recorded before the tape's last {@link Tape#reset()}; its slot may now hold another node. */
        STALE,
        /** The operands (or the node and the tape asked for its gradient) belong to different tapes. */
        FOREIGN_TAPE,
        /** The tape was used from a thread other than the one that opened it. */
        WRONG_THREAD,
        /** The tape cannot hold more nodes or edges (Java arrays are limited to about 2^31 elements). */
        CAPACITY
    }

    private final Kind kind;
    private final String op;

    TapeMisuseException(Kind kind, String op, String detail) {
        super(op + ": " + detail);
        this.kind = kind;
        this.op = op;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return the name of the operation that was refused, e.g. {@code "mul"} or {@code "gradient"} */
    public String op() {
        return op;
    }
}
