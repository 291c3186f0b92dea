package org.socketboard.upstream.protocol;

/** What is known about a message sent to the server, once its send has finished without a refusal. */
public enum Delivery {
    /** Written to the socket; the protocol has no confirmation (plain WebSocket, a Socket.IO emit without ack). */
    WRITTEN("written to the socket; this protocol does not confirm messages"),
    /** The server confirmed it (a STOMP RECEIPT). */
    CONFIRMED("the server confirmed it"),
    /** Written, but the server's confirmation did not come in time (or the connection ended first). */
    UNCONFIRMED("written to the socket, but the server did not confirm it");

    private final String words;

    Delivery(String words) {
        this.words = words;
    }

    /** For people, after "Sent at 12:00:01": what the sender may believe. */
    public String words() {
        return words;
    }
}
