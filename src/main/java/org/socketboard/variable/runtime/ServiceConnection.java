package org.socketboard.variable.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upstream WebSocket connection (one attempt: a reconnect is a new instance) on the JDK client.
 * Joins fragments into whole messages, asks for the next message only after the listener has taken
 * the previous one (so a slow consumer slows the socket instead of queueing without bound), refuses
 * messages over the size limit by closing with 1009, and aborts when the server does not answer a
 * close in time. Pings are answered by the JDK itself; our own pings keep the connection honest.
 *
 * <p>The {@link HttpClient} is shared and owned by the caller: on Java 17 a client cannot be closed
 * and keeps a selector thread until collected, so one per connection would leak threads.
 */
public final class ServiceConnection {

    /** Close code for a connection that ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int NORMAL_CLOSURE = WebSocket.NORMAL_CLOSURE;
    /** The JDK client may not send 1009 (nor 1003, 1007...), so a refused message goes out as this. */
    public static final int POLICY_VIOLATION = 1008;
    private static final byte[] PING_PAYLOAD = "socketboard".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /**
     * @param openTimeout    for the TCP connect and handshake together
     * @param closeTimeout   how long to wait for the server's answer to our close before aborting
     * @param maxMessageSize characters of a text message or bytes of a binary one
     * @param pingInterval   how often to ping when keeping the connection alive; zero = never. Needed
     *                       because the JDK 17 client can miss the end of a connection that breaks
     *                       while a message is being handled (an InternalError inside the client, and
     *                       no onClose), and to find half-open TCP connections
     * @throws IllegalArgumentException with a reason for people when the settings cannot work (a URI
     *                                  that is not ws/wss, a header the client may not set)
     */
    public record Settings(URI uri, Map<String, String> headers, List<String> subprotocols,
                           Duration openTimeout, Duration closeTimeout, int maxMessageSize, Duration pingInterval) {
        public Settings {
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
            headers.keySet().forEach(ServiceConnection::checkHeaderName);
        }
    }

    private final Settings settings;
    private final ConnectionListener listener;
    private final WebSocket.Builder builder;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> closedByPeer = new CompletableFuture<>();
    private final CompletableFuture<Void> endedFuture = new CompletableFuture<>();
    private final Object sendLock = new Object();

