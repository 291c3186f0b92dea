package org.socketboard.service.connection;

import org.socketboard.upstream.ConnectionListener;
import org.socketboard.upstream.HandshakeFailedException;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.UpstreamConnection;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.domain.UpstreamReason;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.upstream.protocol.SocketIo;
import org.socketboard.upstream.protocol.Stomp;
import org.socketboard.upstream.protocol.WireMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tests a service connection for real: opens an {@link UpstreamConnection} (the runtime's connection, on
 * the server's {@link UpstreamClient}: TLS trust, redirects checked hop by hop, fragments joined, size cap,
 * the protocol's handshake), sends the sample request if there is one, waits for the first whole message,
 * then closes. Failures are results with a sentence, never exceptions. A request's
 * {@link ConnectionTestRequest#connectTimeout()} bounds the WebSocket's handshake and the protocol's each.
 *
 * <p>In Socket.IO or STOMP the sample request is emitted (Socket.IO) or names the destination subscribed
 * to (STOMP), and the first message is the first event or MESSAGE body with the protocol's field
 * ({@code event}, {@code destination}). A plain WebSocket test offers the STOMP subprotocols when none are
 * set, and when the server turns out to speak Socket.IO (its first frame is an Engine.IO open packet,
 * {@code 0{"sid"…}) or STOMP (it chose a STOMP subprotocol), tests again in that protocol and says so in
 * {@link ConnectionTestResult#detected()}.
 */
@Component
public class ConnectionTester implements DisposableBean {

    /** The largest first message kept: 1 MB of text (or bytes for a binary message). */
    public static final int MAX_MESSAGE_SIZE = 1_048_576;
    /** How long sending our close may block before the socket is dropped. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    /** Time on top of the handshake timeout, so that the connection's own timeout normally reports first. */
    private static final Duration HANDSHAKE_MARGIN = Duration.ofSeconds(1);
    /** A close sooner than this after opening is reported as "at once". */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    private static final String FINISHED = "connection test finished";

    private final Clock clock;
    private final UpstreamClient client;
    /** Runs the connections' protocol-handshake watch (tests send no keep-alive pings). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "connection-test-timer");
        thread.setDaemon(true);
        return thread;
    });

    public ConnectionTester(Clock clock, UpstreamClient upstreamClient) {
        this.clock = clock;
        this.client = upstreamClient;
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
    }

    public ConnectionTestResult test(ConnectionTestRequest request) {
        Instant start = clock.instant();
        boolean plain = request.protocol().protocol() == Protocol.WEBSOCKET;
        List<String> offered = plain && request.subprotocols().isEmpty() ? Stomp.SUBPROTOCOLS : request.subprotocols();
        UpstreamConnection.Settings settings;
        try {
            settings = new UpstreamConnection.Settings(request.uri(), request.headers(), offered,
                    request.connectTimeout(), CLOSE_WAIT, MAX_MESSAGE_SIZE, Duration.ZERO, request.protocol());
        } catch (IllegalArgumentException refused) {
            return failed(start, refused.getMessage());
        }
        FirstMessage listener = new FirstMessage();
        UpstreamConnection connection = new UpstreamConnection(client, settings, timers, listener);
        try {
            await(connection.open(), request.connectTimeout().plus(HANDSHAKE_MARGIN));
            listener.opened();
            if (plain && offeredStompAndChosen(request, listener.subprotocol)) {
                Optional<ConnectionTestResult> stomp = detected(Protocol.STOMP, request, start);
                if (stomp.isPresent()) {
                    return stomp.get();
                }
            }
            ConnectionTestResult result = afterOpen(connection, listener, request, start);
            boolean socketIo = plain && result.firstMessage() != null && result.firstMessage().startsWith(SocketIo.OPEN_PREFIX);
            return socketIo ? detected(Protocol.SOCKET_IO, request, start).orElse(result) : result;
        } catch (ExecutionException | TimeoutException e) {
            // An Engine.IO server refuses an upgrade without EIO=4 with HTTP 400 and drops (or 404s) one at a path
            // it does not serve, such as a namespace (/admin): try it as Socket.IO, within the connect timeout left.
            Optional<HandshakeFailedException> refusal = UpstreamClient.refusalIn(e);
            boolean refusedOrDropped = refusal.filter(refused -> refused.status() == 400 || refused.status() == 404).isPresent()
                    || UpstreamClient.droppedDuringHandshake(e);
            Duration left = request.connectTimeout().minus(Duration.between(start, clock.instant()));
            if (plain && refusedOrDropped && !left.isNegative() && !left.isZero()) {
                Optional<ConnectionTestResult> socketIo = detected(Protocol.SOCKET_IO,
                        request.withTimeouts(left, request.firstMessageWait()), start);
                if (socketIo.isPresent()) {
                    return socketIo.get();
                }
            }
            String why = UpstreamClient.describe(e, request.uri(), request.connectTimeout());
            // Test connection names a refused handshake as such ("Handshake failed: the server answered …").
            // A 2xx answer already says in plain words that there is no WebSocket service here.
            boolean named = refusal.isPresent() && !why.startsWith(UpstreamClient.NO_WEBSOCKET);
            return failed(start, named ? "Handshake failed: " + Character.toLowerCase(why.charAt(0)) + why.substring(1) : why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "The connection test was interrupted.");
        } finally {
            // Also a handshake that completes after we stopped waiting for it: the connection closes once open.
            connection.close(UpstreamConnection.NORMAL_CLOSURE, FINISHED);
        }
    }

    /**
     * Many servers (Node's ws among them) choose the first subprotocol offered whatever it is, so a chosen
     * STOMP subprotocol only says "try": STOMP it is when the server answers CONNECT.
     */
    private static boolean offeredStompAndChosen(ConnectionTestRequest request, String chosen) {
        return request.subprotocols().isEmpty() && Stomp.SUBPROTOCOLS.contains(chosen);
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

    /** STOMP subscribes to the sample request's destination; Socket.IO emits the sample request as it would be sent. */
    private static ProtocolSettings settingsFor(Protocol protocol, String sample) {
        List<String> destinations = protocol == Protocol.STOMP && sample != null && !sample.isBlank()
                ? List.of(sample.strip()) : List.of();
        return new ProtocolSettings(protocol, Map.of(), destinations, null, null);
    }

    private ConnectionTestResult afterOpen(UpstreamConnection connection, FirstMessage listener,
                                           ConnectionTestRequest request, Instant start) throws InterruptedException {
        String sample = request.sampleRequest();
        Protocol protocol = request.protocol().protocol();
        try {
            // The connection bounds the protocol's handshake by the connect timeout; this wait is the safety net.
            await(CompletableFuture.anyOf(listener.ready, listener.ended), request.connectTimeout().plus(HANDSHAKE_MARGIN));
        } catch (TimeoutException e) {
            return failed(start, "Timed out after " + describe(request.connectTimeout()) + " waiting for the handshake");
        } catch (ExecutionException e) {
            return failed(start, "The connection broke after opening: " + rootMessage(e));
        }
        // STOMP's sample request is the destination already subscribed to; nothing more to send.
        boolean sends = sample != null && !sample.isBlank() && protocol != Protocol.STOMP;
        if (listener.ready.isDone() && sends) {
            try {
                await(connection.send(sample), request.firstMessageWait());
            } catch (ExecutionException | TimeoutException e) {
                return failed(start, "Connected, but sending the sample request failed: " + rootMessage(e));
            }
        }
        try {
            await(CompletableFuture.anyOf(listener.firstMessage, listener.ended), request.firstMessageWait());
        } catch (TimeoutException e) {
            return result(true, start, "Connected, but no message within " + describe(request.firstMessageWait()), null);
        } catch (ExecutionException e) {
            return failed(start, "The connection broke after opening: " + rootMessage(e));
        }
        if (listener.firstMessage.isDone()) {
            Received first = listener.firstMessage.join();
            return result(true, start, "Connected; first message received after "
                    + describe(Duration.between(listener.openedAt(), first.at())), first.text());
        }
        return ended(listener, start);
    }

    /** How the connection ended before a first message: our refusal of it, or the server's close. */
    private ConnectionTestResult ended(FirstMessage listener, Instant start) {
        Closed closed = listener.ended.join();
        String problem = listener.problem;
        // Too big before the protocol's handshake finished: not (yet) a connection in that protocol.
        if (problem != null && closed.code() == UpstreamConnection.MESSAGE_TOO_BIG && listener.ready.isDone()) {
            return result(true, start, "Connected; the first message is larger than 1 MB and was not kept", null);
        }
        if (problem != null) {
            // The protocol's refusal (STOMP ERROR, Socket.IO connect error) or its unfinished handshake.
            return failed(start, problem);
        }
        Duration open = Duration.between(listener.openedAt(), closed.at());
        String when = open.compareTo(AT_ONCE) < 0 ? "at once" : "after " + describe(open) + " without a message";
        if (closed.code() == UpstreamConnection.ABNORMAL_CLOSURE) {
            return failed(start, "The server dropped the connection " + when + " (code 1006, no close frame)");
        }
        String reason = closed.reason().isBlank() ? "" : ": " + closed.reason();
        return failed(start, "The server closed the connection " + when + " (code " + closed.code() + reason + ")");
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

    /**
     * Keeps the first whole message and ignores the rest; records how the connection ended. The
     * connection reports one call at a time, every attempt ending with one {@link #onClose}.
     */
    private final class FirstMessage implements ConnectionListener {

        final CompletableFuture<Received> firstMessage = new CompletableFuture<>();
        /** Completes at the close; fails when the connection broke with an error after opening. */
        final CompletableFuture<Closed> ended = new CompletableFuture<>();
        /** Completes when the protocol's handshake is done (at the WebSocket's for plain WebSocket). */
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** The subprotocol the server chose, "" if none (read at open: the session may close before we ask). */
        private volatile String subprotocol = "";
        /** Why the connection gave up on its own (refusal, oversize, unfinished handshake), or null. */
        private volatile String problem;
        /** When the WebSocket opened (or the protocol got ready, whichever was heard first); set before any message. */
        private Instant openedAt;

        synchronized void opened() {
            if (openedAt == null) {
                openedAt = clock.instant();
            }
        }

        synchronized Instant openedAt() {
            return openedAt;
        }

        @Override
        public void onOpen(UpstreamConnection connection) {
            opened();
            subprotocol = connection.subprotocol();
            ready.complete(null);
        }

        @Override
        public void onText(String message) {
            firstMessage.complete(new Received(message, clock.instant()));
        }

        @Override
        public void onBinary(ByteBuffer message) {
            onText(StandardCharsets.UTF_8.decode(message).toString());
        }

        @Override
        public void onMessages(String frame, List<WireMessage> messages) {
            // An unreadable packet (malformed, binary) is no sample.
            messages.stream().filter(message -> message.problem() == null).findFirst()
                    .ifPresent(message -> firstMessage.complete(new Received(message.asSample(), clock.instant())));
        }

        @Override
        public void onError(String reason, Throwable cause) {
            if (cause == null) {
                problem = problem == null ? reason : problem;
            } else {
                ended.completeExceptionally(cause);
            }
        }

        @Override
        public void onClose(int code, String reason) {
            ended.complete(new Closed(code, reason, clock.instant()));
        }
    }
}
