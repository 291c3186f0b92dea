package org.socketboard.service.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test connection against the app's own demo feeds on loopback, as an admin importing them would run
 * it: the real tester bean, the real feeds, the samples the feed catalog documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoFeedConnectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ConnectionTester tester;

    @Test
    void theTickerConnectsAndItsFirstMessageIsATickOfTheRequestedSymbol() throws Exception {
        ConnectionTestResult result = test("/feeds/ticker?symbols=ACME", null);

        assertThat(result.connected()).isTrue();
        assertThat(result.outcome()).matches("Connected; first message received after \\d+ ms");
        JsonNode tick = JSON.readTree(result.firstMessage());
        assertThat(tick.path("type").asText()).isEqualTo("tick");
        assertThat(tick.path("symbol").asText()).isEqualTo("ACME");
        assertThat(tick.path("price").isNumber()).isTrue();
    }

    @Test
    void theSubscribeFeedAnswersTheSampleRequestWithATickOfTheSubscribedSymbol() throws Exception {
        ConnectionTestResult result = test("/feeds/subscribe", "{\"action\":\"subscribe\",\"symbols\":[\"GLOBEX\"]}");

        assertThat(result.connected()).isTrue();
        JsonNode tick = JSON.readTree(result.firstMessage());
        assertThat(tick.path("type").asText()).isEqualTo("tick");
        assertThat(tick.path("symbol").asText()).isEqualTo("GLOBEX");
    }

    @Test
    void theSubscribeFeedAnswersABadRequestWithItsErrorMessageAsTheFirstMessage() throws Exception {
        ConnectionTestResult result = test("/feeds/subscribe", "{\"action\":\"subscribe\",\"symbols\":[]}");

        assertThat(result.connected()).isTrue();
        JsonNode error = JSON.readTree(result.firstMessage());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("message").asText()).startsWith("\"symbols\" must be a non-empty array");
    }

    @Test
    void theSubscribeFeedSendsNothingWithoutASampleRequest() {
        ConnectionTestResult result = tester.test(ConnectionTestRequest.of(feed("/feeds/subscribe"))
                .withTimeouts(ConnectionTestRequest.DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(500)));

        assertThat(result.connected()).isTrue();
        assertThat(result.outcome()).isEqualTo("Connected, but no message within 500 ms");
        assertThat(result.firstMessage()).isNull();
    }

    @Test
    void theWeatherFeedsFirstMessageIsASnapshotWithADataArray() throws Exception {
        ConnectionTestResult result = test("/feeds/weather", null);

        assertThat(result.connected()).isTrue();
        JsonNode snapshot = JSON.readTree(result.firstMessage());
        assertThat(snapshot.path("data").isArray()).isTrue();
        assertThat(snapshot.path("data")).isNotEmpty();
        assertThat(snapshot.path("data").get(0).path("city").asText()).isNotBlank();
    }

    @Test
    void theXmlFeedsFirstMessageIsAnXmlDocument() {
        ConnectionTestResult result = test("/feeds/xml", null);

        assertThat(result.connected()).isTrue();
        assertThat(result.firstMessage()).startsWith("<").contains("<city>");
    }

    @Test
    void aBadParameterIsReportedAsTheServerClosingTheConnectionWithItsReason() {
        ConnectionTestResult result = test("/feeds/ticker?rate=abc", null);

        assertThat(result.connected()).isFalse();
        assertThat(result.outcome()).isEqualTo("The server closed the connection at once "
                + "(code 1008: rate must be a whole number from 1 to 10000, got 'abc')");
        assertThat(result.firstMessage()).isNull();
    }

    private ConnectionTestResult test(String pathAndQuery, String sampleRequest) {
        return tester.test(ConnectionTestRequest.of(feed(pathAndQuery), Map.of(), List.of(), sampleRequest));
    }

    private URI feed(String pathAndQuery) {
        return URI.create("ws://localhost:" + port + pathAndQuery);
    }
}
