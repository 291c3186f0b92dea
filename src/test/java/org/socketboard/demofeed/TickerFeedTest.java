package org.socketboard.demofeed;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TickerFeedTest {

    @LocalServerPort
    int port;

    @Test
    void theMarketInThePathIsEchoedAndOnlyTheRequestedSymbolsAreSent() throws Exception {
        List<JsonNode> ticks = ticks("/feeds/ticker/LSE?symbols=acme,%20Globex&rate=50", Duration.ofMillis(500));

        assertThat(ticks).hasSizeGreaterThan(4);
        assertThat(ticks).allSatisfy(tick -> assertThat(tick.get("market").asText()).isEqualTo("LSE"));
        assertThat(ticks).extracting(tick -> tick.get("symbol").asText()).containsOnly("ACME", "GLOBEX");
    }

    @Test
    void withoutParametersTheTickerSendsTheDefaultSymbolsOfTheDefaultMarketAtAboutTwoASecond() throws Exception {
        List<JsonNode> ticks = ticks("/feeds/ticker", Duration.ofMillis(1_600));

        // one at once, then every 500 ms
        assertThat(ticks).hasSizeBetween(3, 5);
        assertThat(ticks).allSatisfy(tick -> assertThat(tick.get("market").asText()).isEqualTo(Ticks.DEFAULT_MARKET));
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i).get("symbol").asText()).isEqualTo(Ticks.DEFAULT_SYMBOLS.get(i % Ticks.DEFAULT_SYMBOLS.size()));
        }
    }

    @Test
    void eachChangeIsTheDifferenceToTheSymbolsPreviousPrice() throws Exception {
        List<JsonNode> ticks = ticks("/feeds/ticker?symbols=ACME,GLOBEX&rate=100", Duration.ofMillis(300));

        Map<String, BigDecimal> previous = new HashMap<>();
        int compared = 0;
        for (JsonNode tick : ticks) {
            BigDecimal price = tick.get("price").decimalValue();
            assertThat(price).isPositive();
            assertThat(tick.get("volume").asLong()).isPositive();
            BigDecimal before = previous.put(tick.get("symbol").asText(), price);
            if (before != null) {
                assertThat(tick.get("change").decimalValue()).isEqualByComparingTo(price.subtract(before));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    @Test
    void theRateParameterSetsHowManyTicksArriveEachSecond() throws Exception {
        List<JsonNode> ticks = ticks("/feeds/ticker?rate=500", Duration.ofSeconds(1));

        assertThat(ticks).hasSizeBetween(250, 700);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/feeds/ticker?rate=abc           | rate must be a whole number from 1 to 10000, got 'abc'",
            "/feeds/ticker?rate=-1            | rate must be a whole number from 1 to 10000, got '-1'",
            "/feeds/ticker?rate=20000         | rate must be a whole number from 1 to 10000, got '20000'",
            "/feeds/ticker?symbols=ACME,n%2Fo | symbol 'n/o' is not valid: use 1 to 10 letters, digits or dots",
            "/feeds/ticker?symbols=           | symbols must list 1 to 20 symbols",
            "/feeds/ticker/N%3FYSE            | market 'N?YSE' is not valid (expected [A-Za-z0-9._-]{1,20})"})
    void aBadParameterClosesTheConnectionAsAPolicyViolationWithTheReason(String path, String reason) throws Exception {
        try (var client = FeedClient.connect(port, path)) {
            FeedClient.Close close = client.awaitClose(Duration.ofSeconds(3));

            assertThat(close.code()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(close.reason()).isEqualTo(reason);
        }
    }

    private List<JsonNode> ticks(String path, Duration window) throws Exception {
        try (var client = FeedClient.connect(port, path)) {
            return client.collectJson(window);
        }
    }
}
