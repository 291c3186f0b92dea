package org.socketboard.demofeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) for the feed tests: collects text messages and the close. */
final class FeedClient implements WebSocket.Listener, AutoCloseable {

    record Close(int code, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    /** Generous: the first connection to a fresh test context also initialises the web layer, on a busy machine. */
    private FeedClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .buildAsync(uri, this)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
    }

    static FeedClient connect(int port, String pathAndQuery) {
        return connect(URI.create("ws://localhost:" + port + pathAndQuery));
    }

    static FeedClient connect(URI uri) {
        return new FeedClient(uri);
    }

    /** The next text message, failing the test if none arrives within {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    JsonNode nextJson(Duration timeout) throws Exception {
        return JSON.readTree(next(timeout));
    }

    /** Every message that arrives within {@code window} (plus any already waiting). */
    List<String> collect(Duration window) throws InterruptedException {
        Thread.sleep(window.toMillis()); // the window is the measurement (a rate, a pause), not a wait for a condition
        List<String> received = new ArrayList<>();
        messages.drainTo(received);
        return received;
    }

    /** {@link #collect} parsed as JSON. */
    List<JsonNode> collectJson(Duration window) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String message : collect(window)) {
            nodes.add(JSON.readTree(message));
        }
        return nodes;
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosedByServer() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Drops the TCP connection without a close handshake, as a crashed client would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        // Completes exceptionally when the server has closed first; either way the socket ends closed.
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").handle((ws, e) -> ws).orTimeout(5, TimeUnit.SECONDS).join();
    }
}
