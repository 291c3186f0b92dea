package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Ticker-like records for chart tests: an ISO-8601 time, a price and a volume, all derived from n. */
public final class TickRecords {

    public static final ChartSeriesSpec PRICE_AND_VOLUME = new ChartSeriesSpec(XAxisKind.DATETIME, "/time",
            List.of(new ChartSeriesSpec.Series("Price", "/price"), new ChartSeriesSpec.Series("Volume", "/volume")));

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private TickRecords() {
    }

    public static JsonNode tick(long n) {
        return JsonNodeFactory.instance.objectNode()
                .put("time", timeOf(n).toString())
                .put("price", 100 + n * 0.25)
                .put("volume", n % 7)
                .put("symbol", "S" + (n % 5));
    }

    /** Records n for n in [from, to). */
    public static List<JsonNode> ticks(long from, long to) {
        return LongStream.range(from, to).mapToObj(TickRecords::tick).toList();
    }

    public static Instant timeOf(long n) {
        return START.plusSeconds(n);
    }
}
