package org.socketboard.service.domain;

/** A service URL that cannot be used; the message is a sentence to show the admin as it is. */
public class InvalidServiceUrlException extends RuntimeException {

    public InvalidServiceUrlException(String message) {
        super(message);
    }
}
