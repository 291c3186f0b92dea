package org.socketboard.variable.runtime;

import org.socketboard.upstream.UpstreamConnection;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.SocketIoServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket.IO variables against a real Socket.IO v4 server (npm {@code socket.io} under node) on loopback,
 * pinging every 300 ms with a 1.5 s timeout (shorter ones are missed on a busy build machine).
 */
class SocketIoProtocolTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    /** WebSocket pings off: only the Engine.IO pongs keep these connections alive. */
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMillis(500),
            64 * 1024, Duration.ZERO);
    private static final ReconnectPolicy QUICK_RECONNECT = new ReconnectPolicy(true, Duration.ofMillis(50),
            Duration.ofMillis(300), 0, ReconnectPolicy.DEFAULT_STABLE_AFTER, 20);
    private static SocketIoServer server;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private final List<LiveVariable> variables = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = new SocketIoServer(Map.of());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        scheduler.shutdownNow();
    }

    private LiveVariable variable(String url, List<String> events, String emit, Map<String, String> auth,
                                  ReconnectPolicy reconnect) {
        var protocol = new ProtocolSettings(Protocol.SOCKET_IO, auth, events, emit, null);
        var spec = new LiveVariableSpec("socket-io", URI.create(url), Map.of(), List.of(), "", InsertStrategy.ADD_LAST,
                500, null, "", List.of(), reconnect, LIMITS, Set.copyOf(auth.values()), null, false, protocol);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        return variable;
    }

    private LiveVariable variable(List<String> events, String emit) {
        return variable(server.url(), events, emit, Map.of(), ReconnectPolicy.disabled());
    }

    /** Waits up to 20 s (the machine is shared); a timeout names the variables' events. */
    private void await(BooleanSupplier condition, String what) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(condition.getAsBoolean())
                        .as(() -> what + "; events: " + variables.stream().map(LiveVariable::events).toList()).isTrue());
    }

    @Test
    void eventsBecomeRecordsOfTheirPayloadWithTheEventNameAsAField() throws Exception {
        var variable = variable(List.of(), "");

        variable.open();
        await(() -> variable.dataset().snapshot().stream().map(r -> r.path("event").asText()).distinct().count() == 2,
                "ticks and news arrived");

        var ticks = variable.dataset().snapshot().stream().filter(r -> r.path("event").asText().equals("tick")).toList();
        assertThat(ticks).isNotEmpty().allSatisfy(tick -> {
            assertThat(tick.path("symbol").asText()).isEqualTo("ACME");
            assertThat(tick.path("price").isNumber()).isTrue();
        });
        assertThat(variable.stats().decodeErrors()).isZero();
    }

    @Test
    void pingsAreAnsweredSoTheConnectionOutlivesManyPingIntervalsWithoutReconnecting() throws Exception {
        var variable = variable(server.url(), List.of("news"), "", Map.of(), ReconnectPolicy.disabled());
        int before = server.connections();
        variable.open();
        await(() -> variable.state() == VariableState.OPEN, "the variable is open");

        // 3 s = ten ping intervals; an unanswered ping would end the session after 1.8 s. The quiet time is the scenario.
        Thread.sleep(3_000);

        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
        assertThat(variable.events()).noneMatch(event -> event.type() == VariableEvent.Type.CLOSE);
        assertThat(server.connections() - before).isEqualTo(1);
    }

    @Test
    void theEventChoiceKeepsOnlyTheChosenEvents() throws Exception {
        var variable = variable(List.of("news"), "");

        variable.open();
        await(() -> variable.dataset().size() >= 3, "three news events arrived");

        assertThat(variable.dataset().snapshot()).allSatisfy(record -> {
            assertThat(record.path("event").asText()).isEqualTo("news");
            assertThat(record.path("headline").asText()).isEqualTo("Markets move");
        });
    }

    /** Opens {@code variable} (keeping "echoed", emitting "echo"), sends {"hello":"world"} and returns the echo's record. */
    private JsonNode echoOfHelloWorld(LiveVariable variable) throws Exception {
        variable.open();
        await(() -> variable.state() == VariableState.OPEN, "the variable is open");

        variable.send("{\"hello\":\"world\"}").get(5, TimeUnit.SECONDS);

        await(() -> variable.dataset().size() == 1, "the echo arrived");
        return variable.dataset().snapshot().get(0);
    }

    @Test
    void aMessageSentFromTheVariableIsEmittedAsItsEventAndIsLoggedAsThatFrame() throws Exception {
        var variable = variable(List.of("echoed"), "echo");

        var echoed = echoOfHelloWorld(variable);

        assertThat(echoed.path("hello").asText()).isEqualTo("world");
        assertThat(echoed.path("event").asText()).isEqualTo("echoed");
        // The inspector's frame log shows the emit as it went on the wire, not the words typed.
        assertThat(variable.frames()).filteredOn(frame -> frame.direction() == RawFrame.Direction.OUT)
                .extracting(RawFrame::text).containsExactly("42[\"echo\",{\"hello\":\"world\"}]");
    }

    @Test
    void aNamespaceInTheUrlIsConnectedAndOnlyItsEventsBecomeRecordsWhicheverWayTheUrlNamesIt() throws Exception {
        // As the socket.io JavaScript client reads io("ws://host/admin"); and after an explicit Engine.IO path.
        var byPath = variable(server.url() + "admin", List.of(), "", Map.of(), ReconnectPolicy.disabled());
        var afterEngineIoPath = variable(server.url() + "socket.io/admin/", List.of(), "", Map.of(), ReconnectPolicy.disabled());

        byPath.open();
        afterEngineIoPath.open();
        await(() -> byPath.dataset().size() >= 5 && afterEngineIoPath.dataset().size() >= 5, "admin ticks arrived on both");

        for (var variable : List.of(byPath, afterEngineIoPath)) {
            // The default namespace's ACME ticks and news never arrive: only /admin's.
            assertThat(variable.dataset().snapshot()).allSatisfy(record -> {
                assertThat(record.path("event").asText()).isEqualTo("tick");
                assertThat(record.path("symbol").asText()).isEqualTo("ADMIN");
            });
        }
    }

    @Test
    void anEmitFromANamespacedVariableReachesThatNamespaceAndIsLoggedWithIt() throws Exception {
        var variable = variable(server.url() + "admin", List.of("echoed"), "echo", Map.of(), ReconnectPolicy.disabled());

        var echoed = echoOfHelloWorld(variable);

        assertThat(echoed.path("namespace").asText()).isEqualTo("/admin");
        assertThat(echoed.path("payload").path("hello").asText()).isEqualTo("world");
        assertThat(variable.frames()).filteredOn(frame -> frame.direction() == RawFrame.Direction.OUT)
                .extracting(RawFrame::text).containsExactly("42/admin,[\"echo\",{\"hello\":\"world\"}]");
    }

    @Test
    void aNamespaceTheServerRefusesIsAClearReasonNamingIt() throws Exception {
        var variable = variable(server.url() + "nowhere", List.of(), "", Map.of(), ReconnectPolicy.disabled());

        variable.open();
        await(() -> variable.state() == VariableState.FAILED, "the variable failed");

        assertThat(variable.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("The Socket.IO server refused the connection to the namespace /nowhere: Invalid namespace"));
    }

    @Test
    void aRefusedAuthIsAClearReasonAndTheTokenIsSentInTheConnect() throws Exception {
        try (var guarded = new SocketIoServer(Map.of("TOKEN", "t0ken-secret"))) {
            var refused = variable(guarded.url(), List.of(), "", Map.of("token", "wrong-token"), ReconnectPolicy.disabled());
            var admitted = variable(guarded.url(), List.of("news"), "", Map.of("token", "t0ken-secret"), ReconnectPolicy.disabled());

            refused.open();
            admitted.open();
            await(() -> refused.state() == VariableState.FAILED, "the refused variable failed");
            await(() -> admitted.dataset().size() > 0, "the admitted variable has news");

            assertThat(refused.failure()).hasValueSatisfying(reason ->
                    assertThat(reason).contains("The Socket.IO server refused the connection: not authorized"));
            assertThat(admitted.events()).noneMatch(event -> event.detail().contains("t0ken-secret"));
        }
    }

    @Test
    void whenTheServerRestartsOnTheSamePortTheVariableReconnectsAndItsEventsResume() throws Exception {
        var restarting = new SocketIoServer(Map.of());
        try {
            var variable = variable(restarting.url(), List.of("news"), "", Map.of(), QUICK_RECONNECT);
            variable.open();
            await(() -> variable.dataset().size() > 0, "news arrived");

            restarting.close();
            await(() -> variable.events().stream().anyMatch(event -> event.type() == VariableEvent.Type.CLOSE),
                    "the variable saw the server go");
            int before = variable.dataset().size();
            restarting = new SocketIoServer(Map.of("PORT", Integer.toString(restarting.port())));

            var restarted = restarting;
            await(() -> restarted.connections() == 1 && variable.dataset().size() >= before + 2,
                    "news arrived from the restarted server");
            assertThat(variable.state()).isEqualTo(VariableState.OPEN);
            assertThat(variable.events()).anyMatch(event -> event.type() == VariableEvent.Type.RECONNECT);
            // The event choice holds on the new connection too.
            assertThat(variable.dataset().snapshot()).allSatisfy(record -> assertThat(record.path("event").asText()).isEqualTo("news"));
        } finally {
            restarting.close();
        }
    }

    @Test
    void aServerThatFallsSilentIsDroppedAfterPingIntervalPlusPingTimeout() throws Exception {
        try (var hanging = new SocketIoServer(Map.of())) {
            var variable = variable(hanging.url(), List.of("news"), "", Map.of(), ReconnectPolicy.disabled());
            variable.open();
            await(() -> variable.dataset().size() > 0, "news arrived");

            hanging.freeze();

            // pingInterval 300 ms + pingTimeout 1500 ms without a ping: the connection is lost.
            await(() -> variable.events().stream().anyMatch(event -> event.type() == VariableEvent.Type.CLOSE),
                    "the silent connection was dropped");
            assertThat(variable.events()).anySatisfy(event -> {
                assertThat(event.type()).isEqualTo(VariableEvent.Type.CLOSE);
                assertThat(event.detail()).contains("within 1800 ms", UpstreamConnection.CONNECTION_LOST);
            });
        }
    }
}
