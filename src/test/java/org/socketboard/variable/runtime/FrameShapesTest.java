package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import org.socketboard.upstream.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Frames shaped as real services send them (issue 12: several documents per frame, what Python's
 * {@code json} and the browser read, plain text), from a loopback WebSocket server into a live
 * variable: which records it keeps and which decode errors it counts.
 */
class FrameShapesTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        scheduler.shutdownNow();
    }

    /** A server that sends these frames (text, or binary for a byte[]) to each connection, then the end marker. */
    private LoopbackWebSocketServer feed(Object... frames) throws IOException {
        var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                for (Object frame : frames) {
                    if (frame instanceof byte[] bytes) {
                        peer.sendBinary(bytes);
                    } else {
                        peer.sendText((String) frame);
                    }
                }
                peer.sendText("{\"end\":true}");
            }
        });
        resources.add(server);
        return server;
    }

    /** Opens a variable on the feed and waits until the end marker has arrived. */
    private LiveVariable readAll(LoopbackWebSocketServer server, String recordPath, InsertStrategy strategy) {
        var spec = new LiveVariableSpec("shapes", server.uri("/"), Map.of(), List.of(), recordPath, strategy, 100,
                null, "", List.of(), ReconnectPolicy.disabled(), LIMITS);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        resources.add(() -> variable.close().get(5, TimeUnit.SECONDS));
        var last = new AtomicBoolean();
        variable.addListener(new VariableListener() {
            @Override
            public JsonNode messageReceive(LiveVariable v, JsonNode message) {
                if (message.path("end").asBoolean()) {
                    last.set(true);
                    return null;
                }
                return message;
            }
        });
        variable.open();
        await().atMost(WAIT).untilTrue(last);
        return variable;
    }

    private LiveVariable readAll(LoopbackWebSocketServer server) {
        return readAll(server, "", InsertStrategy.ADD_LAST);
    }

    private static List<JsonNode> records(LiveVariable variable) {
        return variable.dataset().snapshot();
    }

    private static List<JsonNode> json(String... texts) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String text : texts) {
            nodes.add(JSON.readTree(text));
        }
        return nodes;
    }

    private static List<String> errors(LiveVariable variable) {
        List<String> newestFirst = variable.events().stream().filter(event -> event.type() == VariableEvent.Type.ERROR)
                .map(VariableEvent::detail).collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    static Stream<Arguments> severalDocumentsPerFrame() {
        return Stream.of(
                arguments("newline-delimited", "{\"seq\":1,\"v\":10}\n{\"seq\":2,\"v\":11}\n", "",
                        List.of("{\"seq\":1,\"v\":10}", "{\"seq\":2,\"v\":11}")),
                arguments("concatenated", "{\"seq\":3,\"v\":12}{\"seq\":4,\"v\":13}", "",
                        List.of("{\"seq\":3,\"v\":12}", "{\"seq\":4,\"v\":13}")),
                arguments("CRLF and blank lines", "\r\n{\"seq\":5}\r\n\r\n{\"seq\":6}\r\n", "",
                        List.of("{\"seq\":5}", "{\"seq\":6}")),
                arguments("spaces and tabs", "{\"seq\":7} \t {\"seq\":8}", "", List.of("{\"seq\":7}", "{\"seq\":8}")),
                arguments("arrays in sequence", "[{\"seq\":9},{\"seq\":10}][{\"seq\":11}]", "",
                        List.of("{\"seq\":9}", "{\"seq\":10}", "{\"seq\":11}")),
                arguments("scalars in sequence", "1 2.5 \"three\"", "",
                        List.of("{\"value\":1}", "{\"value\":2.5}", "{\"value\":\"three\"}")),
                arguments("each through the record path", "{\"data\":[{\"seq\":12}]}\n{\"data\":[{\"seq\":13},{\"seq\":14}]}",
                        "/data", List.of("{\"seq\":12}", "{\"seq\":13}", "{\"seq\":14}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalDocumentsPerFrame")
    void eachDocumentOfAFrameIsAMessageOfItsOwn(String kind, String frame, String recordPath, List<String> expected) throws Exception {
        var variable = readAll(feed(frame), recordPath, InsertStrategy.ADD_LAST);

        assertThat(records(variable)).isEqualTo(json(expected.toArray(String[]::new)));
        assertThat(variable.stats().decodeErrors()).isZero();
    }

    @Test
    void underRefreshEachDocumentReplacesTheDatasetInTurn() throws Exception {
        var variable = readAll(feed("{\"data\":[{\"p\":1},{\"p\":2}]}\n{\"data\":[{\"p\":3}]}\n"), "/data", InsertStrategy.REFRESH);

        assertThat(records(variable)).isEqualTo(json("{\"p\":3}"));
        assertThat(variable.dataset().version()).as("one change per document").isEqualTo(2);
    }

    @Test
    void aBadDocumentAmongGoodOnesIsOneDecodeErrorAndTheGoodOnesAreKept() throws Exception {
        var variable = readAll(feed("{\"seq\":1}\n{\"seq\":2,\"v\":}\n{\"seq\":3}\n", "{\"seq\":4}{\"seq\":5,}{\"seq\":6}"));

        assertThat(records(variable)).isEqualTo(json("{\"seq\":1}", "{\"seq\":3}", "{\"seq\":4}"));
        assertThat(variable.stats().decodeErrors()).isEqualTo(2);
        assertThat(errors(variable)).containsExactly(
                "Invalid JSON at line 2, column 14: a value was expected, found “}”, near “{\"seq\":2,\"v\":}”",
                "Invalid JSON at line 1, column 19: a comma before } is not allowed (trailing comma), near “{\"seq\":4}{\"seq\":5,}{\"seq\":6}”");
    }

    @Test
    void theCountersCountEachDocumentAsAMessageAndEachFrameOnce() throws Exception {
        var variable = readAll(feed("{\"seq\":1}\n{\"seq\":2}\n{\"seq\":3}\n", "{\"seq\":4}{\"seq\":5,}{\"seq\":6}", "{\"seq\":"));

        VariableStats stats = variable.stats();
        assertThat(stats.framesReceived()).as("the three frames and the end marker").isEqualTo(4);
        assertThat(stats.messagesReceived()).as("1, 2, 3, 4 and the end marker").isEqualTo(5);
        assertThat(stats.decodeErrors()).isEqualTo(2);
    }

    @Test
    void notANumberAndInfinityAsPythonWritesThemAreReadAsNull() throws Exception {
        var variable = readAll(feed("{\"seq\":1,\"loss\":NaN,\"acc\":0.91}", "{\"loss\":Infinity,\"grad\":-Infinity}",
                "{\"step\":2,\"loss\":0.7}\n{\"step\":3,\"loss\":NaN}\n", "{\"big\":1e400}", "[NaN,1.5]"));

        assertThat(records(variable)).isEqualTo(json("{\"seq\":1,\"loss\":null,\"acc\":0.91}", "{\"loss\":null,\"grad\":null}",
                "{\"step\":2,\"loss\":0.7}", "{\"step\":3,\"loss\":null}", "{\"big\":null}", "{\"value\":null}", "{\"value\":1.5}"));
        assertThat(variable.stats().decodeErrors()).isZero();
    }

    @Test
    void aByteOrderMarkAndBrokenUtf8InsideJsonAreReadAsTheBrowserReadsThem() throws Exception {
        byte[] withBom = "\uFEFF{\"city\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8);
        byte[] brokenUtf8 = {'{', '"', 'c', 'i', 't', 'y', '"', ':', '"', 'Z', (byte) 0xFC, 'r', 'i', 'c', 'h', '"', '}'};

        var variable = readAll(feed(withBom, "\uFEFF{\"n\":1}", brokenUtf8));

        assertThat(records(variable)).isEqualTo(json("{\"city\":\"Zürich\"}", "{\"n\":1}", "{\"city\":\"Z\uFFFDrich\"}"));
    }

    @Test
    void whatPythonAndTheBrowserRefuseIsADecodeError() throws Exception {
        var variable = readAll(feed("{'a':1}", "{\"a\":1,}", "{\"a\":1 /* note */}", "{a:1}", "{\"a\":\"tab\there\"}", "{\"ok\":1}"));

        assertThat(records(variable)).extracting(record -> record.path("ok").asInt()).containsExactly(1);
        assertThat(variable.stats().decodeErrors()).isEqualTo(5);
        assertThat(errors(variable)).allSatisfy(error -> assertThat(error).startsWith("Invalid JSON at line 1, column")
                .doesNotContainPattern(DecodeErrorMessagesTest.INTERNAL_NAME));
    }

    @Test
    void plainTextMessagesAreTextRecordsAndABareNumberIsAValue() throws Exception {
        var variable = readAll(feed("temp=21.5;hum=40", "OK", "42", "42 apples"));

        assertThat(records(variable)).isEqualTo(json("{\"text\":\"temp=21.5;hum=40\"}", "{\"text\":\"OK\"}", "{\"value\":42}",
                "{\"text\":\"42 apples\"}"));
        assertThat(variable.stats().decodeErrors()).isZero();
    }
}
