package org.socketboard.upstream.protocol;

/** The server refused a message we sent (a STOMP ERROR answering our SEND); the message is the reason for people. */
public final class SendRefusedException extends RuntimeException {

    public SendRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
