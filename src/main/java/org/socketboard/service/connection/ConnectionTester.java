package org.socketboard.service.connection;

import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Tests a service connection for real: opens the WebSocket, sends the sample request if there is one,
 * waits for the first whole message, then closes the socket (politely, and aborts it if the server
 * does not answer the close in time). Failures are results with a sentence, never exceptions.
 * <p>
 * One JDK {@link HttpClient} serves all tests (the JDK 17 client cannot be closed, so one per test
 * would leave threads behind): the server's upstream client, with its TLS trust and TCP connect
 * timeout; a request's own {@link ConnectionTestRequest#connectTimeout()} bounds the whole handshake.
 */
@Component
public class ConnectionTester {

    /** The largest first message kept: 1 MB of text (or bytes for a binary message). */
    public static final int MAX_MESSAGE_SIZE = 1_048_576;
    /** How long the server may take to answer our close before the socket is aborted. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    /** Time on top of the handshake timeout, so that the client's own timeout normally reports first. */
    private static final Duration HANDSHAKE_MARGIN = Duration.ofSeconds(1);
    /** A close sooner than this after opening is reported as "at once". */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    /** The code the client reports when the TCP connection ended without a close frame. */
    private static final int ABNORMAL_CLOSURE = 1006;

    private final Clock clock;
    private final HttpClient client;

    public ConnectionTester(Clock clock, HttpClient upstreamHttpClient) {
        this.clock = clock;
        this.client = upstreamHttpClient;
    }

    public ConnectionTestResult test(ConnectionTestRequest request) {
        Instant start = clock.instant();
        Optional<String> refusedHeader = refusedHeader(request.headers());
        if (refusedHeader.isPresent()) {
            return failed(start, refusedHeader.get());
        }
        FirstMessageListener listener = new FirstMessageListener();
        CompletableFuture<WebSocket> handshake;
        try {
            handshake = builder(request).buildAsync(request.uri(), listener);
        } catch (IllegalArgumentException e) {
            return failed(start, "The request is not valid: " + e.getMessage());
        }
        try {
            WebSocket socket = await(handshake, request.connectTimeout().plus(HANDSHAKE_MARGIN));
            return afterOpen(socket, listener, request, start);
        } catch (ExecutionException | TimeoutException e) {
            return failed(start, describeFailure(e, request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "The connection test was interrupted.");
        } finally {
            // Close what opened, also a handshake that completes after we stopped waiting for it.
            CompletableFuture<Object> closed = handshake.thenCompose(socket -> close(socket, listener));
            if (handshake.isDone()) {
                closed.exceptionally(failure -> null).join();
            }
        }
    }

    private WebSocket.Builder builder(ConnectionTestRequest request) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(request.connectTimeout());
        request.headers().forEach(builder::header);
        List<String> subprotocols = request.subprotocols();
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        return builder;
    }

    private ConnectionTestResult afterOpen(WebSocket socket, FirstMessageListener listener,
                                           ConnectionTestRequest request, Instant start)
            throws InterruptedException {
        String sample = request.sampleRequest();
        if (sample != null && !sample.isBlank()) {
            try {
                await(socket.sendText(sample, true), request.firstMessageWait());
            } catch (ExecutionException | TimeoutException e) {
                return failed(start, "Connected, but sending the sample request failed: " + rootMessage(e));
            }
        }
        try {
            await(CompletableFuture.anyOf(listener.firstMessage, listener.ended), request.firstMessageWait());
        } catch (TimeoutException e) {
            return result(true, start, "Connected, but no message within " + describe(request.firstMessageWait()), null);
        } catch (ExecutionException e) {
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

    /** Sends our close, waits briefly for the server's, then aborts: the TCP connection is gone either way. */
    private CompletableFuture<Object> close(WebSocket socket, FirstMessageListener listener) {
        // The server's close frame queues behind unread messages: take them all (the listener ignores them).
        socket.request(Long.MAX_VALUE);
        return socket.sendClose(WebSocket.NORMAL_CLOSURE, "connection test finished")
                .thenCompose(sent -> listener.ended)
                .orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ended, failure) -> {
                    socket.abort();
                    return ended;
                });
    }

