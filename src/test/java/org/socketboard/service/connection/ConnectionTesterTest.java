package org.socketboard.service.connection;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.socketboard.upstream.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tests against real servers on loopback: refusing, hanging, answering HTTP, closing at
 * once, and WebSocket servers that talk. Every test checks that the client really left.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class ConnectionTesterTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private final ConnectionTester tester = new ConnectionTester(Clock.systemUTC(), UpstreamClient.withDefaults());

    @Test
    void aRefusedConnectionIsReportedWithTheReason() throws Exception {
        int port = LoopbackWebSocketServer.refusingPort();

        ConnectionTestResult result = tester.test(ConnectionTestRequest.of(URI.create("ws://127.0.0.1:" + port + "/feed")));

        assertThat(result.connected()).isFalse();
        assertThat(result.outcome()).isEqualTo("Connection refused by 127.0.0.1:" + port);
        assertThat(result.firstMessage()).isNull();
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutAndTheConnectionIsDropped() throws Exception {
        try (var server = LoopbackWebSocketServer.silent()) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("Timed out after 1 s waiting for the handshake");
            assertThat(result.elapsed()).isBetween(SHORT, SHORT.multipliedBy(3));
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void anHttpServerAnswering404IsAFailedHandshake() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + http.getAddress().getPort() + "/nothing-here");

            ConnectionTestResult result = tester.test(shortRequest(uri));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome())
                    .isEqualTo("Handshake failed: the server answered HTTP 404 Not Found instead of accepting a WebSocket connection");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aWebPageWhereTheFeedShouldBeSaysThereIsNoWebSocketServiceThere() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + http.getAddress().getPort() + "/");

            ConnectionTestResult result = tester.test(shortRequest(uri));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("No WebSocket service at this address: the server answered with an "
                    + "ordinary web response (HTTP 200 OK) instead of accepting a WebSocket connection");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aRejectedHandshakeLeavesNoConnectionOpen() throws Exception {
        try (var server = LoopbackWebSocketServer.speakingFirst(
                "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.outcome())
                    .isEqualTo("Handshake failed: the server answered HTTP 403 Forbidden instead of accepting a WebSocket connection");
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerThatClosesAtOnceIsAFailureWithItsCodeAndReason() throws Exception {
        try (var server = sendingOnOpen(peer -> peer.sendClose(1011, "no feed today"))) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("The server closed the connection at once (code 1011: no feed today)");
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCloseReasonIsShownAsOneCleanLineWithoutExceptionNamesOrDirectionMarks() throws Exception {
        try (var server = sendingOnOpen(peer -> peer.sendClose(1011,
                "java.lang.IllegalStateException: no \u202Efeed\u202C today\n\tat com.acme.Feed.run(Feed.java:1)"))) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.outcome()).isEqualTo("The server closed the connection at once (code 1011: no feed today)");
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstMessageIsCapturedAndTheSocketClosedAfterwards() throws Exception {
        try (var server = sendingOnOpen(peer -> {
            peer.sendText("{\"price\": 101.5}");
            peer.sendText("{\"price\": 102}");
        })) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.connected()).isTrue();
            assertThat(result.outcome()).matches("Connected; first message received after \\d+ ms");
            assertThat(result.firstMessage()).isEqualTo("{\"price\": 101.5}");
            LoopbackWebSocketServer.Peer peer = server.nextPeer();
            assertThat(peer.nextCloseCode()).isEqualTo(1000);
            peer.disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSampleRequestIsSentAfterOpeningAndTheReplyCaptured() throws Exception {
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onText(LoopbackWebSocketServer.Peer peer, String text) {
                peer.sendText("echo: " + text);
            }
        })) {
            ConnectionTestRequest request = new ConnectionTestRequest(server.uri("/feed"), Map.of(), List.of(),
                    "{\"subscribe\": \"AAPL\"}", SHORT, SHORT);

            ConnectionTestResult result = tester.test(request);

            assertThat(result.connected()).isTrue();
            assertThat(result.firstMessage()).isEqualTo("echo: {\"subscribe\": \"AAPL\"}");
            LoopbackWebSocketServer.Peer peer = server.nextPeer();
            assertThat(peer.receivedTexts()).containsExactly("{\"subscribe\": \"AAPL\"}");
            peer.disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFragmentedFirstMessageIsJoined() throws Exception {
        try (var server = sendingOnOpen(
                peer -> peer.sendFragmented("{\"city\": ", "\"Oslo\", ", "\"temp\": 4}"))) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/weather")));

            assertThat(result.firstMessage()).isEqualTo("{\"city\": \"Oslo\", \"temp\": 4}");
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBinaryFirstMessageIsReadAsUtf8() throws Exception {
        try (var server = sendingOnOpen(
                peer -> peer.sendBinary("<temp unit=\"°C\">4</temp>".getBytes(StandardCharsets.UTF_8)))) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/weather")));

            assertThat(result.firstMessage()).isEqualTo("<temp unit=\"°C\">4</temp>");
        }
    }

    @Test
    void aServerThatStaysSilentIsConnectedWithoutAMessage() throws Exception {
        try (var server = sendingOnOpen(peer -> { })) {
            ConnectionTestRequest request = new ConnectionTestRequest(server.uri("/quiet"), Map.of(), List.of(), null,
                    SHORT, Duration.ofMillis(500));

            ConnectionTestResult result = tester.test(request);

            assertThat(result.connected()).isTrue();
            assertThat(result.outcome()).isEqualTo("Connected, but no message within 500 ms");
            assertThat(result.firstMessage()).isNull();
            LoopbackWebSocketServer.Peer peer = server.nextPeer();
            assertThat(peer.nextCloseCode()).isEqualTo(1000);
            peer.disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFirstMessageOverOneMegabyteIsNotKept() throws Exception {
        String huge = "x".repeat(ConnectionTester.MAX_MESSAGE_SIZE + 1);
        try (var server = LoopbackWebSocketServer.sendingOnOpen(huge)) {
            ConnectionTestResult result = tester.test(ConnectionTestRequest.of(server.uri("/firehose"))
                    .withTimeouts(SHORT, Duration.ofSeconds(5)));

            assertThat(result.connected()).isTrue();
            assertThat(result.outcome()).isEqualTo("Connected; the first message is larger than 1 MB and was not kept");
            assertThat(result.firstMessage()).isNull();
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void headersAndSubprotocolsAreSentInTheHandshake() throws Exception {
        // Chooses the first subprotocol offered, as the server of the request's service would.
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() { }, "v2.feed", "v1.feed")) {
            ConnectionTestRequest request = new ConnectionTestRequest(server.uri("/feed"),
                    Map.of("Authorization", "Bearer abc"), List.of("v2.feed", "v1.feed"), null, SHORT, SHORT);

            ConnectionTestResult result = tester.test(request);

            assertThat(result.connected()).isTrue();
            LoopbackWebSocketServer.Peer peer = server.nextPeer();
            assertThat(peer.headers).containsEntry("Authorization", "Bearer abc")
                    .containsEntry("Sec-WebSocket-Protocol", "v2.feed,v1.feed");
        }
    }

    @Test
    void headersTheClientSetsItselfAreRefusedWithoutConnecting() throws Exception {
        try (var server = LoopbackWebSocketServer.sendingOnOpen("hi")) {
            for (String header : List.of("Host", "Connection", "Upgrade", "Sec-WebSocket-Key", "sec-websocket-protocol")) {
                ConnectionTestRequest request = new ConnectionTestRequest(server.uri("/feed"),
                        Map.of(header, "x"), List.of(), null, SHORT, SHORT);

                ConnectionTestResult result = tester.test(request);

                assertThat(result.connected()).isFalse();
                assertThat(result.outcome()).startsWith("The header " + header + " is set by the WebSocket client itself");
            }
            assertThat(server.connectionsAccepted()).isZero();
        }
    }

    @Test
    void aHeaderThatHttpCannotCarryOrABadSubprotocolIsRefusedWithTheReason() throws Exception {
        try (var server = LoopbackWebSocketServer.sendingOnOpen("hi")) {
            ConnectionTestResult badHeader = tester.test(new ConnectionTestRequest(server.uri("/feed"),
                    Map.of("X Api Key", "k"), List.of(), null, SHORT, SHORT));
            ConnectionTestResult badSubprotocol = tester.test(new ConnectionTestRequest(server.uri("/feed"),
                    Map.of(), List.of("v1 feed"), null, SHORT, SHORT));

            assertThat(badHeader.outcome()).isEqualTo("The header X Api Key cannot be sent: invalid header name: \"X Api Key\"");
            assertThat(badSubprotocol.outcome()).isEqualTo("The request is not valid: Bad subprotocol syntax: v1 feed");
            assertThat(server.connectionsAccepted()).isZero();
        }
    }

    @Test
    void anUnknownHostIsReportedByName() {
        ConnectionTestResult result = tester.test(shortRequest(URI.create("wss://nosuch.invalid/feed")));

        assertThat(result.connected()).isFalse();
        assertThat(result.outcome()).isEqualTo("Unknown host: nosuch.invalid");
    }

    @Test
    void wssToAServerWithoutTlsIsATlsFailure() throws Exception {
        try (var server = LoopbackWebSocketServer.speakingFirst("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            URI uri = server.secureUri("/feed");

            // The first TLS use in a JVM loads the trust store and providers: more than 1 s on a busy machine.
            ConnectionTestResult result = tester.test(ConnectionTestRequest.of(uri).withTimeouts(Duration.ofSeconds(5), SHORT));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("TLS failure: the server does not speak TLS on this port (use ws:// for a plain server)");
            server.nextPeer().disconnected.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerThatDropsTheConnectionAfterTheHandshakeIsAFailure() throws Exception {
        try (var server = sendingOnOpen(LoopbackWebSocketServer.Peer::closeAbruptly)) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/feed")));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("The server dropped the connection at once (code 1006, no close frame)");
        }
    }

    @Test
    void aRedirectChainIsFollowedAndTheLastHopAnswers() throws Exception {
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return path.equals("/moved") ? 302 : 101;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return path.equals("/moved") ? Map.of("Location", "/feed") : Map.of();
            }

            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("{\"at\":\"" + peer.path + "\"}");
            }
        })) {
            ConnectionTestResult result = tester.test(shortRequest(server.uri("/moved")));

            assertThat(result.connected()).isTrue();
            assertThat(result.firstMessage()).isEqualTo("{\"at\":\"/feed\"}");
        }
    }

    @Test
    void anUnauthorizedHandshakeAndASubprotocolMismatchAreNamed() throws Exception {
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return path.equals("/private") ? 401 : 101;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return path.equals("/private") ? Map.of() : Map.of("Sec-WebSocket-Protocol", "v9.feed");
            }
        })) {
            assertThat(tester.test(shortRequest(server.uri("/private"))).outcome())
                    .isEqualTo("Handshake failed: the server answered HTTP 401 Unauthorized instead of accepting a WebSocket connection");
            assertThat(tester.test(new ConnectionTestRequest(server.uri("/feed"), Map.of(), List.of("v1.feed"), null, SHORT, SHORT)).outcome())
                    .isEqualTo("Handshake failed: subprotocol mismatch: the server chose \"v9.feed\", which was not offered (offered: v1.feed)");
        }
    }

    @Test
    void aSocketIoServerThatNeverConfirmsTheNamespaceEndsTheTestWithThatReasonWithinTheConnectTimeout() throws Exception {
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
            }
        })) {
            var protocol = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), null, null);
            ConnectionTestResult result = tester.test(new ConnectionTestRequest(server.uri("/socket.io/"), Map.of(),
                    List.of(), null, SHORT, Duration.ofSeconds(8), protocol));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("The Socket.IO server did not confirm the connection to namespace / within 1 s");
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStompServerThatNeverAnswersConnectEndsTheTestWithThatReasonWithinTheConnectTimeout() throws Exception {
        try (var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() { }, "v12.stomp")) {
            var protocol = new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), null, null);
            ConnectionTestResult result = tester.test(new ConnectionTestRequest(server.uri("/stomp"), Map.of(),
                    List.of(), null, SHORT, Duration.ofSeconds(8), protocol));

            assertThat(result.connected()).isFalse();
            assertThat(result.outcome()).isEqualTo("The STOMP server did not answer CONNECT within 1 s");
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A WebSocket server that does this to each client as soon as the handshake is answered. */
    private static LoopbackWebSocketServer sendingOnOpen(Consumer<LoopbackWebSocketServer.Peer> onOpen) throws IOException {
        return new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                onOpen.accept(peer);
            }
        });
    }

    private static ConnectionTestRequest shortRequest(URI uri) {
        return ConnectionTestRequest.of(uri).withTimeouts(SHORT, SHORT);
    }
}
