package org.socketboard.upstream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.socketboard.upstream.domain.UpstreamReason;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Socket.IO v4 on the Engine.IO v4 WebSocket transport, default namespace. The server speaks first
 * ({@code 0{"sid":…,"pingInterval":…,"pingTimeout":…}}); we connect the namespace ({@code 40}, with the
 * auth payload as JSON when there is one) and are ready at its {@code 40{"sid":…}}. The server pings
 * ({@code 2}), we answer ({@code 3}); silence for pingInterval + pingTimeout ends the connection, as a
 * Socket.IO client does. Each event {@code 42["name",payload]} is a message: its payload with the field
 * {@code event} (several arguments: {@code args}). A connect error ({@code 44}) or a disconnect
 * ({@code 41}, Engine.IO {@code 1}) is the reason the connection ends. Binary events (attachments) are
 * not read.
 */
public final class SocketIo implements WireProtocol {

    /** The first frame of an Engine.IO v4 server: how Test connection recognises one. */
    public static final String OPEN_PREFIX = "0{\"sid\"";
    static final String DEFAULT_EVENT = "message";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> auth;
    private final Set<String> events;
    private final String sendEvent;
    private Duration silenceLimit;

    SocketIo(Map<String, String> auth, List<String> events, String sendEvent) {
        this.auth = auth;
        this.events = Set.copyOf(events);
        this.sendEvent = sendEvent.isEmpty() ? DEFAULT_EVENT : sendEvent;
    }

    @Override
    public URI address(URI configured) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(configured);
        if (configured.getPath() == null || configured.getPath().isEmpty() || "/".equals(configured.getPath())) {
            builder.path("/socket.io/"); // the server's default path, as Socket.IO clients assume
        }
        return builder.replaceQueryParam("EIO", "4").replaceQueryParam("transport", "websocket").build(true).toUri();
    }

    @Override
    public List<String> subprotocols(List<String> configured) {
        return configured;
    }

    @Override
    public List<String> onOpen(URI uri) {
        return List.of();
    }

    @Override
    public Inbound onFrame(String frame) {
        if (frame.isEmpty()) {
            return Inbound.NOTHING;
        }
        return switch (frame.charAt(0)) {
            case '0' -> opened(frame.substring(1));
            case '1' -> Inbound.refused("The Socket.IO server closed the session");
            case '2' -> Inbound.reply("3" + frame.substring(1));
            case '4' -> socketPacket(frame.substring(1));
            default -> Inbound.NOTHING; // 3 (pong), 5 (upgrade), 6 (noop)
        };
    }

    private Inbound opened(String handshake) {
        try {
            JsonNode open = JSON.readTree(handshake);
            long interval = open.path("pingInterval").asLong(25_000);
            long timeout = open.path("pingTimeout").asLong(20_000);
            silenceLimit = Duration.ofMillis(interval + timeout);
        } catch (JsonProcessingException e) {
            return Inbound.refused("The server's Engine.IO open packet is not JSON; is this a Socket.IO v4 server?");
        }
        return Inbound.reply(auth.isEmpty() ? "40" : "40" + JSON.valueToTree(auth));
    }

    private Inbound socketPacket(String packet) {
        if (packet.isEmpty()) {
            return Inbound.NOTHING;
        }
        char type = packet.charAt(0);
        String rest = packet.substring(1);
        return switch (type) {
            case '0' -> new Inbound(List.of(), List.of(), true, null);
            case '1' -> Inbound.refused("The Socket.IO server disconnected this client");
            case '2' -> event(rest);
            case '4' -> Inbound.refused("The Socket.IO server refused the connection: " + errorMessage(rest));
            default -> Inbound.NOTHING; // 3 ack, 5 and 6 binary (not read)
        };
    }

    private static String errorMessage(String payload) {
        try {
            JsonNode error = JSON.readTree(payload);
            return UpstreamReason.of(error.isObject() ? error.path("message").asText("") : error.asText(""), "no reason given");
        } catch (JsonProcessingException e) {
            return "no reason given";
        }
    }

    /** {@code ["name", args…]}, after an optional namespace ({@code /ns,}) and ack id (digits). */
    private Inbound event(String rest) {
        int start = rest.indexOf('[');
        if (start < 0) {
            return Inbound.NOTHING;
        }
        JsonNode array;
        try {
            array = JSON.readTree(rest.substring(start));
        } catch (JsonProcessingException e) {
            return Inbound.messages(List.of(new WireMessage(rest.substring(start), "", null)));
        }
        if (!array.isArray() || array.isEmpty() || !array.get(0).isTextual()) {
            return Inbound.NOTHING;
        }
        String name = array.get(0).asText();
        if (!events.isEmpty() && !events.contains(name)) {
            return Inbound.NOTHING;
        }
        JsonNode payload;
        if (array.size() == 2) {
            payload = array.get(1);
        } else {
            ObjectNode args = JSON.createObjectNode();
            ArrayNode list = args.putArray("args");
            for (int i = 1; i < array.size(); i++) {
                list.add(array.get(i));
            }
            payload = args;
        }
        return Inbound.messages(List.of(new WireMessage(payload.toString(), "application/json", Map.of("event", name))));
    }

    /** An emit of the variable's event; a JSON message is its payload, anything else a string. */
    @Override
    public String send(String message) {
        ArrayNode emit = JSON.createArrayNode().add(sendEvent);
        try {
            JsonNode payload = JSON.readTree(message);
            emit.add(payload == null || payload.isMissingNode() ? JSON.getNodeFactory().textNode(message) : payload);
        } catch (JsonProcessingException notJson) {
            emit.add(message);
        }
        return "42" + emit;
    }

    @Override
    public List<String> onClose() {
        return List.of("41");
    }

    @Override
    public KeepAlive keepAlive() {
        return silenceLimit == null ? KeepAlive.NONE : new KeepAlive(null, null, silenceLimit);
    }
}
