package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.MessageFilter.Condition;
import org.socketboard.variable.domain.MessageFilter.Match;
import org.socketboard.variable.domain.MessageFilter.Mode;
import org.socketboard.variable.domain.MessageFilter.Operator;

import java.io.IOException;
import org.socketboard.upstream.UpstreamClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Messages that carry no records, filtered messages and positional (array) records, end to end: a
 * live variable on a loopback echo server, fed by sending it each message to echo back.
 */
class MessagesWithoutRecordsTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    private static final ConnectionLimits LIMITS =
            new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ofSeconds(5));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<LiveVariable> variables = new ArrayList<>();
    private final LoopbackWebSocketServer server;

    MessagesWithoutRecordsTest() throws IOException {
        server = LoopbackWebSocketServer.echo();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        server.close();
        scheduler.shutdownNow();
    }

    private LiveVariable open(String recordPath, InsertStrategy strategy, MessageFilter filter, boolean arrayRecords) {
        var spec = new LiveVariableSpec("feed", server.uri("/"), Map.of(), List.of(), recordPath, strategy, 100,
                strategy == InsertStrategy.UPSERT ? "/id" : null, "", List.of(), ReconnectPolicy.disabled(), LIMITS,
                Set.of(), filter, arrayRecords);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        variable.open();
        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.OPEN);
        return variable;
    }

    private LiveVariable open(String recordPath, InsertStrategy strategy) {
        return open(recordPath, strategy, MessageFilter.NONE, false);
    }

    /** Sends each message to the echo server and waits until the variable has handled its echo. */
    private static void feed(LiveVariable variable, String... messages) throws Exception {
        for (String message : messages) {
            long before = handled(variable);
            variable.send(message).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> handled(variable) == before + 1);
        }
    }

    /** Messages taken all the way (recorded once the dataset has them, or once dropped or skipped). */
    private static long handled(LiveVariable variable) {
        return variable.events().stream().filter(event -> event.type() == VariableEvent.Type.MESSAGE_RECEIVE).count();
    }

    private static List<JsonNode> records(LiveVariable variable) {
        return variable.dataset().snapshot();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static MessageFilter filter(Mode mode, Match match, Condition... conditions) {
        return new MessageFilter(mode, match, List.of(conditions));
    }

    // ---- messages with nothing at the record path ---------------------------------------------------

    @Test
    void aHeartbeatWithoutRecordsLeavesARefreshedDatasetAsItIs() throws Exception {
        var variable = open("/data", InsertStrategy.REFRESH);

        feed(variable, "{\"data\":[{\"id\":1},{\"id\":2}]}", "{\"title\":\"REQ_KEEP_ALIVE\"}");

        assertThat(records(variable)).containsExactly(json("{\"id\":1}"), json("{\"id\":2}"));
        assertThat(variable.stats().skipped()).isEqualTo(1);
        assertThat(variable.events()).anySatisfy(event -> assertThat(event.detail()).contains("skipped").contains("/data"));
    }

    @Test
    void anExplicitEmptyListStillClearsARefreshedDataset() throws Exception {
        var variable = open("/data", InsertStrategy.REFRESH);

        feed(variable, "{\"data\":[{\"id\":1}]}", "{\"data\":[]}");

        assertThat(records(variable)).isEmpty();
        assertThat(variable.stats().skipped()).isZero();
    }

    @Test
    void aNullAtTheRecordPathCountsAsNothingThere() throws Exception {
        var variable = open("/data", InsertStrategy.REFRESH);

        feed(variable, "{\"data\":[{\"id\":1}]}", "{\"data\":null}");

        assertThat(records(variable)).containsExactly(json("{\"id\":1}"));
        assertThat(variable.stats().skipped()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(InsertStrategy.class)
    void underEveryStrategyAMessageWithoutRecordsAddsNothingAndIsCountedSkipped(InsertStrategy strategy) throws Exception {
        var variable = open("/data", strategy);
        feed(variable, "{\"data\":[{\"id\":1,\"v\":10}]}");
        long version = variable.dataset().version();

        feed(variable, "{\"title\":\"REQ_KEEP_ALIVE\"}", "{\"event\":\"subscribed\",\"channel\":\"ticker\"}", "\"pong\"", "[1,2]");

        assertThat(records(variable)).containsExactly(json("{\"id\":1,\"v\":10}"));
        assertThat(variable.dataset().version()).isEqualTo(version);
        assertThat(variable.stats().skipped()).isEqualTo(4);
    }

    @Test
    void aHeartbeatInsideAnArrayMessageIsSkippedToo() throws Exception {
        // Array-shaped feeds (Bitfinex style): [channel, payload] and [channel, "hb"].
        var variable = open("/1", InsertStrategy.ADD_LAST, MessageFilter.NONE, true);

        feed(variable, "[17,[1700000000000,42.5,0.3]]", "[17]");

        assertThat(records(variable)).containsExactly(json("[1700000000000,42.5,0.3]"));
        assertThat(variable.stats().skipped()).isEqualTo(1);
    }

    // ---- the message filter -------------------------------------------------------------------------

    @Test
    void aDropFilterDropsHeartbeatsBeforeARefreshCanEmptyTheDataset() throws Exception {
        var variable = open("", InsertStrategy.REFRESH,
                filter(Mode.DROP, Match.ANY, new Condition("/type", Operator.EQUALS, "heartbeat")), false);

        feed(variable, "{\"type\":\"ticker\",\"price\":1}", "{\"type\":\"heartbeat\"}");

        assertThat(records(variable)).containsExactly(json("{\"type\":\"ticker\",\"price\":1}"));
        assertThat(variable.stats().filteredOut()).isEqualTo(1);
        assertThat(variable.stats().skipped()).isZero();
    }

    @Test
    void aKeepFilterKeepsOnlyTheMessagesThatMatch() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.KEEP, Match.ALL, new Condition("/type", Operator.EQUALS, "ticker")), false);

        feed(variable, "{\"type\":\"ticker\",\"p\":1}", "{\"type\":\"status\",\"ok\":true}", "{\"p\":2}",
                "{\"type\":\"ticker\",\"p\":3}");

        assertThat(records(variable)).extracting(record -> record.path("p").asInt()).containsExactly(1, 3);
        assertThat(variable.stats().filteredOut()).isEqualTo(2);
    }

    @Test
    void aFilterOnAPositionDropsArrayHeartbeats() throws Exception {
        var variable = open("/1", InsertStrategy.ADD_LAST,
                filter(Mode.DROP, Match.ANY, new Condition("/1", Operator.EQUALS, "hb")), true);

        feed(variable, "[17,\"hb\"]", "[17,[1700000000000,42.5,0.3]]", "[17,\"hb\"]");

        assertThat(records(variable)).containsExactly(json("[1700000000000,42.5,0.3]"));
        assertThat(variable.stats().filteredOut()).isEqualTo(2);
    }

    @Test
    void notEqualsKeepsMessagesWhoseFieldDiffersOrIsMissing() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.KEEP, Match.ALL, new Condition("/status", Operator.NOT_EQUALS, "error")), false);

        feed(variable, "{\"status\":\"ok\",\"n\":1}", "{\"status\":\"error\",\"n\":2}", "{\"n\":3}");

        assertThat(records(variable)).extracting(record -> record.path("n").asInt()).containsExactly(1, 3);
    }

    @Test
    void existsTestsWhetherTheFieldIsThereEvenWhenNull() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.KEEP, Match.ALL, new Condition("/price", Operator.EXISTS, null)), false);

        feed(variable, "{\"price\":1}", "{\"event\":\"info\"}", "{\"price\":null}");

        assertThat(records(variable)).containsExactly(json("{\"price\":1}"), json("{\"price\":null}"));
        assertThat(variable.stats().filteredOut()).isEqualTo(1);
    }

    @Test
    void equalsComparesNumbersByValueAndTextExactly() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.DROP, Match.ANY, new Condition("/code", Operator.EQUALS, "1.5")), false);

        feed(variable, "{\"code\":1.50}", "{\"code\":\"1.5\"}", "{\"code\":\"1.50\"}", "{\"code\":15}");

        assertThat(records(variable)).containsExactly(json("{\"code\":\"1.50\"}"), json("{\"code\":15}"));
    }

    @Test
    void matchesFindsARegularExpressionInTheFieldText() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.DROP, Match.ANY, new Condition("/event", Operator.MATCHES, "^(ping|pong|heartbeat)$")), false);

        feed(variable, "{\"event\":\"ping\"}", "{\"event\":\"trade\",\"n\":1}", "{\"event\":\"heartbeat\"}",
                "{\"event\":\"pings\",\"n\":2}");

        assertThat(records(variable)).extracting(record -> record.path("n").asInt()).containsExactly(1, 2);
    }

    @Test
    void allNeedsEveryConditionAndAnyNeedsOne() throws Exception {
        var all = open("", InsertStrategy.ADD_LAST, filter(Mode.KEEP, Match.ALL,
                new Condition("/type", Operator.EQUALS, "trade"), new Condition("/symbol", Operator.MATCHES, "^BTC")), false);
        var any = open("", InsertStrategy.ADD_LAST, filter(Mode.KEEP, Match.ANY,
                new Condition("/type", Operator.EQUALS, "trade"), new Condition("/symbol", Operator.MATCHES, "^BTC")), false);
        String[] messages = {"{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"n\":1}", "{\"type\":\"trade\",\"symbol\":\"ETHUSD\",\"n\":2}",
                "{\"type\":\"book\",\"symbol\":\"BTCUSD\",\"n\":3}", "{\"type\":\"book\",\"symbol\":\"ETHUSD\",\"n\":4}"};

        feed(all, messages);
        feed(any, messages);

        assertThat(records(all)).extracting(record -> record.path("n").asInt()).containsExactly(1);
        assertThat(records(any)).extracting(record -> record.path("n").asInt()).containsExactly(1, 2, 3);
        assertThat(all.stats().filteredOut()).isEqualTo(3);
        assertThat(any.stats().filteredOut()).isEqualTo(1);
    }

    @Test
    void aPatternRunsInLinearTimeOnAHostileValue() throws Exception {
        // (a|a)*b would backtrack for ever in java.util.regex on "aaaa…c"; RE2 answers at once.
        var variable = open("", InsertStrategy.ADD_LAST,
                filter(Mode.DROP, Match.ANY, new Condition("/s", Operator.MATCHES, "(a|a)*b")), false);

        feed(variable, "{\"s\":\"" + "a".repeat(20_000) + "c\"}");

        assertThat(records(variable)).hasSize(1);
    }

    @Test
    void aFilterTheRuntimeCannotReadIsRefusedWithTheConditionAndTheReason() {
        assertThatThrownBy(() -> MessageSelector.compile(filter(Mode.DROP, Match.ANY,
                new Condition("/type", Operator.EQUALS, "hb"), new Condition("/s", Operator.MATCHES, "(a)\\1"))))
                .hasMessageStartingWith("Condition 2: ").hasMessageContaining("(a)\\1");
        assertThatThrownBy(() -> MessageSelector.compile(filter(Mode.DROP, Match.ANY,
                new Condition("type", Operator.EXISTS, null))))
                .hasMessageStartingWith("Condition 1: ").hasMessageContaining("not a JSON Pointer");
    }

    // ---- positional records ---------------------------------------------------------------------------

    @Test
    void anArrayAtTheRecordPathIsOneRecordReadByPosition() throws Exception {
        var variable = open("/1", InsertStrategy.ADD_LAST, MessageFilter.NONE, true);

        feed(variable, "[17,[1700000000000,42.5,0.3]]", "[17,[1700000001000,42.7,0.1]]");

        assertThat(records(variable)).containsExactly(json("[1700000000000,42.5,0.3]"), json("[1700000001000,42.7,0.1]"));
        assertThat(records(variable).get(1).at("/1").asDouble()).isEqualTo(42.7);
    }

    @Test
    void withoutTheOptionAnArrayIsStillSplitIntoValueRecords() throws Exception {
        var variable = open("/1", InsertStrategy.ADD_LAST);

        feed(variable, "[17,[1700000000000,42.5]]");

        assertThat(records(variable)).containsExactly(json("{\"value\":1700000000000}"), json("{\"value\":42.5}"));
    }

    @Test
    void anArrayOfArraysGivesOneRecordPerInnerArray() throws Exception {
        var variable = open("", InsertStrategy.ADD_LAST, MessageFilter.NONE, true);

        feed(variable, "[[1700000000000,1.5],[1700000001000,1.7]]", "{\"k\":1}");

        assertThat(records(variable)).containsExactly(json("[1700000000000,1.5]"), json("[1700000001000,1.7]"),
                json("{\"k\":1}"));
    }

    @Test
    void positionalRecordsNestDeeperInsideObjectsAndArrays() throws Exception {
        // OHLC candles under an object, each with a nested [bid, ask] pair.
        var variable = open("/candles", InsertStrategy.REFRESH, MessageFilter.NONE, true);

        feed(variable, "{\"candles\":[[1700000000000,[1.1,1.2]],[1700000060000,[1.3,1.4]]]}");

        assertThat(records(variable)).hasSize(2);
        assertThat(records(variable).get(1).at("/1/0").asDouble()).isEqualTo(1.3);
        assertThat(records(variable).get(0).at("/0").asLong()).isEqualTo(1700000000000L);
    }

    @Test
    void anEmptyArrayOfArrayRecordsClearsARefreshedDataset() throws Exception {
        var variable = open("/data", InsertStrategy.REFRESH, MessageFilter.NONE, true);

        feed(variable, "{\"data\":[[1,2],[3,4]]}", "{\"data\":[]}");

        assertThat(records(variable)).isEmpty();
    }

    @Test
    void anArrayRecordIsUpsertedByItsPosition() throws Exception {
        var spec = new LiveVariableSpec("book", server.uri("/"), Map.of(), List.of(), "/1", InsertStrategy.UPSERT, 100,
                "/0", "", List.of(), ReconnectPolicy.disabled(), LIMITS, Set.of(), MessageFilter.NONE, true);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        variable.open();
        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.OPEN);

        feed(variable, "[5,[\"BTC\",1]]", "[5,[\"ETH\",2]]", "[5,[\"BTC\",3]]");

        assertThat(records(variable)).containsExactly(json("[\"BTC\",3]"), json("[\"ETH\",2]"));
    }
}
