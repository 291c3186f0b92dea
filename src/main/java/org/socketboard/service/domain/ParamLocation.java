package org.socketboard.service.domain;

/** Where a service parameter goes when a connection is opened. */
public enum ParamLocation {
    /** {@code ?name=value} in the URL. */
    QUERY,
    /** {@code {name}} in the URL path. */
    PATH,
    /** An HTTP header of the opening handshake. */
    HEADER,
    /**
     * In the protocol's own connect, after the WebSocket handshake: a STOMP CONNECT header ({@code login},
     * {@code passcode}, {@code host}) or a field of the Socket.IO auth payload. Unused for plain WebSocket.
     */
    CONNECT;

    /** Where the parameter goes, in words. */
    public String label() {
        return switch (this) {
            case QUERY -> "Query string";
            case PATH -> "URL path";
            case HEADER -> "Header";
            case CONNECT -> "Protocol connect (STOMP header or Socket.IO auth)";
        };
    }
}
