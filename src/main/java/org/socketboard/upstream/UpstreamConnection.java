package org.socketboard.upstream;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.domain.UpstreamReason;
import org.socketboard.upstream.protocol.Delivery;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.upstream.protocol.Receipts;
import org.socketboard.upstream.protocol.WireProtocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One upstream WebSocket connection (one attempt: a reconnect is a new instance) on the shared
 * {@link UpstreamClient}. Joins fragments into whole messages, refuses messages over the size limit by
 * closing with 1009, and reports the end of the connection exactly once. Flow control: the client reads
 * the next bytes only after the listener has taken the previous message, so a slow consumer slows the
 * socket instead of queueing without bound. Pings from the server are answered by the client; our own
 * pings find half-open connections (no answer within one interval ends the connection).
 *
 * <p>A protocol inside the WebSocket ({@link ProtocolSettings}: Socket.IO, STOMP) speaks through a
 * {@link WireProtocol}: its handshake frames are sent and answered here, the listener hears
 * {@link ConnectionListener#onOpen} only once the protocol is ready and gets its messages through
 * {@link ConnectionListener#onMessages}; its keep-alive (heart-beats sent, silence watched) runs beside
 * the pings; a refusal (STOMP ERROR, Socket.IO connect error) closes with the server's reason and 1008,
 * an end a reconnect may mend (Engine.IO close, a STOMP ERROR to our SEND) with 1000. Sends the server
 * answers (STOMP receipts) complete at the answer ({@link Receipts}).
 * The protocol's handshake is bounded by the open timeout too: unfinished by then, the connection is
 * dropped (1006, a failure retried with backoff) with {@link WireProtocol#handshakeTimedOut}. Closing says goodbye in the protocol first (UNSUBSCRIBE, DISCONNECT).
 */
public final class UpstreamConnection {

    /** Close code for a connection that ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int NORMAL_CLOSURE = 1000;
    /** Our close when the protocol's server refused or ended the conversation (STOMP ERROR, Socket.IO connect error or disconnect). */
    public static final int POLICY_VIOLATION = 1008;
    /** The reason given when the connection ended without a close frame (process killed, network cut, reset). */
    public static final String CONNECTION_LOST = "connection lost";
    private static final byte[] PING_PAYLOAD = "socketboard".getBytes(StandardCharsets.US_ASCII);
    /** RFC 6455 4.1: each subprotocol is an HTTP token (RFC 7230 3.2.6). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * @param openTimeout    for each step of the opening handshake (TCP connect, TLS, request, answer), and
     *                       for the protocol's handshake after it (Socket.IO namespace connect, STOMP CONNECTED)
     * @param closeTimeout   how long sending our close (or a ping) may block before the socket is dropped
     * @param maxMessageSize characters of a text message or bytes of a binary one
     * @param pingInterval   how often to ping; a connection that has not answered by the next ping is
     *                       dropped (half-open TCP, a server that stopped). Zero = never
     * @throws IllegalArgumentException with a reason for people when the settings cannot work (a URI
     *                                  that is not ws/wss, a header the client sets itself or HTTP cannot
     *                                  carry, a subprotocol that is no token)
     */
    public record Settings(URI uri, Map<String, String> headers, List<String> subprotocols,
                           Duration openTimeout, Duration closeTimeout, int maxMessageSize, Duration pingInterval,
                           ProtocolSettings protocol) {
        public Settings {
            protocol = protocol == null ? ProtocolSettings.WEBSOCKET : protocol;
            Objects.requireNonNull(uri, "uri");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
            Objects.requireNonNull(openTimeout, "openTimeout");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            Objects.requireNonNull(pingInterval, "pingInterval");
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("The maximum message size must be positive");
            }
            String scheme = uri.getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("The address must start with ws:// or wss://, was " + uri);
            }
            headers.forEach(UpstreamConnection::checkHeader);
            subprotocols.forEach(UpstreamConnection::checkSubprotocol);
        }

        /** Plain WebSocket. */
        public Settings(URI uri, Map<String, String> headers, List<String> subprotocols, Duration openTimeout,
                        Duration closeTimeout, int maxMessageSize, Duration pingInterval) {
            this(uri, headers, subprotocols, openTimeout, closeTimeout, maxMessageSize, pingInterval, null);
        }
    }

    private final UpstreamClient client;
    private final Settings settings;
    private final ConnectionListener listener;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();
    private final Object sendLock = new Object();

    private volatile Session session;
    private volatile boolean awaitingAnswer;
    private volatile boolean closeRequested;
    private volatile int localCloseCode;
    private volatile String localCloseReason;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> heartBeats;
    private ScheduledFuture<?> silenceWatch;
    private ScheduledFuture<?> handshakeWatch;
    /** This connection's conversation in the service's protocol; touched on the connection's thread. */
    private final WireProtocol wire;
    private volatile boolean ready;
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);
    /** Sends waiting for the server's answer (STOMP receipts). */
    private final Receipts receipts = new Receipts();

    /** @param scheduler runs the keep-alive pings (owned by the caller; cancelled when the connection ends) */
    public UpstreamConnection(UpstreamClient client, Settings settings, ScheduledExecutorService scheduler, ConnectionListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = settings;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.wire = settings.protocol().start();
    }

    /**
     * Sec-WebSocket-* belong to the handshake (subprotocols have their own setting); for the rest the JDK's
     * HTTP header rules say which names and values HTTP can carry and which the client owns.
     */
    private static void checkHeader(String name, String value) {
        if (name.regionMatches(true, 0, "Sec-WebSocket-", 0, "Sec-WebSocket-".length())) {
            throw new IllegalArgumentException("The header " + name + " is set by the WebSocket client itself"
                    + " (give subprotocols in their own field).");
        }
        try {
            HttpRequest.newBuilder().header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().contains("restricted")
                    ? "The header " + name + " is set by the WebSocket client itself and cannot be given."
                    : "The header " + name + " cannot be sent: " + e.getMessage(), e);
        }
    }

    private static void checkSubprotocol(String subprotocol) {
        if (!TOKEN.matcher(subprotocol).matches()) {
            throw new IllegalArgumentException("The request is not valid: Bad subprotocol syntax: " + subprotocol);
        }
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Starts connecting; the outcome arrives through the listener. Only once per instance.
     *
     * @return completes once the WebSocket is open (the protocol's handshake may still be under way), or
     * fails with the handshake's failure after the listener heard of it
     */
    public CompletableFuture<Void> open() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("An UpstreamConnection opens once; make a new one to reconnect");
        }
        return client.connect(new Frames(), new UpstreamClient.Handshake(wire.address(settings.uri()), settings.headers(),
                wire.subprotocols(settings.subprotocols()), settings.openTimeout(), settings.closeTimeout()))
                .whenComplete((opened, error) -> {
                    if (error != null) {
                        String reason = UpstreamClient.describe(error, settings.uri(), settings.openTimeout());
                        listener.onError(reason, error.getCause() == null ? error : error.getCause());
                        reportClose(ABNORMAL_CLOSURE, reason);
                    }
                })
                .thenApply(opened -> null);
    }

    /** Completes once the connection has ended and {@link ConnectionListener#onClose} has been called. */
    public CompletableFuture<Void> whenEnded() {
        return ended.get() ? CompletableFuture.completedFuture(null) : endedFuture.copy();
    }

    public boolean isOpen() {
        Session current = session;
        return current != null && !ended.get() && current.isOpen();
    }

    /** The subprotocol the server chose, or "" if none. */
    public String subprotocol() {
        Session current = session;
        String chosen = current == null ? null : current.getNegotiatedSubprotocol();
        return chosen == null ? "" : chosen;
    }

    /**
     * Sends one message of the variable's in the service's protocol (as it is, a Socket.IO emit, a STOMP
     * SEND), after the previous send has finished (one at a time on a session).
     */
    public CompletableFuture<Delivery> send(String text) {
        return sendFramed(frameFor(text));
    }

    /** The text frame that carries {@code message} in the service's protocol, as it goes on the wire. */
    public String frameFor(String message) {
        return wire.send(message);
    }

    /**
     * Sends a frame made by {@link #frameFor}, once the protocol is ready, after the previous send has finished.
     * Completes with what is known of it: written, or the server's receipt; fails with the server's refusal.
     */
    public CompletableFuture<Delivery> sendFramed(String frame) {
        if (!ready) {
            return CompletableFuture.failedFuture(new IllegalStateException("The connection is not open"));
        }
        return receipts.track(wire.receiptOf(frame), () -> sendFrame(frame), scheduler);
    }

    /** Sends one whole text frame as it is, after the previous send has finished. */
    private CompletableFuture<Void> sendFrame(String text) {
        Session current = session;
        if (current == null || closeRequested || ended.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The connection is not open"));
        }
        synchronized (sendLock) {
            CompletableFuture<Void> next = lastSend
                    .exceptionally(previousFailed -> null)
                    .thenCompose(ignored -> sendText(current, text));
            lastSend = next;
            return next;
        }
    }

    private static CompletableFuture<Void> sendText(Session session, String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            session.getAsyncRemote().sendText(text, result -> {
                if (result.isOK()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(result.getException());
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    /**
     * Sends a close frame and drops the socket (the server's answer is not waited for: nothing more is
     * read). Reports our code and reason through {@link ConnectionListener#onClose}. Closing twice is harmless.
     */
    public void close(int code, String reason) {
        if (ended.get() || closeRequested) {
            return;
        }
        localCloseCode = code;
        localCloseReason = reason;
        closeRequested = true;
        Session current = session;
        if (current != null) {
            closeSession(current, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        }
        // Otherwise the handshake is still under way: Frames.onOpen closes.
    }

    /** Says goodbye in the protocol first (at most the close timeout), then closes the WebSocket. */
    private void closeSession(Session current, CloseReason reason) {
        CompletableFuture<Void> goodbye = CompletableFuture.completedFuture(null);
        if (current.isOpen() && settings.protocol().protocol() != Protocol.WEBSOCKET) {
            synchronized (sendLock) {
                for (String frame : wire.onClose()) {
                    goodbye = lastSend.exceptionally(previousFailed -> null).thenCompose(ignored -> sendText(current, frame));
                    lastSend = goodbye;
                }
            }
        }
        goodbye.exceptionally(failed -> null)
                .completeOnTimeout(null, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(said -> client.close(current, reason))
                .whenComplete((closed, error) -> reportClose(localCloseCode, localCloseReason));
    }

    /** Drops the connection at once (reported as 1006 with the reason), without waiting for the server. */
    public void abort(String reason) {
        if (ended.get()) {
            return;
        }
        Session current = session;
        reportClose(closeRequested ? localCloseCode : ABNORMAL_CLOSURE, closeRequested ? localCloseReason : reason);
        if (current != null) {
            client.close(current, new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason));
        }
    }

    /** Reports the reason as an error, then aborts. */
    private void fail(String reason) {
        if (!ended.get()) {
            listener.onError(reason, null);
        }
        abort(reason);
    }

    private void reportClose(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            stopKeepAlive();
            receipts.ended();
            listener.onClose(code, reason);
            endedFuture.complete(null);
        }
    }

    private synchronized void startKeepAlive() {
        long interval = settings.pingInterval().toMillis();
        if (interval > 0 && !ended.get()) {
            keepAlive = scheduler.scheduleWithFixedDelay(this::ping, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
        if (heartBeats != null) {
            heartBeats.cancel(false);
            heartBeats = null;
        }
        if (silenceWatch != null) {
            silenceWatch.cancel(false);
            silenceWatch = null;
        }
        stopHandshakeWatch();
    }

    /**
     * A server that opened the WebSocket but does not finish the protocol's handshake within the open
     * timeout is a failed attempt (dropped as 1006, so the variable retries with backoff), not a
     * connection that stays CONNECTING.
     */
    private synchronized void watchHandshake() {
        Duration limit = settings.openTimeout();
        if (!ended.get()) {
            handshakeWatch = scheduler.schedule(() -> {
                if (!ready) {
                    fail(wire.handshakeTimedOut(limit));
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopHandshakeWatch() {
        if (handshakeWatch != null) {
            handshakeWatch.cancel(false);
            handshakeWatch = null;
        }
    }

    /** The protocol's own keep-alive, as negotiated by the frame that made it ready. */
    private synchronized void startProtocolKeepAlive() {
        WireProtocol.KeepAlive negotiated = wire.keepAlive();
        if (ended.get()) {
            return;
        }
        if (negotiated.sendEvery() != null) {
            long every = negotiated.sendEvery().toMillis();
            heartBeats = scheduler.scheduleWithFixedDelay(() -> sendFrame(negotiated.frame()), every, every, TimeUnit.MILLISECONDS);
        }
        if (negotiated.expectWithin() != null) {
            long limit = negotiated.expectWithin().toMillis();
            long check = Math.max(10, limit / 4);
            silenceWatch = scheduler.scheduleWithFixedDelay(() -> {
                if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos) > limit) {
                    fail(negotiated.silence() + "; " + CONNECTION_LOST);
                }
            }, check, check, TimeUnit.MILLISECONDS);
        }
    }

    /** Anything heard from the server since the last ping proves it alive; silence for a whole interval does not. */
    private void ping() {
        Session current = session;
        if (current == null || ended.get()) {
            return;
        }
        if (awaitingAnswer) {
            fail("No answer to a ping within " + settings.pingInterval().toMillis() + " ms; " + CONNECTION_LOST);
            return;
        }
        awaitingAnswer = true;
        try {
            current.getAsyncRemote().sendPing(ByteBuffer.wrap(PING_PAYLOAD));
        } catch (IOException | RuntimeException e) {
            fail("The keep-alive ping failed: " + UpstreamClient.describe(e));
        }
    }

    /** The client's callbacks; messages for one session arrive one at a time. */
    private final class Frames extends Endpoint {

        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            session = opened;
            opened.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
            opened.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::onBinary);
            opened.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> {
                awaitingAnswer = false;
                lastHeardNanos = System.nanoTime();
            });
            if (closeRequested) {
                closeSession(opened, new CloseReason(CloseReason.CloseCodes.getCloseCode(localCloseCode), localCloseReason));
            } else {
                startKeepAlive();
                if (settings.protocol().protocol() != Protocol.WEBSOCKET) {
                    watchHandshake();
                }
                List<String> hello = wire.onOpen(settings.uri());
                hello.forEach(UpstreamConnection.this::sendFrame);
                if (settings.protocol().protocol() == Protocol.WEBSOCKET) {
                    ready = true;
                    listener.onOpen(UpstreamConnection.this);
                }
            }
        }

        /** A whole text frame of a protocol: replies first (a pong must not wait), then readiness, messages, refusal. */
        private void onProtocolFrame(String frame) {
            onProtocolFrame(frame, wire.onFrame(frame));
        }

        private void onProtocolFrame(String frame, WireProtocol.Inbound inbound) {
            inbound.replies().forEach(UpstreamConnection.this::sendFrame);
            if (inbound.ready() && !ready) {
                ready = true;
                stopHandshakeWatch();
                startProtocolKeepAlive();
                listener.onOpen(UpstreamConnection.this);
            }
            if (!inbound.messages().isEmpty() && ready) {
                listener.onMessages(frame, inbound.messages());
            }
            inbound.receipts().forEach(receipts::confirmed);
            if (inbound.refusedSend() != null) {
                receipts.refused(inbound.refusedSend(), inbound.ended());
            }
            if (inbound.refusal() != null) {
                listener.onError(inbound.refusal(), null);
                close(POLICY_VIOLATION, inbound.refusal());
            } else if (inbound.ended() != null) {
                // Not a refusal of the connection: reconnected with the usual backoff.
                listener.onError(inbound.ended(), null);
                close(NORMAL_CLOSURE, inbound.ended());
            }
        }

        private void deliver(String message) {
            if (settings.protocol().protocol() == Protocol.WEBSOCKET) {
                listener.onText(message);
            } else {
                onProtocolFrame(message);
            }
        }

        private void onText(String part, boolean last) {
            awaitingAnswer = false;
            lastHeardNanos = System.nanoTime();
            if (!accepting()) {
                return;
            }
            int size = text.length() + part.length();
            if (size > settings.maxMessageSize()) {
                refuse(size);
            } else if (last && text.length() == 0) {
                deliver(part);
            } else {
                text.append(part);
                if (last) {
                    String message = text.toString();
                    resetText();
                    deliver(message);
                }
            }
        }

        private void onBinary(ByteBuffer part, boolean last) {
            awaitingAnswer = false;
            lastHeardNanos = System.nanoTime();
            if (!accepting()) {
                return;
            }
            int size = binary.size() + part.remaining();
            if (size > settings.maxMessageSize()) {
                refuse(size);
            } else {
                byte[] bytes = new byte[part.remaining()];
                part.get(bytes);
                binary.writeBytes(bytes);
                if (last) {
                    ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
                    binary.reset();
                    if (settings.protocol().protocol() == Protocol.WEBSOCKET) {
                        listener.onBinary(message);
                    } else {
                        // Some brokers send STOMP frames as binary messages; they are UTF-8 text all the same.
                        onProtocolFrame(StandardCharsets.UTF_8.decode(message.duplicate()).toString(), wire.onBinaryFrame(message));
                    }
                }
            }
        }

        /** Once closing (also after refusing a message), further messages and parts are dropped. */
        private boolean accepting() {
            return !closeRequested && !ended.get();
        }

        private void refuse(int size) {
            resetText();
            binary.reset();
            listener.onError("A message larger than " + settings.maxMessageSize() + " (" + size
                    + " so far) was refused; closing with 1009", null);
            close(MESSAGE_TOO_BIG, "Message too big");
        }

        private void resetText() {
            text.setLength(0);
            // Do not keep a huge buffer alive after one large message.
            if (text.capacity() > 64 * 1024) {
                text.trimToSize();
            }
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            int code = reason.getCloseCode().getCode();
            if (closeRequested) {
                reportClose(localCloseCode, localCloseReason);
            } else if (code == ABNORMAL_CLOSURE) {
                reportClose(ABNORMAL_CLOSURE, CONNECTION_LOST);
            } else {
                reportClose(code, UpstreamReason.of(reason.getReasonPhrase()));
            }
        }

        @Override
        public void onError(Session failed, Throwable error) {
            if (!ended.get()) {
                listener.onError(UpstreamClient.describe(error), error);
            }
        }
    }
}
