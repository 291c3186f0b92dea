package org.socketboard.service.inference;

/**
 * Why (part of) a message or sample could not be read, for people: a sentence naming the problem, the
 * line and column and a short excerpt, e.g. {@code Invalid JSON at line 2, column 9: expected , or }
 * after a value in an object, found "x", near “{"a":1 x”}.
 *
 * @param message the whole sentence (no library or Java names)
 * @param line    1-based line of the problem; 0 when the text as a whole is refused (size, empty)
 * @param column  1-based column of the problem; 0 likewise
 * @param offset  0-based character index of the problem in the text; 0 likewise
 */
public record ReadProblem(String message, int line, int column, int offset) {

    /** The text as a whole is refused: no position. */
    public static ReadProblem whole(String message) {
        return new ReadProblem(message, 0, 0, 0);
    }
}
