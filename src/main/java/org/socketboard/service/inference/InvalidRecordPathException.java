package org.socketboard.service.inference;

/** A record path that is not a JSON Pointer or points at nothing in the sample; the message says which. */
public class InvalidRecordPathException extends RuntimeException {

    public InvalidRecordPathException(String message) {
        super(message);
    }
}
