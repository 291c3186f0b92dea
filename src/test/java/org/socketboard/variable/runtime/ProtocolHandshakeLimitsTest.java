package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servers on loopback that open the WebSocket but then misbehave in the protocol inside it: never finish
 * its handshake (a failed attempt after the open timeout, retried with backoff), send a heart-beat
 * header that is not numbers (a protocol error: given up on), or ask for keep-alive values out of range.
 */
class ProtocolHandshakeLimitsTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    /** Open timeout 1 s, WebSocket pings off: only the protocol's own limits act. */
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(1), Duration.ofMillis(500),
            64 * 1024, Duration.ZERO);
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(200), 0);
    private static final String OPEN = "0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":%s,\"pingTimeout\":%s,\"maxPayload\":1000000}";

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private final AtomicInteger connections = new AtomicInteger();
    private LoopbackWebSocketServer server;
    private LiveVariable variable;

    @AfterEach
    void cleanUp() throws Exception {
        if (variable != null) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        server.close();
        scheduler.shutdownNow();
    }

    private void serve(String path, Protocol protocol, BiConsumer<LoopbackWebSocketServer.Peer, String> onText,
                       String... openFrames) throws IOException {
        server = LoopbackWebSocketServer.speaking(protocol, connections, onText, openFrames);
        var settings = new ProtocolSettings(protocol, Map.of(), List.of("/topic/a"), null, Duration.ofSeconds(1));
        var spec = new LiveVariableSpec("limits", server.uri(path), Map.of(), List.of(), "", InsertStrategy.ADD_LAST,
                10, null, "", List.of(), QUICK, LIMITS, Set.of(), null, false, settings);
        variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variable.open();
    }

    private List<String> details(VariableEvent.Type type) {
        return variable.events().stream().filter(event -> event.type() == type).map(VariableEvent::detail).toList();
    }

    @Test
    void aSocketIoServerThatNeverConfirmsTheNamespaceIsAFailedAttemptRetriedWithBackoff() throws Exception {
        serve("/socket.io/", Protocol.SOCKET_IO, (peer, text) -> { }, OPEN.formatted(25000, 20000));

        await().atMost(Duration.ofSeconds(8)).until(() -> connections.get() >= 2);

        assertThat(details(VariableEvent.Type.CLOSE)).first().asString()
                .contains("The Socket.IO server did not confirm the connection to namespace / within 1 s");
        assertThat(variable.state()).isNotIn(VariableState.OPEN, VariableState.FAILED);
    }

    @Test
    void aSocketIoServerThatConfirmsAnotherNamespaceOnlyIsNoConfirmationOfOurs() throws Exception {
        serve("/socket.io/", Protocol.SOCKET_IO, (peer, text) -> peer.sendText("40/admin,{\"sid\":\"y\"}"),
                OPEN.formatted(25000, 20000));

        await().atMost(Duration.ofSeconds(8)).until(() -> connections.get() >= 2);

        assertThat(details(VariableEvent.Type.CLOSE)).first().asString()
                .contains("did not confirm the connection to namespace / within 1 s");
    }

    @Test
    void aStompServerThatNeverAnswersConnectIsAFailedAttemptRetriedWithBackoff() throws Exception {
        serve("/stomp", Protocol.STOMP, (peer, text) -> { });

        await().atMost(Duration.ofSeconds(8)).until(() -> connections.get() >= 2);

        assertThat(details(VariableEvent.Type.CLOSE)).first().asString()
                .contains("The STOMP server did not answer CONNECT within 1 s");
        assertThat(variable.state()).isNotIn(VariableState.OPEN, VariableState.FAILED);
    }

    @Test
    void aStompHeartBeatHeaderThatIsNotNumbersIsAProtocolErrorGivenUpOn() throws Exception {
        serve("/stomp", Protocol.STOMP, (peer, text) -> {
            if (text.startsWith("CONNECT\n")) {
                peer.sendText("CONNECTED\nversion:1.2\nheart-beat:x,y\n\n\0");
            }
        });

        await().atMost(Duration.ofSeconds(8)).until(() -> variable.state() == VariableState.FAILED);

        assertThat(connections.get()).isEqualTo(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
        assertThat(details(VariableEvent.Type.ERROR))
                .anyMatch(detail -> detail.startsWith("Gave up after 3 attempts")
                        && detail.contains("The STOMP server's heart-beat header is not two numbers: x,y"))
                .noneMatch(detail -> detail.contains("index") || detail.contains("Exception"));
    }

    @Test
    void aSocketIoOpenPacketWithPingIntervalZeroIsRefusedAndGivenUpOn() throws Exception {
        serve("/socket.io/", Protocol.SOCKET_IO, (peer, text) -> { }, OPEN.formatted(0, 20000));

        await().atMost(Duration.ofSeconds(8)).until(() -> variable.state() == VariableState.FAILED);

        assertThat(details(VariableEvent.Type.ERROR))
                .anyMatch(detail -> detail.startsWith("Gave up after 3 attempts") && detail.contains("pingInterval 0")
                        && detail.contains("must be positive"));
    }

    @Test
    void aSilentSocketIoServerIsDroppedWithAReasonInSocketIoWords() throws Exception {
        serve("/socket.io/", Protocol.SOCKET_IO, (peer, text) -> {
            if (text.startsWith("40")) {
                peer.sendText("40{\"sid\":\"a\"}");
            }
        }, OPEN.formatted(100, 100));

        await().atMost(Duration.ofSeconds(8)).until(() -> !details(VariableEvent.Type.CLOSE).isEmpty());

        assertThat(details(VariableEvent.Type.CLOSE)).first().asString()
                .contains("No ping from the Socket.IO server within 200 ms")
                .doesNotContain("heart-beat");
    }
}