    private final ScheduledExecutorService scheduler;
    private volatile WebSocket webSocket;
    private volatile boolean awaitingAnswer;
    private ScheduledFuture<?> keepAlive;
    private volatile boolean closeRequested;
    private volatile int localCloseCode;
    private volatile int wireCloseCode;
    private volatile String localCloseReason;
    private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);

    /** @param scheduler runs the keep-alive pings (owned by the caller; cancelled when the connection ends) */
    public ServiceConnection(HttpClient client, Settings settings, ScheduledExecutorService scheduler, ConnectionListener listener) {
        this.settings = settings;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.builder = client.newWebSocketBuilder().connectTimeout(settings.openTimeout());
        settings.headers().forEach(builder::header);
        List<String> protocols = settings.subprotocols();
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
    }

    /**
     * The JDK refuses these only when connecting; checking here gives the reason while the settings are
     * edited. Sec-WebSocket-* belong to the handshake (subprotocols have their own setting).
     */
    private static void checkHeaderName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sec-websocket-") || RESTRICTED_HEADERS.contains(lower)) {
            throw new IllegalArgumentException("The header '" + name + "' cannot be set: the WebSocket client manages it");
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Starts connecting; the outcome arrives through the listener. Only once per instance. */
    public void open() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("A ServiceConnection opens once; make a new one to reconnect");
        }
        builder.buildAsync(settings.uri(), new Frames()).whenComplete((ws, error) -> {
            if (error != null) {
                String reason = describe(error);
                listener.onError(reason, unwrap(error));
                reportClose(ABNORMAL_CLOSURE, reason);
            }
        });
    }

    /** Completes once the connection has ended and {@link ConnectionListener#onClose} has been called. */
    public CompletableFuture<Void> whenEnded() {
        return ended.get() ? CompletableFuture.completedFuture(null) : endedFuture.copy();
    }

    public boolean isOpen() {
        WebSocket ws = webSocket;
        return ws != null && !ended.get() && !ws.isOutputClosed();
    }

    /** The subprotocol the server chose, or "" if none. */
    public String subprotocol() {
        WebSocket ws = webSocket;
        return ws == null ? "" : ws.getSubprotocol();
    }

    /** Sends one whole text message after the previous send has finished (the JDK allows one at a time). */
    public CompletableFuture<Void> send(String text) {
        WebSocket ws = webSocket;
        if (ws == null || closeRequested || ended.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The connection is not open"));
        }
        synchronized (sendLock) {
            CompletableFuture<Void> next = lastSend
                    .exceptionally(previousFailed -> null)
                    .thenCompose(ignored -> ws.sendText(text, true))
                    .thenApply(sent -> null);
            lastSend = next;
            return next;
        }
    }

    /**
     * Sends a close frame and waits up to the close timeout for the server's; then aborts. Reports
     * our code and reason through {@link ConnectionListener#onClose}. Closing twice is harmless.
     */
    public void close(int code, String reason) {
        close(code, code, reason);
    }

    /** @param reportedCode what the listener is told; {@code wireCode} what the server receives */
    private void close(int reportedCode, int wireCode, String reason) {
        if (ended.get() || closeRequested) {
            return;
        }
        localCloseCode = reportedCode;
        localCloseReason = reason;
        this.wireCloseCode = wireCode;
        closeRequested = true;
        WebSocket ws = webSocket;
        if (ws != null) {
            sendClose(ws);
        }
        // Otherwise the handshake is still under way: Frames.onOpen sends the close.
    }

    private void sendClose(WebSocket ws) {
        ws.sendClose(wireCloseCode, localCloseReason)
                .whenComplete((sent, error) -> {
                    if (error != null) {
                        fail("The close could not be sent: " + describe(error));
                    }
                });
        closedByPeer.orTimeout(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answered, timeout) -> {
                    if (timeout != null) {
                        abort("The server did not answer the close within " + settings.closeTimeout().toMillis() + " ms");
                    }
                });
    }

    /** Drops the connection at once, without a close handshake. */
    public void abort(String reason) {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        reportClose(closeRequested ? localCloseCode : ABNORMAL_CLOSURE, closeRequested ? localCloseReason : reason);
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
            closedByPeer.complete(null);
            listener.onClose(code, reason);
            endedFuture.complete(null);
        }
    }

    private synchronized void startKeepAlive(WebSocket ws) {
        long interval = settings.pingInterval().toMillis();
        if (interval > 0 && !ended.get()) {
            keepAlive = scheduler.scheduleWithFixedDelay(() -> ping(ws), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
    }

    /** Anything heard from the server since the last ping proves it alive; silence for a whole interval does not. */
    private void ping(WebSocket ws) {
        if (awaitingAnswer) {
            fail("No answer to a ping within " + settings.pingInterval().toMillis() + " ms; the connection is dead");
            return;
        }
        awaitingAnswer = true;
        ws.sendPing(ByteBuffer.wrap(PING_PAYLOAD)).whenComplete((sent, error) -> {
            if (error != null) {
                fail("The keep-alive ping failed: " + describe(error));
            }
        });
    }

    /** The JDK's callbacks. The JDK calls them one at a time for a given WebSocket. */
    private final class Frames implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws;
            if (closeRequested) {
                sendClose(ws);
            } else {
                startKeepAlive(ws);
                listener.onOpen(ServiceConnection.this);
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            awaitingAnswer = false;
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            awaitingAnswer = false;
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence part, boolean last) {
            awaitingAnswer = false;
            if (accepting()) {
                int size = text.length() + part.length();
                if (size > settings.maxMessageSize()) {
                    refuse(size);
                } else if (last && text.length() == 0) {
                    listener.onText(part.toString());
                } else {
                    text.append(part);
                    if (last) {
                        String message = text.toString();
                        resetText();
                        listener.onText(message);
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer part, boolean last) {
            awaitingAnswer = false;
            if (accepting()) {
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
                        listener.onBinary(message);
                    }
                }
            }
            ws.request(1);
            return null;
        }

        /** Once closing (also after refusing a message), further messages and parts are dropped. */
        private boolean accepting() {
            return !closeRequested;
        }

        private void refuse(int size) {
            resetText();
            binary.reset();
            listener.onError("A message larger than " + settings.maxMessageSize() + " (" + size
                    + " so far) was refused; closing with 1009", null);
            close(MESSAGE_TOO_BIG, POLICY_VIOLATION, "Message too big");
        }

        private void resetText() {
            text.setLength(0);
            // Do not keep a huge buffer alive after one large message.
            if (text.capacity() > 64 * 1024) {
                text.trimToSize();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            // The JDK answers with a close frame of its own once this returns.
            if (closeRequested) {
                reportClose(localCloseCode, localCloseReason);
            } else {
                reportClose(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            String reason = describe(error);
            if (!ended.get()) {
                listener.onError(reason, unwrap(error));
            }
            reportClose(ABNORMAL_CLOSURE, reason);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A reason for people: what failed, not a stack trace. */
    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof WebSocketHandshakeException handshake) {
            return "The server refused the WebSocket handshake (HTTP " + handshake.getResponse().statusCode() + ")";
        }
        if (cause instanceof HttpTimeoutException) {
            return "No answer within the time limit (" + cause.getMessage() + ")";
        }
        if (cause instanceof ConnectException) {
            return "Could not connect (connection refused or unreachable)";
        }
        if (cause instanceof InternalError) {
            return "The connection broke (the JDK WebSocket client failed internally)";
        }
        if (cause instanceof IOException) {
            return "Connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
