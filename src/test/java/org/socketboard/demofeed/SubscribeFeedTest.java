package org.socketboard.demofeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscribeFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for ticks already on the wire to arrive. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    @LocalServerPort
    int port;

    @Test
    void nothingIsSentBeforeTheClientSubscribes() throws Exception {
        try (var client = connect()) {
            assertThat(client.collect(Duration.ofMillis(600))).isEmpty();
            assertThat(client.isClosedByServer()).isFalse();
        }
    }

    @Test
    void afterSubscribingOnlyTheRequestedSymbolsArriveAsTicks() throws Exception {
        try (var client = connect()) {
            client.send(subscribe("INITECH", "umbrella"));

            List<JsonNode> ticks = client.collectJson(Duration.ofMillis(500));
            assertThat(ticks).hasSizeGreaterThan(4);
            assertThat(ticks).allSatisfy(tick -> assertThat(tick.get("type").asText()).isEqualTo("tick"));
            assertThat(ticks).extracting(tick -> tick.get("symbol").asText()).containsOnly("INITECH", "UMBRELLA");
        }
    }

    @Test
    void unsubscribingStopsTheTicksAndKeepsTheConnectionOpen() throws Exception {
        try (var client = subscribedTo("ACME")) {
            sendAndSettle(client, "{\"action\":\"unsubscribe\"}");

            assertThat(client.collect(Duration.ofMillis(400))).isEmpty();
            assertThat(client.isClosedByServer()).isFalse();
        }
    }

    @Test
    void aNewSubscriptionReplacesThePreviousOne() throws Exception {
        try (var client = subscribedTo("ACME")) {
            sendAndSettle(client, subscribe("GLOBEX"));

            List<JsonNode> ticks = client.collectJson(Duration.ofMillis(300));
            assertThat(ticks).isNotEmpty();
            assertThat(ticks).extracting(tick -> tick.get("symbol").asText()).containsOnly("GLOBEX");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json                                      | invalid JSON",
            "[\"ACME\"]                                    | expected a JSON object",
            "{\"symbols\":[\"ACME\"]}                      | missing \"action\"",
            "{\"action\":\"dance\"}                        | unknown action 'dance'",
            "{\"action\":\"subscribe\"}                    | \"symbols\" must be a non-empty array",
            "{\"action\":\"subscribe\",\"symbols\":[]}     | \"symbols\" must be a non-empty array",
            "{\"action\":\"subscribe\",\"symbols\":[42]}   | \"symbols\" must contain strings",
            "{\"action\":\"subscribe\",\"symbols\":[\"a b\"]} | symbol 'a b' is not valid"})
    void aBadRequestIsAnsweredWithAnErrorAndTheConnectionStaysUsable(String request, String reason) throws Exception {
        try (var client = connect()) {
            client.send(request);

            JsonNode error = client.nextJson(Duration.ofSeconds(2));
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("message").asText()).contains(reason);

            client.send(subscribe("ACME"));
            assertThat(client.nextJson(Duration.ofSeconds(2)).get("symbol").asText()).isEqualTo("ACME");
        }
    }
    private FeedClient connect() {
        return FeedClient.connect(port, "/feeds/subscribe?rate=50");
    }

    /** A client that has subscribed to {@code symbol} and received its first tick. */
    private FeedClient subscribedTo(String symbol) throws Exception {
        var client = connect();
        client.send(subscribe(symbol));
        client.next(Duration.ofSeconds(2));
        return client;
    }

    private static String subscribe(String... symbols) throws Exception {
        return JSON.writeValueAsString(Map.of("action", "subscribe", "symbols", symbols));
    }

    /** Sends a command, then lets the ticks already on the wire arrive, so that what follows reflects it. */
    private static void sendAndSettle(FeedClient client, String command) throws InterruptedException {
        client.send(command);
        client.collect(SETTLE);
    }
}
