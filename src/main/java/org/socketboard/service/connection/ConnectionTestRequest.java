package org.socketboard.service.connection;

import org.socketboard.upstream.protocol.ProtocolSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to test: the resolved URI, the handshake headers and subprotocols, an optional sample request
 * sent once the socket is open, how long the handshake may take and how long to wait for a message.
 * Headers and subprotocols must not contain nulls (a parameter without a value is left out).
 *
 * @param protocol what to speak inside the WebSocket; for plain WebSocket the tester also looks for a
 *                 Socket.IO or STOMP server behind the URL
 */
public record ConnectionTestRequest(URI uri, Map<String, String> headers, List<String> subprotocols,
                                    String sampleRequest, Duration connectTimeout, Duration firstMessageWait,
                                    ProtocolSettings protocol) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FIRST_MESSAGE_WAIT = Duration.ofSeconds(5);

    public ConnectionTestRequest {
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(firstMessageWait, "firstMessageWait");
        protocol = protocol == null ? ProtocolSettings.WEBSOCKET : protocol;
    }

    /** Plain WebSocket. */
    public ConnectionTestRequest(URI uri, Map<String, String> headers, List<String> subprotocols,
                                 String sampleRequest, Duration connectTimeout, Duration firstMessageWait) {
        this(uri, headers, subprotocols, sampleRequest, connectTimeout, firstMessageWait, null);
    }

    /** The same test in another protocol. */
    public ConnectionTestRequest withProtocol(ProtocolSettings other) {
        return new ConnectionTestRequest(uri, headers, subprotocols, sampleRequest, connectTimeout, firstMessageWait, other);
    }

    /** A test with the default timeouts: 10 s for the handshake, 5 s for the first message. */
    public static ConnectionTestRequest of(URI uri, Map<String, String> headers, List<String> subprotocols,
                                           String sampleRequest) {
        return new ConnectionTestRequest(uri, headers, subprotocols, sampleRequest,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_FIRST_MESSAGE_WAIT);
    }

    /** A test of a bare URI: no headers, no subprotocols, nothing sent, default timeouts. */
    public static ConnectionTestRequest of(URI uri) {
        return of(uri, Map.of(), List.of(), null);
    }

    public ConnectionTestRequest withTimeouts(Duration connectTimeout, Duration firstMessageWait) {
        return new ConnectionTestRequest(uri, headers, subprotocols, sampleRequest, connectTimeout, firstMessageWait, protocol);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