    /** Headers the JDK client sets itself or cannot send: refused with a sentence before connecting. */
    private static Optional<String> refusedHeader(Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.regionMatches(true, 0, "Sec-WebSocket-", 0, "Sec-WebSocket-".length())) {
                return Optional.of("The header " + name + " is set by the WebSocket client itself"
                        + " (give subprotocols in their own field).");
            }
            try {
                HttpRequest.newBuilder().header(name, header.getValue());
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage().contains("restricted")
                        ? "The header " + name + " is set by the WebSocket client itself and cannot be given."
                        : "The header " + name + " cannot be sent: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The cause that says best what went wrong, as a sentence. The most specific cause wins wherever it
     * stands in the chain: the JDK wraps an unknown host in a ConnectException, for example.
     */
    static String describeFailure(Throwable failure, ConnectionTestRequest request) {
        URI uri = request.uri();
        Optional<WebSocketHandshakeException> rejected = cause(failure, WebSocketHandshakeException.class);
        if (rejected.isPresent()) {
            int status = rejected.get().getResponse().statusCode();
            return status == 101
                    ? "Handshake failed: " + rejected.get().getMessage()
                    : "Handshake failed: the server answered HTTP " + status + " instead of switching protocols";
        } else if (cause(failure, UnresolvedAddressException.class).isPresent()
                || cause(failure, UnknownHostException.class).isPresent()) {
            return "Unknown host: " + uri.getHost();
        } else if (cause(failure, SSLException.class).isPresent()) {
            return "TLS failure: " + cause(failure, SSLException.class).get().getMessage();
        } else if (cause(failure, HttpConnectTimeoutException.class).isPresent()) {
            // The handshake timeout also fires as a connect timeout while TCP or TLS is still connecting.
            Duration limit = request.connectTimeout().compareTo(ConnectionTestRequest.DEFAULT_CONNECT_TIMEOUT) < 0
                    ? request.connectTimeout() : ConnectionTestRequest.DEFAULT_CONNECT_TIMEOUT;
            return "Timed out after " + describe(limit) + " connecting to " + hostAndPort(uri);
        } else if (cause(failure, HttpTimeoutException.class).isPresent()
                || cause(failure, TimeoutException.class).isPresent()) {
            return "Timed out after " + describe(request.connectTimeout()) + " waiting for the handshake";
        } else if (cause(failure, ConnectException.class).isPresent()) {
            return "Connection refused by " + hostAndPort(uri);
        } else if (cause(failure, IllegalArgumentException.class).isPresent()) {
            return "The request is not valid: " + cause(failure, IllegalArgumentException.class).get().getMessage();
        }
        return "The connection failed: " + rootMessage(failure);
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
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** "120 ms", "5 s", "1.5 s". */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
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
     * Joins the fragments of the first message and then asks for nothing more; records how the
     * connection ended. The JDK calls a listener's methods one at a time, so plain buffers suffice.
     */
    private final class FirstMessageListener implements WebSocket.Listener {

        final CompletableFuture<Received> firstMessage = new CompletableFuture<>();
        final CompletableFuture<Closed> ended = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Set in onOpen, which the JDK always calls before it delivers any message or close. */
        private volatile Instant openedAt;

        @Override
        public void onOpen(WebSocket socket) {
            openedAt = clock.instant();
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence fragment, boolean last) {
            if (firstMessage.isDone()) {
                return null;
            }
            text.append(fragment);
            accept(socket, text.length(), last, text::toString);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer fragment, boolean last) {
            if (firstMessage.isDone()) {
                return null;
            }
            byte[] chunk = new byte[fragment.remaining()];
            fragment.get(chunk);
            bytes.writeBytes(chunk);
            accept(socket, bytes.size(), last, () -> bytes.toString(StandardCharsets.UTF_8));
            return null;
        }

        private void accept(WebSocket socket, int sizeSoFar, boolean last, Supplier<String> message) {
            if (sizeSoFar > MAX_MESSAGE_SIZE) {
                firstMessage.completeExceptionally(new MessageTooLargeException());
            } else if (last) {
                firstMessage.complete(new Received(message.get(), clock.instant()));
            } else {
                socket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            ended.complete(new Closed(statusCode, reason, clock.instant()));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            ended.completeExceptionally(error);
        }
    }
}
