package dev.autodiff.core;

import java.util.Arrays;
import java.util.List;

/**
 * Thrown when the shapes of an operation's operands do not fit, for example
 * {@code "matmul: [2, 3] @ [4, 5]: inner dimensions 3 != 4"}. The operation's name and every operand's shape are
 * fields, so that callers and tests need not parse the message. Nothing is recorded when it is thrown.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final List<int[]> shapes;

    /**
     * @param op     the operation, e.g. {@code "matmul"}
     * @param detail what does not fit, e.g. {@code "inner dimensions 3 != 4"}
     * @param shapes the operands' shapes, in operand order; copied
     */
    public ShapeMismatchException(String op, String detail, int[]... shapes) {
        super(message(op, detail, shapes));
        this.op = op;
        this.shapes = Arrays.stream(shapes).map(int[]::clone).toList();
    }

    private static String message(String op, String detail, int[][] shapes) {
        StringBuilder s = new StringBuilder(op).append(": ");
        for (int i = 0; i < shapes.length; i++) {
            s.append(i == 0 ? "" : op.equals("matmul") ? " @ " : ", ").append(Arrays.toString(shapes[i]));
        }
        return s.append(": ").append(detail).toString();
    }

    /** @return the operation that refused its operands */
    public String op() {
        return op;
    }

    /** @return the operands' shapes, in operand order (copies) */
    public List<int[]> shapes() {
        return shapes.stream().map(int[]::clone).toList();
    }
}
