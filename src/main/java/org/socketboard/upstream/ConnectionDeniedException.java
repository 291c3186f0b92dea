package org.socketboard.upstream;

/** The connection policy refuses an upstream URL; the message is fit to show the user as is. */
public class ConnectionDeniedException extends RuntimeException {

    public ConnectionDeniedException(String message) {
        super(message);
    }
}
