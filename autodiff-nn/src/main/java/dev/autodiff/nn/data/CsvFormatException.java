package dev.autodiff.nn.data;

import java.io.IOException;

/**
 * Thrown when a CSV source is not the numeric table {@link Csv} expects, for example
 * {@code "digits.csv line 12, column 3: \"abc\" is not a number"}. Lines and columns count from 1; either is 0 when
 * the problem has no line (an empty file) or no column (a ragged row). The source, line, column and problem are
 * fields too.
 */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param source  the file or resource name
     * @param line    the line, from 1; 0 for none
     * @param column  the column, from 1; 0 for none
     * @param problem what is wrong
     * @param cause   the underlying error, or null
     */
    public CsvFormatException(String source, int line, int column, String problem, Throwable cause) {
        super(source + (line > 0 ? " line " + line : "") + (column > 0 ? ", column " + column : "") + ": " + problem,
                cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** @return the file or resource name */
    public String source() {
        return source;
    }

    /** @return the line, from 1; 0 when the problem has none */
    public int line() {
        return line;
    }

    /** @return the column, from 1; 0 when the problem has none */
    public int column() {
        return column;
    }

    /** @return what is wrong, without the place */
    public String problem() {
        return problem;
    }
}
