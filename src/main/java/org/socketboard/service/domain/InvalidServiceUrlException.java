package org.socketboard.service.domain;

/**
 * A service URL that cannot be used; the message is a sentence to show the admin as it is. An
 * {@link IllegalArgumentException}, so that every path that turns bad input into a result or a 400
 * (Test connection among them) takes it as one.
 */
public class InvalidServiceUrlException extends IllegalArgumentException {

    public InvalidServiceUrlException(String message) {
        super(message);
    }
}
