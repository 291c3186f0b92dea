package org.socketboard.service.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.SocketIoServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test connection against a real Socket.IO v4 server (npm socket.io under node) on loopback. */
class SocketIoDetectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SocketIoServer server;
    private final ConnectionTester tester = new ConnectionTester(Clock.systemUTC(), UpstreamClient.withDefaults());

    @BeforeAll
    static void startServer() throws Exception {
        server = new SocketIoServer(Map.of());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static ConnectionTestRequest request(String url, String sample, ProtocolSettings protocol) {
        return new ConnectionTestRequest(URI.create(url), Map.of(), List.of(), sample, Duration.ofSeconds(10),
                Duration.ofSeconds(10), protocol);
    }

    @Test
    void aSocketIoServerBehindAPlainUrlIsDetectedAndItsFirstEventIsTheSample() throws Exception {
        var result = tester.test(request(server.url() + "socket.io/?EIO=4&transport=websocket", null, ProtocolSettings.WEBSOCKET));

        assertThat(result.detected()).isEqualTo(Protocol.SOCKET_IO);
        assertThat(result.connected()).isTrue();
        assertThat(result.outcome()).startsWith("The server speaks Socket.IO: switch the protocol to Socket.IO.");
        JsonNode sample = JSON.readTree(result.firstMessage());
        assertThat(sample.path("event").asText()).isIn("tick", "news");
    }

    @Test
    void aSocketIoServerIsAlsoFoundAtItsPlainAddressWhichItRefusesWithoutEngineIoQuery() throws Exception {
        var result = tester.test(request(server.url() + "socket.io/", null, ProtocolSettings.WEBSOCKET));

        assertThat(result.detected()).isEqualTo(Protocol.SOCKET_IO);
        assertThat(result.connected()).as(result.outcome()).isTrue();
        assertThat(JSON.readTree(result.firstMessage()).path("event").asText()).isIn("tick", "news");
    }

    @Test
    void aSocketIoNamespaceAtAPlainUrlWhereTheServerDropsTheUpgradeIsDetectedWithThatNamespacesEvents() throws Exception {
        var result = tester.test(request(server.url() + "admin", null, ProtocolSettings.WEBSOCKET));

        assertThat(result.detected()).isEqualTo(Protocol.SOCKET_IO);
        assertThat(result.connected()).as(result.outcome()).isTrue();
        assertThat(result.outcome()).startsWith("The server speaks Socket.IO: switch the protocol to Socket.IO. In Socket.IO: ");
        JsonNode sample = JSON.readTree(result.firstMessage());
        assertThat(sample.path("symbol").asText()).as("the /admin namespace's tick").isEqualTo("ADMIN");
    }

    @Test
    void aSocketIoProbeTheServerRefusesDetectsNothingAndEndsWithinTheTimeouts() throws Exception {
        // The Engine.IO path refuses the plain upgrade (400) and the server refuses the namespace /nothing to the probe.
        var started = java.time.Instant.now();
        var result = tester.test(new ConnectionTestRequest(URI.create(server.url() + "socket.io/nothing"), Map.of(), List.of(),
                null, Duration.ofSeconds(3), Duration.ofSeconds(1), ProtocolSettings.WEBSOCKET));

        assertThat(result.detected()).isNull();
        assertThat(result.connected()).isFalse();
        assertThat(Duration.between(started, java.time.Instant.now())).isLessThan(Duration.ofSeconds(3 + 1 + 3));
    }

    @Test
    void aSocketIoTestEmitsTheSampleRequestAndKeepsTheAnswer() throws Exception {
        var protocol = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of("echoed"), "echo", null);

        var result = tester.test(request(server.url(), "{\"ping\":1}", protocol));

        assertThat(result.connected()).as(result.outcome()).isTrue();
        assertThat(result.detected()).isNull();
        JsonNode sample = JSON.readTree(result.firstMessage());
        assertThat(sample.path("ping").asInt()).isEqualTo(1);
        assertThat(sample.path("event").asText()).isEqualTo("echoed");
    }
}
