package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.variable.domain.InsertStrategy;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import org.socketboard.upstream.UpstreamClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveVariableTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    // Pings every 200 ms: they end connections that went silent.
    private static final ConnectionLimits FAST = new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ofMillis(200));
    /** Once dropped, a variable waits 30 s before reconnecting: long enough to be seen reconnecting. */
    private static final ReconnectPolicy SLOW_RECONNECT = new ReconnectPolicy(true, Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
    private static final String NOT_SENT_RECONNECTING = "the connection is closing or reconnecting; try again when it is open";

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<LiveVariable> variables = new ArrayList<>();
    private final List<LoopbackWebSocketServer> servers = new ArrayList<>();
    /** Asked before each connect of the variables made after it is set; admits everything unless a test says otherwise. */
    private ConnectGuard guard = uri -> () -> { };

    LiveVariableTest() {
        // So that a cancelled reconnect timer leaves the queue, and the tests can see it is gone.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        for (LoopbackWebSocketServer server : servers) {
            server.close();
        }
        scheduler.shutdownNow();
    }

    private LoopbackWebSocketServer serve(LoopbackWebSocketServer server) {
        servers.add(server);
        return server;
    }

    private LiveVariable variable(URI uri, String recordPath, String requestBody, List<String> sendOnOpen,
                                  ReconnectPolicy reconnect, ConnectionLimits limits) {
        var spec = new LiveVariableSpec("test", uri, Map.of(), List.of(), recordPath, InsertStrategy.ADD_LAST, 100,
                null, requestBody, sendOnOpen, reconnect, limits);
        var variable = new LiveVariable(spec, CLIENT, guard, Clock.systemUTC(), scheduler);
        variables.add(variable);
        return variable;
    }

    private LiveVariable variable(URI uri) {
        return variable(uri, "", "", List.of(), ReconnectPolicy.disabled(), FAST);
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    private static void awaitState(LiveVariable variable, VariableState state) {
        await(() -> variable.state() == state, "the variable is " + state + " (it is " + variable.state() + ")");
    }

    private static List<String> texts(LiveVariable variable, String field) {
        return variable.dataset().snapshot().stream().map(r -> r.path(field).asText()).toList();
    }

    @Test
    void anOpenVariableSendsItsRequestBodyAndKeepsTheRecordsOfTheAnswer() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/echo"), "/ticks",
                "{\"ticks\":[{\"symbol\":\"ACME\",\"price\":1},{\"symbol\":\"INITECH\",\"price\":2}]}",
                List.of(), ReconnectPolicy.disabled(), FAST);
        var states = new CopyOnWriteArrayList<VariableState>();
        variable.onStateChange(states::add);

        assertThat(variable.open()).isTrue();
        awaitState(variable, VariableState.OPEN);
        variable.send().get(5, TimeUnit.SECONDS);

        await(() -> variable.dataset().size() == 2, "both records arrived");
        assertThat(texts(variable, "symbol")).containsExactly("ACME", "INITECH");
        assertThat(variable.stats().messagesReceived()).isEqualTo(1);
        assertThat(variable.stats().messagesSent()).isEqualTo(1);

        variable.close().get(5, TimeUnit.SECONDS);

        assertThat(server.nextPeer().nextCloseCode()).isEqualTo(1000);
        assertThat(states).containsExactly(VariableState.CONNECTING, VariableState.OPEN, VariableState.CLOSED);
    }

    @Test
    void theMessagesToSendOnOpenAreSentInOrderAndAValueIsSentAsJson() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"), "", "",
                List.of("{\"action\":\"login\"}", "{\"action\":\"subscribe\",\"symbols\":[\"ACME\"]}"),
                ReconnectPolicy.disabled(), FAST);

        variable.open();
        var peer = server.nextPeer();

        assertThat(peer.nextReceived()).isEqualTo("{\"action\":\"login\"}");
        assertThat(peer.nextReceived()).isEqualTo("{\"action\":\"subscribe\",\"symbols\":[\"ACME\"]}");
        variable.send(Map.of("action", "ping")).get(5, TimeUnit.SECONDS);
        assertThat(peer.nextReceived()).isEqualTo("{\"action\":\"ping\"}");
    }

    @Test
    void eventsFireInOrderAndTheBeforeEventsCanVetoEditTransformAndDrop() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"));
        var fired = new CopyOnWriteArrayList<String>();
        var vetoes = new ArrayList<>(List.of("open", "close"));
        variable.addListener(new VariableListener() {
            @Override
            public void beforeOpen(LiveVariable v, Veto veto) {
                fired.add("beforeOpen");
                if (vetoes.remove("open")) {
                    veto.veto("not during maintenance");
                }
            }

            @Override
            public void open(LiveVariable v) {
                fired.add("open");
            }

            @Override
            public String beforeSend(LiveVariable v, String message, Veto veto) {
                fired.add("beforeSend");
                if (message.contains("secret")) {
                    veto.veto("no secrets upstream");
                }
                return message.replace("\"v\":1", "\"v\":1,\"edited\":true");
            }

            @Override
            public JsonNode messageReceive(LiveVariable v, JsonNode message) {
                fired.add("messageReceive");
                return message.path("drop").asBoolean() ? null : ((ObjectNode) message).put("seen", true);
            }

            @Override
            public void beforeClose(LiveVariable v, Veto veto) {
                fired.add("beforeClose");
                if (vetoes.remove("close")) {
                    veto.veto("still needed");
                }
            }

            @Override
            public void close(LiveVariable v, int code, String reason) {
                fired.add("close " + code);
            }
        });

        assertThat(variable.open()).isFalse();
        assertThat(variable.state()).isEqualTo(VariableState.CLOSED);
        variable.open();
        awaitState(variable, VariableState.OPEN);
        variable.send("{\"v\":1}").get(5, TimeUnit.SECONDS);
        await(() -> fired.contains("messageReceive"), "the first echo arrived");
        assertThatThrownBy(() -> variable.send("{\"secret\":1}").get()).hasMessageContaining("no secrets upstream");
        variable.send("{\"drop\":true}").get(5, TimeUnit.SECONDS);
        await(() -> fired.stream().filter("messageReceive"::equals).count() == 2, "both echoes arrived");
        assertThatThrownBy(() -> variable.close().get()).hasMessageContaining("still needed");
        variable.close().get(5, TimeUnit.SECONDS);
        await(() -> fired.contains("close 1000"), "the close event fired");

        assertThat(fired).containsExactly("beforeOpen", "beforeOpen", "open", "beforeSend", "messageReceive",
                "beforeSend", "beforeSend", "messageReceive", "beforeClose", "beforeClose", "close 1000");
        assertThat(variable.dataset().snapshot()).hasSize(1);
        assertThat(variable.dataset().snapshot().get(0).toString()).isEqualTo("{\"v\":1,\"edited\":true,\"seen\":true}");
        assertThat(variable.events()).extracting(VariableEvent::detail)
                .contains("vetoed: not during maintenance", "refused: no secrets upstream", "dropped by a listener", "vetoed: still needed");
        assertThat(variable.events().get(0).type()).isEqualTo(VariableEvent.Type.CLOSE);
    }

    /** The reason a send failed, as the send box shows it after "Not sent: ". */
    private static String sendFailure(LiveVariable variable, String message) {
        var send = variable.send(message);
        assertThat(send).failsWithin(Duration.ofSeconds(5));
        return send.handle((sent, error) -> error).join().getMessage();
    }

    @Test
    void aSendOnAConnectionThatDropsWhileItIsSentSaysSoInOnePlainSentence() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = openOn(server, SLOW_RECONNECT);
        variable.addListener(new VariableListener() {
            @Override
            public String beforeSend(LiveVariable v, String message, Veto veto) {
                // The server goes between the send's start and its write.
                try {
                    server.stop();
                    awaitState(v, VariableState.RECONNECTING);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return message;
            }
        });

        assertThat(sendFailure(variable, "{\"n\":1}")).isEqualTo(NOT_SENT_RECONNECTING);
    }

    @Test
    void aSendWhileReconnectingOrClosedSaysSoInOnePlainSentence() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = openOn(server, SLOW_RECONNECT);
        server.stop();
        awaitState(variable, VariableState.RECONNECTING);

        assertThat(sendFailure(variable, "{\"n\":1}")).isEqualTo(NOT_SENT_RECONNECTING);

        variable.close().get(5, TimeUnit.SECONDS);
        assertThat(sendFailure(variable, "{\"n\":2}")).startsWith("the variable is closed")
                .doesNotContain("CLOSED", "Exception", ". ");
    }

    @Test
    void aListenerThatThrowsNeverStopsTheFeed() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"));
        variable.addListener(new VariableListener() {
            @Override
            public void open(LiveVariable v) {
                throw new IllegalStateException("broken open listener");
            }

            @Override
            public JsonNode messageReceive(LiveVariable v, JsonNode message) {
                throw new IllegalStateException("broken receive listener");
            }
        });

        variable.open();
        awaitState(variable, VariableState.OPEN);
        variable.send("{\"n\":1}").get(5, TimeUnit.SECONDS);

        await(() -> variable.dataset().size() == 1, "the record arrived despite the listener");
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }

    @Test
    void aMessageThatFailsToDecodeIsCountedWhileTheGoodRecordsAreKept() throws Exception {
        var server = serve(new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("{\"n\":1}");
                peer.sendText("{\"n\":");
                peer.sendBinary(new byte[]{(byte) 0xFF, (byte) 0xFE});
                peer.sendText("{\"n\":2}");
            }
        }));
        var variable = variable(server.uri("/"));

        variable.open();

        await(() -> variable.dataset().size() == 2, "the good records arrived");
        assertThat(texts(variable, "n")).containsExactly("1", "2");
        VariableStats stats = variable.stats();
        assertThat(stats.decodeErrors()).isEqualTo(2);
        assertThat(stats.framesReceived()).isEqualTo(4);
        assertThat(stats.messagesReceived()).as("the documents decoded").isEqualTo(2);
        assertThat(variable.events()).filteredOn(e -> e.type() == VariableEvent.Type.ERROR).extracting(VariableEvent::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("Invalid JSON at line 1"))
                .anySatisfy(detail -> assertThat(detail).startsWith("The binary message is not UTF-8 text: at line 1, column 1"));
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }

    @Test
    void aMessageThatLooksLikeJsonButIsNotIsRefusedBeforeSendingWithTheReason() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"));
        variable.open();
        awaitState(variable, VariableState.OPEN);

        assertThatThrownBy(() -> variable.send("{\"action\": subscribe}").get())
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("Invalid JSON at line 1");
        variable.send("plain text is fine").get(5, TimeUnit.SECONDS);
        assertThat(server.nextPeer().nextReceived()).isEqualTo("plain text is fine");

        assertThatThrownBy(() -> variable(server.uri("/"), "", "", List.of("{\"ok\":1}", "[1,"), ReconnectPolicy.disabled(), FAST))
                .hasMessageStartingWith("Message 2 to send on open: Invalid JSON at line 1");
        assertThatThrownBy(() -> variable(server.uri("/"), "", "{oops}", List.of(), ReconnectPolicy.disabled(), FAST))
                .hasMessageStartingWith("The request body: Invalid JSON at line 1");
    }

    @Test
    void sendingWhileClosedIsRefusedWithTheState() {
        var variable = variable(URI.create("ws://127.0.0.1:1/"));

        assertThatThrownBy(() -> variable.send("hi").get()).hasMessageEndingWith(": the variable is closed: not opened yet");
        assertThatThrownBy(() -> variable.send().get()).hasMessageContaining("no request body");
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheConnectionWith1009AndTheVariableFails() throws Exception {
        var server = serve(new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("{\"big\":\"" + "x".repeat(200) + "\"}");
            }
        }));
        var variable = variable(server.uri("/"), "", "", List.of(), ReconnectPolicy.disabled(),
                new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 100, Duration.ZERO));

        variable.open();

        awaitState(variable, VariableState.FAILED);
        assertThat(variable.events()).extracting(VariableEvent::detail)
                .contains("1009 Message too big")
                .anySatisfy(detail -> assertThat(detail).startsWith("A message larger than 100"));
        assertThat(variable.dataset().size()).isZero();
        assertThat(variable.hasConnection()).isFalse();
    }

    @Test
    void theVariableReconnectsWhenTheServerComesBackAndSubscribesAgain() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"), "", "", List.of("{\"action\":\"subscribe\"}"),
                new ReconnectPolicy(true, Duration.ofMillis(40), Duration.ofMillis(150), 0), FAST);
        variable.open();
        assertThat(server.nextPeer().nextReceived()).isEqualTo("{\"action\":\"subscribe\"}");

        server.stop();
        awaitState(variable, VariableState.RECONNECTING);
        Thread.sleep(300); // the server stays away for a while, over several backoffs: part of the scenario
        server.start();

        awaitState(variable, VariableState.OPEN);
        assertThat(server.nextPeer().nextReceived()).isEqualTo("{\"action\":\"subscribe\"}");
        assertThat(variable.stats().reconnects()).isGreaterThanOrEqualTo(2);
        assertThat(variable.events()).extracting(VariableEvent::type).contains(VariableEvent.Type.RECONNECT);

        variable.close().get(5, TimeUnit.SECONDS);
        assertNothingLeftBehind(variable, server);
    }

    @Test
    void reconnectingGivesUpAfterTheMaximumAttempts() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"), "", "", List.of(),
                new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(30), 3), FAST);
        variable.open();
        awaitState(variable, VariableState.OPEN);

        server.stop();

        awaitState(variable, VariableState.FAILED);
        assertThat(variable.stats().reconnects()).isEqualTo(3);
        assertThat(variable.hasPendingReconnect()).isFalse();
        assertThat(scheduler.getQueue()).isEmpty();
    }

    @Test
    void closingWhileWaitingToReconnectCancelsTheTimerAndLeavesNothingBehind() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"), "", "", List.of(),
                new ReconnectPolicy(true, Duration.ofSeconds(30), Duration.ofSeconds(60), 0), FAST);
        variable.open();
        awaitState(variable, VariableState.OPEN);
        server.stop();
        awaitState(variable, VariableState.RECONNECTING);
        assertThat(variable.hasPendingReconnect()).isTrue();

        variable.close().get(5, TimeUnit.SECONDS);

        assertThat(variable.state()).isEqualTo(VariableState.CLOSED);
        assertNothingLeftBehind(variable, server);
    }

    @Test
    void theFrameLogKeepsTheNewestFramesFirstCutToAFewKilobytes() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = variable(server.uri("/"));
        variable.open();
        awaitState(variable, VariableState.OPEN);
        String big = "{\"blob\":\"" + "x".repeat(10_000) + "\"}";

        variable.send(big).get(5, TimeUnit.SECONDS);
        await(() -> variable.frames().size() == 2, "the echo was logged");

        List<RawFrame> frames = variable.frames();
        assertThat(frames).extracting(RawFrame::direction).containsExactly(RawFrame.Direction.IN, RawFrame.Direction.OUT);
        assertThat(frames.get(0).size()).isEqualTo(big.length());
        assertThat(frames.get(0).text()).hasSize(LiveVariable.FRAME_TEXT_LIMIT + 1).endsWith("…");
    }

    private LiveVariable openOn(LoopbackWebSocketServer server) throws InterruptedException {
        return openOn(server, ReconnectPolicy.disabled());
    }

    private LiveVariable openOn(LoopbackWebSocketServer server, ReconnectPolicy reconnect) throws InterruptedException {
        var variable = variable(server.uri("/"), "", "", List.of(), reconnect, FAST);
        variable.open();
        awaitState(variable, VariableState.OPEN);
        return variable;
    }

    @Test
    void aSentFrameStaysInTheFrameLogAfterMoreFramesCameInThanTheLogHolds() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var variable = openOn(server);
        var peer = server.nextPeer();
        variable.send("{\"sent\":1}").get(5, TimeUnit.SECONDS);
        int received = LiveVariable.FRAME_LOG_SIZE + 50;

        for (int i = 0; i < received - 1; i++) { // the echo is one of them
            peer.sendText("{\"n\":" + i + "}");
        }
        await(() -> variable.stats().framesReceived() == received, "every frame came in");

        List<RawFrame> frames = variable.frames();
        assertThat(frames).hasSize(LiveVariable.FRAME_LOG_SIZE + 1);
        assertThat(frames.subList(0, LiveVariable.FRAME_LOG_SIZE)).extracting(RawFrame::direction)
                .containsOnly(RawFrame.Direction.IN);
        assertThat(frames.get(LiveVariable.FRAME_LOG_SIZE).text()).as("the sent frame, last: the oldest")
                .isEqualTo("{\"sent\":1}");
    }

    @Test
    void aRefusedConnectionWithoutReconnectFailsWithTheReason() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        URI gone = server.uri("/");
        server.stop();
        var variable = variable(gone);

        variable.open();

        awaitState(variable, VariableState.FAILED);
        assertThat(variable.events()).extracting(VariableEvent::detail)
                .contains("Connection refused by " + gone.getHost() + ":" + gone.getPort());
    }

    private void assertNothingLeftBehind(LiveVariable variable, LoopbackWebSocketServer server) throws InterruptedException {
        assertThat(variable.hasConnection()).isFalse();
        assertThat(variable.hasPendingReconnect()).isFalse();
        assertThat(scheduler.getQueue()).as("reconnect timers").isEmpty();
        await(() -> server.openConnections() == 0, "the server sees no open connection");
    }

    @Test
    void aVariableWithABadRecordPathOrHeaderIsRefusedWithTheReason() {
        assertThatThrownBy(() -> variable(URI.create("ws://127.0.0.1:1/"), "data.items", "", List.of(), ReconnectPolicy.disabled(), FAST))
                .hasMessageContaining("not a JSON Pointer");
        assertThatThrownBy(() -> new LiveVariable(new LiveVariableSpec("h", URI.create("ws://127.0.0.1:1/"), Map.of("Host", "x"),
                List.of(), "", InsertStrategy.ADD_LAST, 10, null, "", List.of(), null), CLIENT, guard, Clock.systemUTC(), scheduler))
                .hasMessageContaining("The header Host is set by the WebSocket client itself");
    }

    // ---- the connect guard: the connection policy at every connect and reconnect ----------------------

    private static ConnectionPolicy policy(boolean allowPrivate) {
        return new ConnectionPolicy(new ConnectionSettings(List.of(), List.of(), allowPrivate, Duration.ofSeconds(10),
                Duration.ofSeconds(10), DataSize.ofMegabytes(1), 200, 50, 20, null));
    }

    /** The production policy (no private addresses) in front of a variable; returns its event details. */
    private List<String> refusedDetails(URI uri) throws Exception {
        ConnectionPolicy production = policy(false);
        guard = address -> {
            production.check(address);
            return () -> { };
        };
        var variable = variable(uri);
        assertThat(variable.open()).isTrue();
        assertThat(variable.state()).isEqualTo(VariableState.FAILED);
        assertThat(variable.hasConnection()).as("no connection was attempted").isFalse();
        return variable.events().stream().filter(event -> event.type() == VariableEvent.Type.ERROR)
                .map(VariableEvent::detail).toList();
    }

    @Test
    void theConnectionPolicyRefusesMetadataLinkLocalAndLoopbackAddressesBeforeConnecting() throws Exception {
        assertThat(refusedDetails(URI.create("ws://169.254.169.254/latest/meta-data"))).containsExactly(
                "Not connected: Connections to 169.254.169.254 are not allowed: link-local / cloud metadata address");
        assertThat(refusedDetails(URI.create("ws://169.254.10.20/"))).containsExactly(
                "Not connected: Connections to 169.254.10.20 are not allowed: link-local address");
        var server = serve(LoopbackWebSocketServer.echo());
        assertThat(refusedDetails(URI.create("ws://localhost:" + server.port() + "/"))).singleElement().asString()
                .startsWith("Not connected: Connections to localhost (")
                .endsWith(") are not allowed: loopback address (socketboard.connect.allow-private is off)");
        assertThat(server.connectionsAccepted()).as("the server never saw a connection").isZero();
    }

    @Test
    void everyReconnectAsksThePolicyAgainWithTheAddressResolvedAnew() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var current = new AtomicReference<>(policy(true));
        var asked = new AtomicInteger();
        var held = new AtomicInteger();
        guard = uri -> {
            asked.incrementAndGet();
            current.get().check(uri);
            held.incrementAndGet();
            return held::decrementAndGet;
        };
        var variable = variable(server.uri("/"), "", "", List.of(),
                new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(40), 0), FAST);
        variable.open();
        awaitState(variable, VariableState.OPEN);
        assertThat(held.get()).isOne();

        current.set(policy(false)); // e.g. the name now resolves to a private address
        server.stop();
        await(() -> variable.events().stream().anyMatch(event -> event.detail().contains("loopback address")),
                "a reconnect is refused by the policy");
        assertThat(variable.state()).isEqualTo(VariableState.RECONNECTING);
        assertThat(held.get()).as("the ended connection gave its permit back").isZero();

        int askedWhileDown = asked.get();
        server.start();
        // Two attempts asked the policy with the server up (not a fixed sleep, which a slow machine outlasts).
        await(() -> asked.get() >= askedWhileDown + 2, "the policy was asked again with the server up");
        assertThat(variable.state()).as("still refused while the policy says no").isEqualTo(VariableState.RECONNECTING);
        assertThat(server.connectionsAccepted()).as("no connection got past the policy").isOne();
        current.set(policy(true));
        awaitState(variable, VariableState.OPEN);
        assertThat(asked.get()).isGreaterThanOrEqualTo(4);

        variable.close().get(5, TimeUnit.SECONDS);
        assertThat(held.get()).isZero();
        assertNothingLeftBehind(variable, server);
    }

    @Test
    void secretValuesAreMaskedInTheEventAndFrameLogsButSentForReal() throws Exception {
        var server = serve(LoopbackWebSocketServer.echo());
        var spec = new LiveVariableSpec("keyed", server.uri("/feed?api_key=k3y-secret"), Map.of(), List.of(), "",
                InsertStrategy.ADD_LAST, 10, null, "", List.of(), ReconnectPolicy.disabled(), FAST, Set.of("k3y-secret"));
        var variable = new LiveVariable(spec, CLIENT, guard, Clock.systemUTC(), scheduler);
        variables.add(variable);
        variable.open();
        assertThat(server.nextPeer().path).isEqualTo("/feed?api_key=k3y-secret");
        awaitState(variable, VariableState.OPEN);

        variable.send("{\"auth\":\"k3y-secret\"}").get(5, TimeUnit.SECONDS);
        await(() -> variable.frames().size() == 2, "the echo came back");

        assertThat(variable.frames()).extracting(RawFrame::text).containsOnly("{\"auth\":\"••••\"}");
        assertThat(variable.events()).extracting(VariableEvent::detail)
                .contains("ws://127.0.0.1:" + server.port() + "/feed?api_key=••••")
                .noneMatch(detail -> detail.contains("k3y-secret"));
    }
}
