package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PointMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final PointMapper byTime = new PointMapper(new ChartSeriesSpec(XAxisKind.DATETIME, "/at",
            List.of(new ChartSeriesSpec.Series("Bid", "/quote/bid"), new ChartSeriesSpec.Series("Ask", "/quote/ask"))));

    @Test
    void timestampsAreReadFromIsoTextAndFromEpochNumbersInEveryUnit() throws Exception {
        long expected = Instant.parse("2025-03-04T05:06:07.250Z").toEpochMilli();

        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T05:06:07.250Z\"}")).isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T07:06:07.250+02:00\"}")).isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04 07:06:07.250+0200\"}")).isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04T05:06:07.250\"}")).as("no offset: UTC").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": " + expected / 1000.0 + "}")).as("epoch seconds").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": " + expected + "}")).as("epoch millis").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": " + expected * 1000 + "}")).as("epoch micros").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"" + expected * 1_000_000 + "\"}")).as("epoch nanos as text").isEqualTo(expected);
        assertThat(xOf(byTime, "{\"at\": \"Tue, 04 Mar 2025 05:06:07 GMT\"}")).isEqualTo(expected - 250);
        assertThat(xOf(byTime, "{\"at\": \"2025-03-04\"}"))
                .isEqualTo(Instant.parse("2025-03-04T00:00:00Z").toEpochMilli());
    }

    @Test
    void aRecordWithoutAChartableTimeHasNoPointRatherThanOneAtNow() throws Exception {
        for (String at : new String[] {"\"yesterday\"", "\"\"", "null", "{}", "[1]", "\"NaN\"", "\"Infinity\"",
                "1e308", "-1e308", "-1", "\"1960-01-01\"", "\"10000-01-01T00:00:00Z\"", "1e20", "true"}) {
            assertThat(byTime.map(json.readTree("{\"at\": " + at + ", \"quote\": {\"bid\": 1}}"), 0)).as(at).isNull();
        }
        assertThat(byTime.map(json.readTree("{\"quote\": {\"bid\": 1}}"), 0)).as("no time at all").isNull();
        assertThat(xOf(byTime, "{\"at\": \"9999-12-31T23:59:59.999Z\"}")).isEqualTo(PointMapper.LATEST_MILLIS);
        assertThat(xOf(byTime, "{\"at\": 0}")).isEqualTo(PointMapper.EARLIEST_MILLIS);
    }

    @Test
    void eachSeriesReadsItsNumberAndAnUnreadableOneIsAGap() throws Exception {
        ChartPoint point = byTime.map(json.readTree("{\"at\": 0, \"quote\": {\"bid\": \"1.5\", \"ask\": \"n/a\"}}"), 0);
        assertThat(point.y()).containsExactly(1.5, null);

        point = byTime.map(json.readTree("{\"at\": 0, \"quote\": {\"bid\": 2, \"ask\": {\"nested\": 3}}}"), 0);
        assertThat(point.y()).isEqualTo(Arrays.asList(2.0, null));
    }

    @Test
    void valuesTheBrowserCannotScaleBecomeGapsAndTheRestSevenSignificantDigits() {
        assertThat(PointMapper.plottable(1e308)).isNull();
        assertThat(PointMapper.plottable(-1e16)).isNull();
        assertThat(PointMapper.plottable(Double.NaN)).isNull();
        assertThat(PointMapper.plottable(1e15)).isEqualTo(1e15);
        assertThat(PointMapper.plottable(-1e15)).isEqualTo(-1e15);
        assertThat(PointMapper.plottable(Double.MIN_VALUE)).isEqualTo(0.0);
        assertThat(PointMapper.plottable(0.1 + 0.2)).as("0.30000000000000004 froze ApexCharts next to 0.3").isEqualTo(0.3);
        assertThat(PointMapper.plottable(43210.57)).isEqualTo(43210.57);
        assertThat(PointMapper.plottable(1234567.89)).isEqualTo(1234568.0);
        assertThat(PointMapper.plottable(-0.000123456789)).isEqualTo(-0.0001234568);
        assertThat(PointMapper.plottable(42.0)).isEqualTo(42.0);
    }

    @Test
    void categoriesAreTheFieldTextCutShortAndIndexesTheRecordPositions() throws Exception {
        var bySymbol = new PointMapper(new ChartSeriesSpec(XAxisKind.CATEGORY, "/symbol",
                List.of(new ChartSeriesSpec.Series("Volume", "/volume"))));
        var byIndex = new PointMapper(new ChartSeriesSpec(XAxisKind.INDEX, null,
                List.of(new ChartSeriesSpec.Series("Volume", "/volume"))));
        List<JsonNode> records = List.of(json.readTree("{\"symbol\": \"ACME\", \"volume\": 3}"),
                json.readTree("{\"symbol\": 42, \"volume\": 4}"), json.readTree("{\"volume\": 5}"),
                json.readTree("{\"symbol\": \"" + "x".repeat(5000) + "\", \"volume\": 6}"));

        assertThat(bySymbol.map(records, 0)).extracting(point -> point.x().asText())
                .containsExactly("ACME", "42", "", "x".repeat(PointMapper.MAX_CATEGORY_CHARS - 1) + "…");
        assertThat(byIndex.map(records, 7)).extracting(point -> point.x().asLong()).containsExactly(7L, 8L, 9L, 10L);
        assertThat(byIndex.map(records, 7)).extracting(point -> point.y().get(0)).containsExactly(3.0, 4.0, 5.0, 6.0);
    }

    private long xOf(PointMapper mapper, String record) throws Exception {
        return mapper.map(json.readTree(record), 0).x().asLong();
    }
}
