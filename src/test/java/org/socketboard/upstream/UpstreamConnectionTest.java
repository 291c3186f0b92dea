package org.socketboard.upstream;

import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamConnectionTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();

    private final RecordingConnectionListener events = new RecordingConnectionListener();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
        scheduler.shutdownNow();
    }

    private LoopbackWebSocketServer serve(LoopbackWebSocketServer server) {
        cleanup.add(server);
        return server;
    }

    private static UpstreamConnection.Settings settings(URI uri, int maxMessageSize) {
        return new UpstreamConnection.Settings(uri, Map.of(), List.of(), Duration.ofSeconds(3), Duration.ofMillis(300), maxMessageSize, Duration.ZERO);
    }

    private UpstreamConnection open(URI uri) throws InterruptedException {
        return open(settings(uri, 1_000_000));
    }

    private UpstreamConnection open(UpstreamConnection.Settings settings) throws InterruptedException {
        var connection = new UpstreamConnection(CLIENT, settings, scheduler, events);
        connection.open();
        assertThat(events.next()).isEqualTo("open");
        return connection;
    }

    @Test
    void aSentMessageReachesTheServerAndItsAnswerArrives() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var connection = open(server.uri("/echo"));

        connection.send("hello").get();

        assertThat(events.next()).isEqualTo("text:hello");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void headersAndSubprotocolsAreOfferedAndTheServersChoiceIsKnown() throws Exception {
        var server = serve(new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
        }, "ticker.v2"));
        var settings = new UpstreamConnection.Settings(server.uri("/feed?x=1"), Map.of("X-Api-Key", "k-123"),
                List.of("ticker.v3", "ticker.v2"), Duration.ofSeconds(3), Duration.ofMillis(300), 1000, Duration.ZERO);

        var connection = open(settings);
        var peer = server.nextPeer();

        assertThat(peer.path).isEqualTo("/feed?x=1");
        assertThat(peer.headers).containsEntry("x-api-key", "k-123");
        assertThat(connection.subprotocol()).isEqualTo("ticker.v2");
    }

    @Test
    void fragmentsAreJoinedIntoOneWholeMessage() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));

        server.nextPeer().sendFragmented("{\"symbol\":", "\"ACME\",", "\"price\":1}");

        assertThat(events.next()).isEqualTo("text:{\"symbol\":\"ACME\",\"price\":1}");
    }

    @Test
    void manyMessagesArriveWholeAndInOrder() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));
        var peer = server.nextPeer();

        for (int i = 0; i < 500; i++) {
            peer.sendText("m" + i);
        }

        for (int i = 0; i < 500; i++) {
            assertThat(events.next()).isEqualTo("text:m" + i);
        }
    }

    @Test
    void aBinaryMessageArrivesAsACopyOfItsBytes() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));

        server.nextPeer().sendBinary("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(events.next()).isEqualTo("binary:{\"a\":1}");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedByClosingReportedAs1009() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(settings(server.uri("/"), 100));
        var peer = server.nextPeer();

        peer.sendFragmented("a".repeat(60), "b".repeat(60));

        assertThat(events.next()).startsWith("error:A message larger than 100 (120 so far) was refused");
        assertThat(peer.nextCloseCode()).isEqualTo(1009);
        assertThat(events.next()).isEqualTo("close:1009 Message too big");
    }

    @Test
    void aPingFromTheServerIsAnsweredAndMessagesKeepFlowing() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));
        var peer = server.nextPeer();

        peer.sendPing("are-you-there");
        peer.sendText("after the ping");

        assertThat(peer.nextPong()).isEqualTo("are-you-there");
        assertThat(events.next()).isEqualTo("text:after the ping");
    }

    @Test
    void aServerThatStopsAnsweringPingsIsDroppedAndItsTimerWithIt() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        server.answerPings(false);
        scheduler.setRemoveOnCancelPolicy(true);
        var keepAlive = new UpstreamConnection.Settings(server.uri("/"), Map.of(), List.of(), Duration.ofSeconds(3),
                Duration.ofMillis(300), 1000, Duration.ofMillis(100));
        open(keepAlive);

        assertThat(events.next()).isEqualTo("error:No answer to a ping within 100 ms; connection lost");
        assertThat(events.next()).isEqualTo("close:1006 No answer to a ping within 100 ms; connection lost");
        assertThat(scheduler.getQueue()).isEmpty();
        awaitNoOpenConnections(server);
    }

    @Test
    void aConnectionThatBreaksWhileAMessageIsBeingHandledIsStillSeenToEnd() throws Exception {
        var server = serve(new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("last words");
                peer.closeAbruptly();
            }
        }));
        var keepAlive = new UpstreamConnection.Settings(server.uri("/"), Map.of(), List.of(), Duration.ofSeconds(3),
                Duration.ofMillis(300), 1000, Duration.ofMillis(100));
        for (int attempt = 0; attempt < 4; attempt++) {
            var slow = new RecordingConnectionListener(200);
            new UpstreamConnection(CLIENT, keepAlive, scheduler, slow).open();
            // "last words" may or may not be handled before the end; the end must always be reported.
            String event;
            do {
                event = slow.next();
            } while (!event.startsWith("close:"));
            assertThat(event).startsWith("close:1006");
        }
    }

    @Test
    void aServerThatAnswersPingsStaysConnected() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var keepAlive = new UpstreamConnection.Settings(server.uri("/"), Map.of(), List.of(), Duration.ofSeconds(3),
                Duration.ofMillis(300), 1000, Duration.ofMillis(50));
        var connection = open(keepAlive);

        assertThat(events.nextWithin(400)).isNull();
        assertThat(server.nextPeer().pingsReceived()).isGreaterThanOrEqualTo(3);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void closingSendsTheCodeAndReasonAndReportsThemOnceTheServerAnswers() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var connection = open(server.uri("/"));
        var peer = server.nextPeer();

        connection.close(1000, "bye");
        connection.close(1000, "bye again");

        assertThat(peer.nextCloseCode()).isEqualTo(1000);
        assertThat(events.next()).isEqualTo("close:1000 bye");
        assertThat(events.nextWithin(200)).as("exactly one close").isNull();
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.send("late").isCompletedExceptionally()).isTrue();
    }

    @Test
    void closingDoesNotWaitForAServerThatNeverAnswersTheClose() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        server.answerCloses(false);
        var connection = open(server.uri("/"));
        var peer = server.nextPeer();

        long start = System.nanoTime();
        connection.close(1000, "bye");

        assertThat(events.next()).isEqualTo("close:1000 bye");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(peer.nextCloseCode()).isEqualTo(1000);
        awaitNoOpenConnections(server);
    }

    @Test
    void theServerClosingIsReportedWithItsCodeAndReason() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));

        server.nextPeer().sendClose(1001, "going away");

        assertThat(events.next()).isEqualTo("close:1001 going away");
    }

    @Test
    void aServerThatVanishesIsReportedAsAnAbnormalClose() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        open(server.uri("/"));
        server.nextPeer();

        server.stop();

        String event = events.next();
        if (event.startsWith("error:")) {
            event = events.next();
        }
        assertThat(event).startsWith("close:1006");
    }

    @Test
    void aRefusedConnectionIsReportedWithTheReason() throws Exception {
        int freePort = LoopbackWebSocketServer.refusingPort();
        new UpstreamConnection(CLIENT, settings(URI.create("ws://127.0.0.1:" + freePort + "/"), 1000), scheduler, events).open();

        assertThat(events.next()).isEqualTo("error:Connection refused by 127.0.0.1:" + freePort);
        assertThat(events.next()).isEqualTo("close:1006 Connection refused by 127.0.0.1:" + freePort);
    }

    @Test
    void aRejectedHandshakeIsReportedWithTheHttpStatus() throws Exception {
        var server = serve(LoopbackWebSocketServer.refusingTheHandshakeWith(403));
        new UpstreamConnection(CLIENT, settings(server.uri("/private"), 1000), scheduler, events).open();

        assertThat(events.next()).isEqualTo("error:The server answered HTTP 403 Forbidden instead of accepting a WebSocket connection");
        assertThat(events.next()).startsWith("close:1006");
    }

    @Test
    void connectionSettingsThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> settings(URI.create("http://example.com/"), 1000))
                .hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> withHeader("Connection"))
                .hasMessageContaining("The header Connection is set by the WebSocket client itself");
        assertThatThrownBy(() -> withHeader("Sec-WebSocket-Key"))
                .hasMessageContaining("The header Sec-WebSocket-Key is set by the WebSocket client itself");
    }

    private static UpstreamConnection.Settings withHeader(String name) {
        return new UpstreamConnection.Settings(URI.create("ws://127.0.0.1:1/"), Map.of(name, "x"),
                List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1000, Duration.ZERO);
    }

    private static void awaitNoOpenConnections(LoopbackWebSocketServer server) {
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(server.openConnections()).isZero());
    }
}
