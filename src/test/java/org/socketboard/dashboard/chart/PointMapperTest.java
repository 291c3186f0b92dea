package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PointMapperTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final PointMapper byTime = new PointMapper(new ChartSeriesSpec(XAxisKind.DATETIME, "/at",
            List.of(new ChartSeriesSpec.Series("Bid", "/quote/bid"), new ChartSeriesSpec.Series("Ask", "/quote/ask"))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timestampsAreReadFromIsoTextAndFromEpochSecondsOrMilliseconds() throws Exception {
        long expected = Instant.parse("2025-03-04T05:06:07.250Z").toEpochMilli();

        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T05:06:07.250Z\"}")).isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T07:06:07.250+02:00\"}")).isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T05:06:07.250\"}")).as("no offset: UTC").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": " + expected + "}")).as("epoch millis").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": " + expected / 1000.0 + "}")).as("epoch seconds").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"" + expected + "\"}")).as("epoch millis as text").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04\"}"))
                .isEqualTo(Instant.parse("2025-03-04T00:00:00Z").toEpochMilli());
    }

    @Test
    void aRecordWithoutAReadableTimestampIsChartedAtTheTimeItArrivesRatherThanLost() throws Exception {
        assertThat(xOf(byTime, "{\"at\": \"yesterday\"}")).isEqualTo(NOW.toEpochMilli());
        assertThat(xOf(byTime, "{\"quote\": {\"bid\": 1}}")).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void eachSeriesReadsItsNumberAndAnUnreadableOneIsAGap() throws Exception {
        ChartPoint point = byTime.map(json.readTree("{\"at\": 0, \"quote\": {\"bid\": \"1.5\", \"ask\": \"n/a\"}}"), 0);
        assertThat(point.y()).containsExactly(1.5, null);

        point = byTime.map(json.readTree("{\"at\": 0, \"quote\": {\"bid\": 2, \"ask\": {\"nested\": 3}}}"), 0);
        assertThat(point.y()).isEqualTo(Arrays.asList(2.0, null));
    }

    @Test
    void categoriesAreTheFieldTextAndIndexesTheRecordPositions() throws Exception {
        var bySymbol = new PointMapper(new ChartSeriesSpec(XAxisKind.CATEGORY, "/symbol",
                List.of(new ChartSeriesSpec.Series("Volume", "/volume"))), Clock.systemUTC());
        var byIndex = new PointMapper(new ChartSeriesSpec(XAxisKind.INDEX, null,
                List.of(new ChartSeriesSpec.Series("Volume", "/volume"))), Clock.systemUTC());
        List<JsonNode> records = List.of(json.readTree("{\"symbol\": \"ACME\", \"volume\": 3}"),
                json.readTree("{\"symbol\": 42, \"volume\": 4}"), json.readTree("{\"volume\": 5}"));

        assertThat(bySymbol.map(records, 0)).extracting(point -> point.x().asText()).containsExactly("ACME", "42", "");
        assertThat(byIndex.map(records, 7)).extracting(point -> point.x().asLong()).containsExactly(7L, 8L, 9L);
        assertThat(byIndex.map(records, 7)).extracting(point -> point.y().get(0)).containsExactly(3.0, 4.0, 5.0);
    }

    private long xOf(PointMapper mapper, String record) throws Exception {
        return mapper.map(json.readTree(record), 0).x().asLong();
    }
}
