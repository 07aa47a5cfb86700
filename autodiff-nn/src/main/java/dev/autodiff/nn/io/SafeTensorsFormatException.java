package dev.autodiff.nn.io;

import java.io.IOException;

/**
 * Thrown when bytes are not a valid safetensors file that {@link SafeTensors} can read, for example
 * {@code "safetensors model.safetensors: tensor \"w\": data_offsets [0, 24] hold 24 bytes, but F64 shape [2, 2]
 * needs 32"}. The source (the file, or {@code <bytes>}) and the problem are fields too. Nothing is returned from a
 * file that raises it.
 */
public final class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * @param source  the file name, or {@code <bytes>} for an array
     * @param problem what is wrong
     */
    public SafeTensorsFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * @param source  the file name, or {@code <bytes>} for an array
     * @param problem what is wrong
     * @param cause   the underlying error, or null
     */
    public SafeTensorsFormatException(String source, String problem, Throwable cause) {
        super("safetensors " + source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** @return the file name, or {@code <bytes>} */
    public String source() {
        return source;
    }

    /** @return what is wrong, without the source */
    public String problem() {
        return problem;
    }
}
