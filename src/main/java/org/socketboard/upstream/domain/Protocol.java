package org.socketboard.upstream.domain;

/**
 * What a service speaks inside its WebSocket. It decides the handshake, the keep-alive and how a frame
 * becomes messages; record paths, filters and strategies work the same on every one.
 */
public enum Protocol {
    /** Every text or binary message is one message (RFC 6455 only). */
    WEBSOCKET("WebSocket"),
    /** Socket.IO v4 on the Engine.IO v4 WebSocket transport: events become messages. */
    SOCKET_IO("Socket.IO"),
    /** STOMP 1.2: MESSAGE frames of the subscribed destinations become messages. */
    STOMP("STOMP");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The protocol's own name, for people. */
    public String label() {
        return label;
    }
}
