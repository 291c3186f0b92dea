package org.socketboard.service.inference;

/**
 * A sample that cannot be read. The message is a sentence for the admin, naming the position when
 * there is one, e.g. "Invalid JSON at line 3, column 14: Unexpected character …".
 */
public class SampleParseException extends RuntimeException {

    private final int line;
    private final int column;

    public SampleParseException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The sample as a whole is refused (empty, too large): no position. */
    public SampleParseException(String message) {
        this(message, 0, 0);
    }

    /** The 1-based line of the problem, or 0 when it is not at a position. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when it is not at a position. */
    public int column() {
        return column;
    }
}
