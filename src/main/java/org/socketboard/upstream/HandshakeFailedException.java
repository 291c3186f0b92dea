package org.socketboard.upstream;

/**
 * The opening handshake did not lead to a usable connection, for a reason the server gave (an HTTP
 * status, a redirect that may not be followed, a subprotocol that was not offered) or the connection
 * policy gave for a redirect target. The message is a sentence for people.
 */
public final class HandshakeFailedException extends RuntimeException {

    private final int status;
    private final boolean permanent;

    /**
     * @param status    the HTTP status of the answer, or 0 when the failure is not one
     * @param permanent whether retrying the same request cannot help (401, 403, 404, a subprotocol
     *                  mismatch, a redirect the policy refuses, too many redirects)
     */
    public HandshakeFailedException(String message, int status, boolean permanent) {
        super(message);
        this.status = status;
        this.permanent = permanent;
    }

    public int status() {
        return status;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
