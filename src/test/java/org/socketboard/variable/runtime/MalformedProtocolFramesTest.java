package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.Delivery;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Servers on loopback that send hand-made Socket.IO packets and STOMP frames, malformed ones among good
 * ones: each bad one is a counted decode error with a reason in plain words (no Java, Spring or Jackson
 * names), the good ones still become records, and the server ending a session the way a reconnect mends
 * (Engine.IO close, a STOMP ERROR to our SEND) is reconnected after, never given up on.
 */
class MalformedProtocolFramesTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(5), Duration.ofMillis(500),
            64 * 1024, Duration.ZERO);
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(200), 0);
    private static final String OPEN = "0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}";
    private static final String GOOD_EVENT = "42[\"tick\",{\"price\":1}]";
    private static final String GOOD_MESSAGE = "MESSAGE\ndestination:/topic/a\nsubscription:sub-0\nmessage-id:1\n"
            + "content-type:application/json\n\n{\"price\":1}\0";
    /** What must never reach people: Java, Spring or Jackson names, stack-trace words. */
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "java\\.|javax\\.|springframework|jackson|fasterxml|Exception|No enum constant|StompCommand|JsonNode|\\bat org\\.");

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private LoopbackWebSocketServer server;
    private final List<LiveVariable> variables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        scheduler.shutdownNow();
    }

    private LiveVariable serve(Protocol protocol, String path, BiConsumer<LoopbackWebSocketServer.Peer, String> onText,
                               String... openFrames) throws IOException {
        server = LoopbackWebSocketServer.speaking(protocol, connections, (peer, text) -> {
            received.add(text);
            onText.accept(peer, text);
        }, openFrames);
        // STOMP subscribes to /topic/a; Socket.IO keeps every event.
        var settings = new ProtocolSettings(protocol, Map.of(), protocol == Protocol.STOMP ? List.of("/topic/a") : List.of(),
                "/topic/in", Duration.ZERO);
        var spec = new LiveVariableSpec("malformed", server.uri(path), Map.of(), List.of(), "", InsertStrategy.ADD_LAST,
                100, null, "", List.of(), QUICK, LIMITS, Set.of(), null, false, settings);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        variable.open();
        return variable;
    }

    private static List<String> details(LiveVariable variable, VariableEvent.Type type) {
        return variable.events().stream().filter(event -> event.type() == type).map(VariableEvent::detail).toList();
    }

    /** A Socket.IO server that confirms the namespace, then sends {@code frames} (strings as text, byte arrays as binary). */
    private LiveVariable socketIoSending(Object... frames) throws IOException {
        return serve(Protocol.SOCKET_IO, "/socket.io/", (peer, text) -> {
            if (text.startsWith("40")) {
                peer.sendText("40{\"sid\":\"y\"}");
                for (Object frame : frames) {
                    if (frame instanceof byte[] bytes) {
                        peer.sendBinary(bytes);
                    } else {
                        peer.sendText((String) frame);
                    }
                }
            }
        }, OPEN);
    }

    @Test
    void malformedSocketIoPacketsAreEachCountedAsADecodeErrorWithAReasonAndGoodEventsStillArrive() throws Exception {
        List<Object> malformed = List.of("42{}", "42[]", "4X", "42[\"tick\",{\"price\":2}]trailing text", "42[1,2]",
                "42abc[\"tick\",{}]", "42[\"tick\",{bad json}]", "4", "9", "451-[\"tick\",{\"_placeholder\":true,\"num\":0}]",
                new byte[] {4, 1, 2, 3}, "42[\"tick\",{\"price\":3}]".getBytes(StandardCharsets.UTF_8));
        List<Object> frames = new ArrayList<>(malformed);
        frames.add(GOOD_EVENT);
        var variable = socketIoSending(frames.toArray());

        await().atMost(Duration.ofSeconds(10)).until(() -> variable.dataset().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> variable.stats().decodeErrors() == malformed.size());

        assertThat(variable.dataset().snapshot().get(0).path("price").asInt()).as("only the good event").isEqualTo(1);
        List<String> errors = details(variable, VariableEvent.Type.ERROR);
        assertThat(errors).contains("A Socket.IO event is not an array of its name and data",
                "A Socket.IO event does not start with its name",
                "A Socket.IO event has text after its closing bracket",
                "The Socket.IO server sent a packet of unknown type \"X\"",
                "The Socket.IO server sent a packet of unknown type \"9\"",
                "The Socket.IO server sent a message packet without a Socket.IO packet in it",
                "The Socket.IO server sent a binary event, which is not read (binary events are not supported)",
                "The Socket.IO server sent binary data, which is not read (binary events are not supported)");
        assertThat(errors).allSatisfy(error -> assertThat(error).doesNotContainPattern(JAVA_NAMES));
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }

    /**
     * Each session is ended by the server after an event: more ends than the permanent-failure attempts. An
     * Engine.IO close, and a connect error after events (a session the server's middleware turned on), end a
     * working session; neither is a refusal given up on.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1                                   | The Socket.IO server closed the session",
            "44{\"message\":\"Session expired\"} | The Socket.IO server ended the connection: Session expired"})
    void aSessionTheSocketIoServerEndsAfterAnEventIsReconnectedAfterNotGivenUpOn(String end, String reason) throws Exception {
        var variable = serve(Protocol.SOCKET_IO, "/socket.io/", (peer, text) -> {
            if (text.startsWith("40")) {
                peer.sendText("40{\"sid\":\"y\"}");
                peer.sendText(GOOD_EVENT);
                peer.sendText(end);
            }
        }, OPEN);

        await().atMost(Duration.ofSeconds(15)).until(() -> connections.get() > ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 1);

        assertThat(variable.state()).isNotEqualTo(VariableState.FAILED);
        assertThat(details(variable, VariableEvent.Type.ERROR)).contains(reason)
                .noneMatch(detail -> detail.startsWith("Gave up"));
        assertThat(details(variable, VariableEvent.Type.CLOSE)).first().asString().startsWith("1000 ");
        assertThat(variable.dataset().size()).isGreaterThan(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
    }

    @Test
    void aSecondOpenPacketIsIgnoredAndTheNamespaceIsConnectedOnce() throws Exception {
        var variable = serve(Protocol.SOCKET_IO, "/socket.io/", (peer, text) -> {
            if (text.startsWith("40")) {
                peer.sendText(OPEN);
                peer.sendText("40{\"sid\":\"y\"}");
                peer.sendText(OPEN);
                peer.sendText(GOOD_EVENT);
            }
        }, OPEN);

        await().atMost(Duration.ofSeconds(10)).until(() -> variable.dataset().size() == 1);

        assertThat(received.stream().filter(frame -> frame.startsWith("40"))).hasSize(1);
        assertThat(variable.stats().decodeErrors()).isZero();
        assertThat(connections.get()).isEqualTo(1);
    }

    /** A STOMP server that answers CONNECT, then sends {@code frames} and a good MESSAGE. */
    private LiveVariable stompSending(String... frames) throws IOException {
        return serve(Protocol.STOMP, "/stomp", (peer, text) -> {
            if (text.startsWith("CONNECT\n")) {
                peer.sendText("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
                for (String frame : frames) {
                    peer.sendText(frame);
                }
                peer.sendText(GOOD_MESSAGE);
            }
        });
    }

    @Test
    void unreadableStompFramesAreCountedDecodeErrorsThatSayWhatWasWrong() throws Exception {
        String headers = "MESSAGE\ndestination:/topic/a\nsubscription:sub-0\nmessage-id:2\n";
        var variable = stompSending(
                headers.replace("/topic/a", "/topic\\xa") + "\n{\"price\":2}\0",
                headers + "\nab\0cd\0",
                headers + "content-length:100\n\n{\"price\":3}\0" + "\n",
                headers + "content-type:text/plain;charset=no-such-charset\n\nhello\0",
                "BOGUS\n\n\0");

        await().atMost(Duration.ofSeconds(10)).until(() -> variable.dataset().size() >= 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> variable.stats().decodeErrors() >= 4);

        List<String> errors = details(variable, VariableEvent.Type.ERROR);
        assertThat(errors).anyMatch(error -> error.contains("The header \"destination\" of a MESSAGE frame has the escape \\x,"
                + " which STOMP does not have"));
        assertThat(errors).anyMatch(error -> error.contains("The text after a MESSAGE frame starts with \"cd\", which is not"
                + " a STOMP command (a body that holds a NUL byte needs a content-length header)"));
        assertThat(errors).anyMatch(error -> error.contains("The content-length of a MESSAGE frame says 100 bytes"));
        assertThat(errors).anyMatch(error -> error.contains("names the character set \"no-such-charset\", which is not known"));
        assertThat(errors).noneMatch(error -> error.contains("not a STOMP endpoint"));
        assertThat(errors).allSatisfy(error -> assertThat(error).startsWith("A STOMP frame could not be read: ")
                .doesNotContainPattern(JAVA_NAMES));
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }

    @Test
    void aFirstAnswerThatIsNotStompIsRefusedSayingWhatWasWrong() throws Exception {
        var variable = serve(Protocol.STOMP, "/stomp", (peer, text) -> peer.sendText("HELLO\nthere\n\n\0"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !details(variable, VariableEvent.Type.ERROR).isEmpty());

        assertThat(details(variable, VariableEvent.Type.ERROR).get(0)).isEqualTo("The server's answer is not STOMP: A frame"
                + " starts with \"HELLO\", which is not a STOMP command. Is this a STOMP endpoint?");
    }

    @Test
    void aStompErrorStraightAfterOurSendRefusesThatSendAndTheVariableReconnectsInsteadOfGivingUp() throws Exception {
        // An ERROR without receipt-id: the send waiting for its receipt is the one it answers.
        var variable = serve(Protocol.STOMP, "/stomp", (peer, text) -> {
            if (text.startsWith("CONNECT\n")) {
                peer.sendText("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
            } else if (text.startsWith("SEND\n")) {
                peer.sendText("ERROR\nmessage:Read-only topic\n\n\0");
                peer.sendClose(1002, "");
            }
        });
        for (int send = 1; send <= ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 1; send++) {
            int sessions = send;
            await().atMost(Duration.ofSeconds(10)).until(() -> variable.state() == VariableState.OPEN
                    && details(variable, VariableEvent.Type.OPEN).size() == sessions);

            assertThatThrownBy(() -> variable.send("{\"n\":1}").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageEndingWith("The STOMP server refused the message: Read-only topic");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> variable.state() == VariableState.OPEN);
        assertThat(details(variable, VariableEvent.Type.ERROR)).noneMatch(detail -> detail.startsWith("Gave up"));
        assertThat(received.stream().filter(frame -> frame.startsWith("SEND\n")))
                .allSatisfy(frame -> assertThat(frame).containsPattern("\nreceipt:send-\\d+\n"));
    }

    @Test
    void aStompErrorAfterMessagesIsTheEndOfTheSessionReconnectedAfterNotARefusalGivenUpOn() throws Exception {
        // A broker that drops its sessions after serving them (a restart, a deleted queue): each session sends
        // a MESSAGE, then an ERROR, then closes — more sessions than a refusal is retried.
        var variable = serve(Protocol.STOMP, "/stomp", (peer, text) -> {
            if (text.startsWith("CONNECT\n")) {
                peer.sendText("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
                peer.sendText(GOOD_MESSAGE);
                peer.sendText("ERROR\nmessage:Broker shutting down\n\n\0");
                peer.sendClose(1000, "");
            }
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> connections.get() > ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 2);

        assertThat(variable.state()).isNotEqualTo(VariableState.FAILED);
        assertThat(details(variable, VariableEvent.Type.ERROR)).contains("The STOMP server sent an ERROR: Broker shutting down")
                .noneMatch(detail -> detail.startsWith("Gave up"));
        assertThat(variable.dataset().size()).isGreaterThan(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
    }

    @Test
    void aSendTheServerConfirmsIsConfirmedAndOneItNeverAnswersIsOnlyWritten() throws Exception {
        var variable = serve(Protocol.STOMP, "/stomp", (peer, text) -> {
            if (text.startsWith("CONNECT\n")) {
                peer.sendText("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
            } else if (text.contains("\"confirm\":true")) {
                String receipt = text.replaceAll("(?s).*\nreceipt:([^\n]*)\n.*", "$1");
                peer.sendText("RECEIPT\nreceipt-id:" + receipt + "\n\n\0");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> variable.state() == VariableState.OPEN);

        assertThat(variable.send("{\"confirm\":true}").get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.CONFIRMED);
        assertThat(variable.send("{\"confirm\":false}").get(10, TimeUnit.SECONDS)).isEqualTo(Delivery.UNCONFIRMED);
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }
}
