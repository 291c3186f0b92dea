package org.socketboard.api;

/** A definition names something that does not exist on this server, e.g. a variable's service. */
public class UnknownReferenceException extends RuntimeException {

    private final String field;

    public UnknownReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
