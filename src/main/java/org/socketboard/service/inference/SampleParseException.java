package org.socketboard.service.inference;

/**
 * A sample that cannot be read. The message is a sentence for the admin, naming the position and an
 * excerpt when there is one (see {@link ReadProblem}), e.g. "Invalid JSON at line 3, column 14: …".
 */
public class SampleParseException extends RuntimeException {

    private final transient ReadProblem problem;

    public SampleParseException(ReadProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    /** The sample as a whole is refused (empty, too large): no position. */
    public SampleParseException(String message) {
        this(ReadProblem.whole(message));
    }

    /** What was wrong, where, with an excerpt. */
    public ReadProblem problem() {
        return problem;
    }

    /** The 1-based line of the problem, or 0 when it is not at a position. */
    public int line() {
        return problem.line();
    }

    /** The 1-based column of the problem, or 0 when it is not at a position. */
    public int column() {
        return problem.column();
    }
}
