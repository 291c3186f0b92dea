package org.socketboard.service.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.socketboard.upstream.HandshakeFailedException;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.domain.UpstreamReason;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.upstream.protocol.SocketIo;
import org.socketboard.upstream.protocol.Stomp;
import org.socketboard.upstream.protocol.WireProtocol;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tests a service connection for real: opens the WebSocket on the server's {@link UpstreamClient}
 * (its TLS trust, redirects checked hop by hop), sends the sample request if there is one, waits for
 * the first whole message, then closes the socket. Failures are results with a sentence, never
 * exceptions. A request's {@link ConnectionTestRequest#connectTimeout()} bounds the whole handshake.
 *
 * <p>In Socket.IO or STOMP the protocol's handshake is spoken too, the sample request is emitted (Socket.IO)
 * or names the destination subscribed to (STOMP), and the first message is the first event or MESSAGE
 * body with the protocol's field ({@code event}, {@code destination}). A plain WebSocket test offers the
 * STOMP subprotocols when none are set, and when the server turns out to speak Socket.IO (its first frame
 * is an Engine.IO open packet, {@code 0{"sid"…}) or STOMP (it chose a STOMP subprotocol), tests again in
 * that protocol and says so in {@link ConnectionTestResult#detected()}.
 */
@Component
public class ConnectionTester {

    /** The largest first message kept: 1 MB of text (or bytes for a binary message). */
    public static final int MAX_MESSAGE_SIZE = 1_048_576;
    /** How long sending our close may block before the socket is dropped. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    /** Time on top of the handshake timeout, so that the client's own timeout normally reports first. */
    private static final Duration HANDSHAKE_MARGIN = Duration.ofSeconds(1);
    /** A close sooner than this after opening is reported as "at once". */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    /** RFC 6455 4.1: each subprotocol is an HTTP token (RFC 7230 3.2.6). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final CloseReason FINISHED = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "connection test finished");
    /** The code the client reports when the TCP connection ended without a close frame. */
    private static final int ABNORMAL_CLOSURE = 1006;

    private final Clock clock;
    private final UpstreamClient client;

    public ConnectionTester(Clock clock, UpstreamClient upstreamClient) {
        this.clock = clock;
        this.client = upstreamClient;
    }

    public ConnectionTestResult test(ConnectionTestRequest request) {
        Instant start = clock.instant();
        Optional<String> refused = refusedHeader(request.headers()).or(() -> refusedSubprotocol(request));
        if (refused.isPresent()) {
            return failed(start, refused.get());
        }
        boolean plain = request.protocol().protocol() == Protocol.WEBSOCKET;
        WireProtocol wire = request.protocol().start();
        FirstMessage listener = new FirstMessage(plain ? null : wire);
        List<String> offered = plain && request.subprotocols().isEmpty() ? Stomp.SUBPROTOCOLS
                : wire.subprotocols(request.subprotocols());
        CompletableFuture<Session> handshake = client.connect(listener, new UpstreamClient.Handshake(
                wire.address(request.uri()), request.headers(), offered, request.connectTimeout(), CLOSE_WAIT));
        try {
            Session session = await(handshake, request.connectTimeout().plus(HANDSHAKE_MARGIN));
            if (!plain) {
                wire.onOpen(request.uri()).forEach(frame -> sendQuietly(session, frame));
            }
            if (plain && offeredStompAndChosen(request, listener)) {
                Optional<ConnectionTestResult> stomp = detected(Protocol.STOMP, request, start);
                if (stomp.isPresent()) {
                    return stomp.get();
                }
            }
            ConnectionTestResult result = afterOpen(session, listener, request, start, wire);
            boolean socketIo = plain && result.firstMessage() != null && result.firstMessage().startsWith(SocketIo.OPEN_PREFIX);
            return socketIo ? detected(Protocol.SOCKET_IO, request, start).orElse(result) : result;
        } catch (ExecutionException | TimeoutException e) {
            // An Engine.IO server refuses an upgrade without EIO=4 with HTTP 400 and drops (or 404s) one at a path
            // it does not serve, such as a namespace (/admin): try it as Socket.IO, within the connect timeout left.
            boolean refusedOrDropped = cause(e, HandshakeFailedException.class).filter(r -> r.status() == 400 || r.status() == 404).isPresent()
                    || cause(e, EOFException.class).isPresent();
            Duration left = request.connectTimeout().minus(Duration.between(start, clock.instant()));
            if (plain && refusedOrDropped && !left.isNegative() && !left.isZero()) {
                Optional<ConnectionTestResult> socketIo = detected(Protocol.SOCKET_IO,
                        request.withTimeouts(left, request.firstMessageWait()), start);
                if (socketIo.isPresent()) {
                    return socketIo.get();
                }
            }
            return failed(start, describeFailure(e, request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "The connection test was interrupted.");
        } finally {
            // Close what opened, also a handshake that completes after we stopped waiting for it.
            handshake.thenAccept(session -> client.close(session, FINISHED));
        }
    }

    /**
     * A Socket.IO or STOMP server behind a plain WebSocket URL: tested again in its protocol (the sample
     * request as that protocol takes it), with a sentence that offers the switch.
     */
    /**
     * Many servers (Node's ws among them) choose the first subprotocol offered whatever it is, so a chosen
     * STOMP subprotocol only says "try": STOMP it is when the server answers CONNECT.
     */
    private static boolean offeredStompAndChosen(ConnectionTestRequest request, FirstMessage listener) {
        String chosen = listener.subprotocol;
        return request.subprotocols().isEmpty() && chosen != null && Stomp.SUBPROTOCOLS.contains(chosen);
    }

    /**
     * The test again in {@code found} (the sample request as that protocol takes it), with a sentence
     * that offers the switch; empty when the server does not speak it after all.
     */
    private Optional<ConnectionTestResult> detected(Protocol found, ConnectionTestRequest request, Instant start) {
        String sample = request.sampleRequest();
        ConnectionTestResult again = test(request.withProtocol(settingsFor(found, sample)));
        // It speaks the protocol when its handshake finished, or when it refused us in the protocol's words.
        boolean spoke = again.connected()
                || found == Protocol.STOMP && again.outcome().startsWith(Stomp.ERROR_PREFIX);
        if (!spoke) {
            return Optional.empty();
        }
        String hint = found == Protocol.STOMP && (sample == null || sample.isBlank())
                ? " Give a destination as the sample request (e.g. /topic/prices) to capture a sample." : "";
        String outcome = again.outcome().endsWith(".") ? again.outcome() : again.outcome() + ".";
        return Optional.of(new ConnectionTestResult(again.connected(), ConnectionTestResult.offer(found)
                + " In " + found.label() + ": " + outcome + hint,
                again.firstMessage(), start, Duration.between(start, clock.instant()), found));
    }

    /** A protocol frame; a session the server already closed is reported by its end, not here. */
    private static void sendQuietly(Session session, String frame) {
        try {
            session.getAsyncRemote().sendText(frame);
        } catch (IllegalStateException closed) {
            // onClose tells how it ended
        }
    }

    /** STOMP subscribes to the sample request's destination; Socket.IO emits the sample request as it would be sent. */
    private static ProtocolSettings settingsFor(Protocol protocol, String sample) {
        List<String> destinations = protocol == Protocol.STOMP && sample != null && !sample.isBlank()
                ? List.of(sample.strip()) : List.of();
        return new ProtocolSettings(protocol, Map.of(), destinations, null, null);
    }

    private ConnectionTestResult afterOpen(Session session, FirstMessage listener, ConnectionTestRequest request,
                                           Instant start, WireProtocol wire) throws InterruptedException {
        String sample = request.sampleRequest();
        Protocol protocol = request.protocol().protocol();
        if (protocol != Protocol.WEBSOCKET) {
            try {
                // The protocol's handshake is bounded like the WebSocket's, as a live variable bounds it.
                await(CompletableFuture.anyOf(listener.ready, listener.ended), request.connectTimeout());
            } catch (TimeoutException e) {
                return failed(start, wire.handshakeTimedOut(request.connectTimeout()));
            } catch (ExecutionException e) {
                return failed(start, "The connection broke after opening: " + rootMessage(e));
            }
            if (listener.refusal != null) {
                return failed(start, listener.refusal);
            }
            // STOMP's sample request is the destination already subscribed to; nothing more to send.
            sample = protocol == Protocol.SOCKET_IO && sample != null && !sample.isBlank() ? wire.send(sample) : null;
        }
        if (sample != null && !sample.isBlank()) {
            try {
                await(session.getAsyncRemote().sendText(sample), request.firstMessageWait());
            } catch (ExecutionException | TimeoutException e) {
                return failed(start, "Connected, but sending the sample request failed: " + rootMessage(e));
            }
        }
        try {
            await(CompletableFuture.anyOf(listener.firstMessage, listener.ended), request.firstMessageWait());
        } catch (TimeoutException e) {
            return result(true, start, "Connected, but no message within " + describe(request.firstMessageWait()), null);
        } catch (ExecutionException e) {
            if (listener.refusal != null) {
                return failed(start, listener.refusal);
            }
            if (e.getCause() instanceof MessageTooLargeException) {
                return result(true, start, "Connected; the first message is larger than 1 MB and was not kept", null);
            }
            return failed(start, "The connection broke after opening: " + rootMessage(e));
        }
        if (listener.firstMessage.isDone()) {
            Received first = listener.firstMessage.join();
            return result(true, start, "Connected; first message received after "
                    + describe(Duration.between(listener.openedAt, first.at())), first.text());
        }
        Closed closed = listener.ended.join();
        Duration open = Duration.between(listener.openedAt, closed.at());
        String when = open.compareTo(AT_ONCE) < 0 ? "at once" : "after " + describe(open) + " without a message";
        if (closed.code() == ABNORMAL_CLOSURE) {
            return failed(start, "The server dropped the connection " + when + " (code 1006, no close frame)");
        }
        String reason = closed.reason().isBlank() ? "" : ": " + closed.reason();
        return failed(start, "The server closed the connection " + when + " (code " + closed.code() + reason + ")");
    }

    /** Headers the client sets itself or HTTP cannot carry: refused with a sentence before connecting. */
    private static Optional<String> refusedHeader(Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.regionMatches(true, 0, "Sec-WebSocket-", 0, "Sec-WebSocket-".length())) {
                return Optional.of("The header " + name + " is set by the WebSocket client itself"
                        + " (give subprotocols in their own field).");
            }
            try {
                // The JDK's HTTP header rules: names and values HTTP can carry, and which the client owns.
                HttpRequest.newBuilder().header(name, header.getValue());
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage().contains("restricted")
                        ? "The header " + name + " is set by the WebSocket client itself and cannot be given."
                        : "The header " + name + " cannot be sent: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusedSubprotocol(ConnectionTestRequest request) {
        return request.subprotocols().stream().filter(protocol -> !TOKEN.matcher(protocol).matches()).findFirst()
                .map(protocol -> "The request is not valid: Bad subprotocol syntax: " + protocol);
    }

    /**
     * The cause that says best what went wrong, as a sentence. The most specific cause wins wherever it
     * stands in the chain.
     */
    static String describeFailure(Throwable failure, ConnectionTestRequest request) {
        URI uri = request.uri();
        Optional<HandshakeFailedException> rejected = cause(failure, HandshakeFailedException.class);
        if (rejected.isPresent()) {
            String why = rejected.get().getMessage();
            return "Handshake failed: " + Character.toLowerCase(why.charAt(0)) + why.substring(1);
        } else if (cause(failure, UnresolvedAddressException.class).isPresent()
                || cause(failure, UnknownHostException.class).isPresent()) {
            return "Unknown host: " + uri.getHost();
        } else if (cause(failure, SSLException.class).isPresent()) {
            return UpstreamClient.describeTls(cause(failure, SSLException.class).get());
        } else if (cause(failure, TimeoutException.class).isPresent()) {
            return "Timed out after " + describe(request.connectTimeout()) + " waiting for the handshake";
        } else if (cause(failure, ConnectException.class).isPresent()) {
            return "Connection refused by " + hostAndPort(uri);
        }
        return "The connection failed: " + UpstreamClient.describe(failure);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // Its message may quote the server and never names the class (no library names for people).
        return UpstreamReason.of(root.getMessage(), "no reason given");
    }

    /** "120 ms", "5 s", "1.5 s". */
    static String describe(Duration duration) {
        return UpstreamReason.duration(duration);
    }

    private static <T> T await(Future<T> future, Duration limit)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ConnectionTestResult failed(Instant start, String outcome) {
        return result(false, start, outcome, null);
    }

    private ConnectionTestResult result(boolean connected, Instant start, String outcome, String firstMessage) {
        return new ConnectionTestResult(connected, outcome, firstMessage, start, Duration.between(start, clock.instant()));
    }

    private record Received(String text, Instant at) {
    }

    private record Closed(int code, String reason, Instant at) {
    }

    private static final class MessageTooLargeException extends RuntimeException {
        MessageTooLargeException() {
            super("The first message is larger than " + MAX_MESSAGE_SIZE + " characters");
        }
    }

    /**
     * Joins the parts of the first message and ignores the rest; records how the connection ended.
     * The client delivers one session's messages one at a time, so plain buffers suffice.
     */
    private final class FirstMessage extends Endpoint {

        final CompletableFuture<Received> firstMessage = new CompletableFuture<>();
        final CompletableFuture<Closed> ended = new CompletableFuture<>();
        /** Completes when the protocol's handshake is done (at once for plain WebSocket). */
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** The protocol's conversation, or null for plain WebSocket. */
        private final WireProtocol wire;
        /** Why the protocol's server refused us, or null. */
        private volatile String refusal;
        private Session session;
        /** The subprotocol the server chose, or null (read at open: the session may close before we ask). */
        private volatile String subprotocol;

        FirstMessage(WireProtocol wire) {
            this.wire = wire;
        }
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Set in onOpen, which the client always calls before it delivers any message or close. */
        private volatile Instant openedAt;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            openedAt = clock.instant();
            this.session = session;
            subprotocol = session.getNegotiatedSubprotocol();
            if (wire == null) {
                ready.complete(null);
            }
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                if (!firstMessage.isDone()) {
                    text.append(part);
                    accept(text.length(), last, text::toString);
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                if (!firstMessage.isDone()) {
                    byte[] chunk = new byte[part.remaining()];
                    part.get(chunk);
                    bytes.writeBytes(chunk);
                    accept(bytes.size(), last, () -> bytes.toString(StandardCharsets.UTF_8));
                }
            });
        }

        private void accept(int sizeSoFar, boolean last, Supplier<String> message) {
            if (sizeSoFar > MAX_MESSAGE_SIZE) {
                firstMessage.completeExceptionally(new MessageTooLargeException());
            } else if (last && wire == null) {
                firstMessage.complete(new Received(message.get(), clock.instant()));
            } else if (last) {
                String frame = message.get();
                text.setLength(0);
                bytes.reset();
                onProtocolFrame(frame);
            }
        }

        /** Replies go out at once (a ping must be answered); the first message is the first event or MESSAGE. */
        private void onProtocolFrame(String frame) {
            WireProtocol.Inbound inbound = wire.onFrame(frame);
            inbound.replies().forEach(reply -> sendQuietly(session, reply));
            if (inbound.ready()) {
                ready.complete(null);
            }
            // An unreadable packet (malformed, binary) is no sample.
            inbound.messages().stream().filter(message -> message.problem() == null).findFirst()
                    .ifPresent(message -> firstMessage.complete(new Received(message.asSample(), clock.instant())));
            if (inbound.refusal() != null) {
                refusal = inbound.refusal();
                ready.complete(null);
                firstMessage.completeExceptionally(new IllegalStateException(inbound.refusal()));
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            ended.complete(new Closed(reason.getCloseCode().getCode(), UpstreamReason.of(reason.getReasonPhrase()), clock.instant()));
        }

        @Override
        public void onError(Session session, Throwable error) {
            ended.completeExceptionally(error);
        }
    }
}
