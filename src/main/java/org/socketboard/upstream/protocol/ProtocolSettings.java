package org.socketboard.upstream.protocol;

import org.socketboard.upstream.domain.Protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one service's protocol is spoken for one variable; {@link #start()} makes each connection's
 * conversation.
 *
 * @param protocol      what the service speaks
 * @param connect       STOMP: CONNECT headers ({@code login}, {@code passcode}, {@code host}, …);
 *                      Socket.IO: the fields of the namespace connect's auth payload. May hold secrets
 * @param subscriptions STOMP: the destinations to SUBSCRIBE to (at least one); Socket.IO: the events
 *                      kept (empty = every event); unused for plain WebSocket. STOMP with none only
 *                      connects (Test connection's probe)
 * @param sendTarget    where the variable's messages go: STOMP's SEND destination (default: the first
 *                      subscription), Socket.IO's event name (default {@code message})
 * @param heartBeat     STOMP: the heart-beat we offer and ask for, both ways (zero = none)
 */
public record ProtocolSettings(Protocol protocol, Map<String, String> connect, List<String> subscriptions,
                               String sendTarget, Duration heartBeat) {

    /** STOMP's heart-beat offered in both directions when none is set. */
    public static final Duration DEFAULT_HEART_BEAT = Duration.ofSeconds(10);
    public static final ProtocolSettings WEBSOCKET = new ProtocolSettings(Protocol.WEBSOCKET, null, null, null, null);

    public ProtocolSettings {
        protocol = protocol == null ? Protocol.WEBSOCKET : protocol;
        connect = connect == null ? Map.of() : Map.copyOf(connect);
        subscriptions = subscriptions == null ? List.of()
                : subscriptions.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).toList();
        sendTarget = sendTarget == null ? "" : sendTarget.strip();
        heartBeat = heartBeat == null ? DEFAULT_HEART_BEAT : heartBeat;
    }

    /** A new conversation for one connection. */
    public WireProtocol start() {
        return switch (protocol) {
            case WEBSOCKET -> new PlainWebSocket();
            case SOCKET_IO -> new SocketIo(connect, subscriptions, sendTarget);
            case STOMP -> new Stomp(connect, subscriptions, sendTarget, heartBeat);
        };
    }
}
