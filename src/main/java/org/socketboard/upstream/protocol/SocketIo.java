package org.socketboard.upstream.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.socketboard.upstream.domain.UpstreamReason;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Socket.IO v4 on the Engine.IO v4 WebSocket transport, one namespace per connection. The service URL's
 * path names both the Engine.IO path and the namespace ({@link #address}): up to and including a
 * {@code socket.io} segment it is the Engine.IO path and what follows is the namespace
 * ({@code /socket.io/admin}: path {@code /socket.io/}, namespace {@code /admin}); with no such segment
 * the whole path is the namespace and the Engine.IO path is {@code /socket.io/}, as the socket.io
 * JavaScript client reads {@code io("https://host/admin")}. An empty path is namespace {@code /}; a
 * trailing slash is not part of a namespace.
 * <p>
 * The server speaks first ({@code 0{"sid":…,"pingInterval":…,"pingTimeout":…}}); we connect the namespace
 * ({@code 40} or {@code 40/admin,}, followed by the auth payload as JSON when there is one) and are ready
 * at its {@code 40{"sid":…}}. The server pings ({@code 2}), we answer ({@code 3}); silence for
 * pingInterval + pingTimeout ends the connection, as a Socket.IO client does (each clamped to
 * {@link KeepAlive#clamp 100 ms – 1 h}; an open packet with either not a positive whole number is refused). Each event of our namespace
 * ({@code 42["name",payload]}, {@code 42/admin,["name",payload]}) is a message: its payload with the field
 * {@code event} (several arguments: {@code args}); packets of other namespaces are ignored. A connect
 * error ({@code 44}) before the first event or a namespace disconnect ({@code 41}) is a refusal; a {@code 44}
 * after events arrived (the server's middleware turning on a live session) and an Engine.IO close ({@code 1}) end
 * the session as a dropped transport does, which the JavaScript client reconnects after. A second open packet
 * is ignored, as that client does (it connects its namespaces after the first only).
 * Binary events (attachments) and binary frames are not read: they count as unreadable messages, as do
 * malformed packets ({@code 42{}}, {@code 42[]}, text after the event's array, unknown packet types).
 * Emits ask for no ack: a sent message is only known to be written.
 */
public final class SocketIo implements WireProtocol {

    /** The first frame of an Engine.IO v4 server: how Test connection recognises one. */
    public static final String OPEN_PREFIX = "0{\"sid\"";
    static final String DEFAULT_EVENT = "message";
    static final String DEFAULT_NAMESPACE = "/";
    /** A path up to and including its {@code socket.io} segment: the Engine.IO path. */
    private static final Pattern ENGINE_IO_PATH = Pattern.compile(".*?/socket\\.io(?=/|$)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> auth;
    private final Set<String> events;
    private final String sendEvent;
    private Duration silenceLimit;
    /** The open packet came: a second one is ignored. */
    private boolean opened;
    /** An event came: a connect error from now on ends the session rather than refusing it. */
    private boolean delivered;
    /** Set by {@link #address}, which a connection calls first; null (pasted samples): every namespace's events are read. */
    private String namespace;

    SocketIo(Map<String, String> auth, List<String> events, String sendEvent) {
        this.auth = auth;
        this.events = Set.copyOf(events);
        this.sendEvent = sendEvent.isEmpty() ? DEFAULT_EVENT : sendEvent;
    }

    /** The Engine.IO address of {@code configured} (see the class comment); remembers the namespace it names. */
    @Override
    public URI address(URI configured) {
        String rawPath = configured.getRawPath() == null ? "" : configured.getRawPath();
        int rawEnd = engineIoPathEnd(rawPath);
        String enginePath = rawEnd < 0 ? "/socket.io/" : rawPath.substring(0, rawEnd) + "/";
        // The namespace as the server names it: the decoded path after the Engine.IO one.
        String path = configured.getPath() == null ? "" : configured.getPath();
        namespace = "/" + path.substring(Math.max(engineIoPathEnd(path), 0)).replaceAll("^/+|/+$", "");
        return UriComponentsBuilder.fromUri(configured).replacePath(enginePath)
                .replaceQueryParam("EIO", "4").replaceQueryParam("transport", "websocket").build(true).toUri();
    }

    /** Where the path's first {@code socket.io} segment ends; -1 without one. */
    private static int engineIoPathEnd(String path) {
        Matcher engineIo = ENGINE_IO_PATH.matcher(path);
        return engineIo.lookingAt() ? engineIo.end() : -1;
    }

    private boolean defaultNamespace() {
        return namespace == null || DEFAULT_NAMESPACE.equals(namespace);
    }

    /** A packet type followed by our namespace as Socket.IO writes it: {@code 4} or {@code 4/admin,}. */
    private String header(char type) {
        return defaultNamespace() ? "4" + type : "4" + type + namespace + ",";
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
            case '0' -> opened ? Inbound.NOTHING : opened(frame.substring(1));
            case '1' -> Inbound.ended("The Socket.IO server closed the session");
            case '2' -> Inbound.reply("3" + frame.substring(1));
            case '4' -> socketPacket(frame);
            case '3', '5', '6' -> Inbound.NOTHING; // pong, upgrade, noop
            default -> Inbound.unreadable(frame, "The Socket.IO server sent a packet of unknown type \""
                    + UpstreamReason.of(frame.substring(0, 1), "?") + "\"");
        };
    }

    /** Engine.IO v4 sends binary event attachments as binary frames; binary events are not read. */
    @Override
    public Inbound onBinaryFrame(ByteBuffer frame) {
        return Inbound.unreadable("(binary, " + frame.remaining() + " bytes)",
                "The Socket.IO server sent binary data, which is not read (binary events are not supported)");
    }

    private Inbound opened(String handshake) {
        opened = true;
        try {
            JsonNode open = JSON.readTree(handshake);
            long interval = millis(open.path("pingInterval"), 25_000);
            long timeout = millis(open.path("pingTimeout"), 20_000);
            if (interval <= 0 || timeout <= 0) {
                return Inbound.refused("The Socket.IO server's open packet asks for pingInterval "
                        + UpstreamReason.of(open.path("pingInterval").toString(), "?") + " and pingTimeout "
                        + UpstreamReason.of(open.path("pingTimeout").toString(), "?")
                        + " ms; both must be positive numbers");
            }
            // Clamped each, so that the sum cannot overflow.
            silenceLimit = KeepAlive.clamp(interval).plus(KeepAlive.clamp(timeout));
        } catch (JsonProcessingException e) {
            return Inbound.refused("The server's Engine.IO open packet is not JSON; is this a Socket.IO v4 server?");
        }
        return Inbound.reply(auth.isEmpty() ? header('0') : header('0') + JSON.valueToTree(auth));
    }

    /** A whole number of ms; {@code absent} when missing, too large for a long = {@link Long#MAX_VALUE}, anything else 0 (refused). */
    private static long millis(JsonNode value, long absent) {
        if (value.isMissingNode()) {
            return absent;
        }
        if (!value.isIntegralNumber()) {
            return 0;
        }
        return value.canConvertToLong() ? value.asLong() : value.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : 0;
    }

    /** {@code 4} and a Socket.IO packet: its type, an optional namespace and its data. */
    private Inbound socketPacket(String frame) {
        String packet = frame.substring(1);
        if (packet.isEmpty()) {
            return Inbound.unreadable(frame, "The Socket.IO server sent a message packet without a Socket.IO packet in it");
        }
        char type = packet.charAt(0);
        String rest = packet.substring(1);
        String from = DEFAULT_NAMESPACE;
        if (rest.startsWith("/")) {
            int comma = rest.indexOf(',');
            from = comma < 0 ? rest : rest.substring(0, comma);
            rest = comma < 0 ? "" : rest.substring(comma + 1);
        }
        if (namespace != null && !namespace.equals(from)) {
            return Inbound.NOTHING; // another namespace multiplexed on this connection
        }
        String ours = defaultNamespace() ? "" : " to the namespace " + UpstreamReason.of(namespace, "");
        return switch (type) {
            case '0' -> new Inbound(List.of(), List.of(), true, null);
            case '1' -> Inbound.refused("The Socket.IO server disconnected this client" + ours);
            case '2' -> event(frame, rest);
            case '3' -> Inbound.NOTHING; // an ack: our emits ask for none
            case '4' -> delivered ? Inbound.ended("The Socket.IO server ended the connection" + ours + ": " + errorMessage(rest))
                    : Inbound.refused("The Socket.IO server refused the connection" + ours + ": " + errorMessage(rest));
            case '5', '6' -> Inbound.unreadable(frame, "The Socket.IO server sent a binary event, which is not read"
                    + " (binary events are not supported)");
            default -> Inbound.unreadable(frame, "The Socket.IO server sent a packet of unknown type \""
                    + UpstreamReason.of(String.valueOf(type), "?") + "\"");
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

    /** {@code ["name", args…]}, after an optional ack id (digits); anything else is unreadable. */
    private Inbound event(String frame, String rest) {
        int start = rest.indexOf('[');
        if (start < 0 || !rest.substring(0, start).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Inbound.unreadable(frame, "A Socket.IO event is not an array of its name and data");
        }
        String json = rest.substring(start);
        JsonNode array;
        boolean trailing;
        try (JsonParser parser = JSON.createParser(json)) {
            array = parser.readValueAsTree();
            trailing = more(parser);
        } catch (IOException badJson) {
            // Counted and worded as any bad JSON is.
            return Inbound.messages(List.of(new WireMessage(json, "", null)));
        }
        if (trailing) {
            return Inbound.unreadable(frame, "A Socket.IO event has text after its closing bracket");
        }
        if (!array.isArray() || array.isEmpty() || !array.get(0).isTextual()) {
            return Inbound.unreadable(frame, "A Socket.IO event does not start with its name");
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
        delivered = true;
        return Inbound.messages(List.of(new WireMessage(payload.toString(), "application/json", Map.of("event", name))));
    }

    /** Whether anything but white space follows the value just read. */
    private static boolean more(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException garbage) {
            return true;
        }
    }

    /**
     * Why a service URL cannot name a Socket.IO namespace ({@link #address}'s rule), or null: a comma
     * ends the namespace in a packet ({@code 42/a,b,[…]}), so a namespace with one never matches.
     */
    public static String namespaceProblem(String url) {
        String path = url.replaceFirst("^[^:/?#]*://[^/?#]*", "").replaceFirst("[?#].*$", "");
        int end = engineIoPathEnd(path);
        String namespace = path.substring(Math.max(end, 0));
        return namespace.contains(",") || namespace.toUpperCase(java.util.Locale.ROOT).contains("%2C") ? "A Socket.IO namespace cannot hold a comma (Socket.IO ends the namespace"
                + " of a packet at its first comma)" : null;
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
        return header('2') + emit;
    }

    @Override
    public List<String> onClose() {
        return List.of(header('1'));
    }

    @Override
    public KeepAlive keepAlive() {
        return silenceLimit == null ? KeepAlive.NONE : new KeepAlive(null, null, silenceLimit,
                "No ping from the Socket.IO server within " + silenceLimit.toMillis() + " ms");
    }

    @Override
    public String handshakeTimedOut(Duration timeout) {
        return "The Socket.IO server did not confirm the connection to namespace "
                + UpstreamReason.of(namespace == null ? DEFAULT_NAMESPACE : namespace, DEFAULT_NAMESPACE)
                + " within " + UpstreamReason.duration(timeout);
    }
}
