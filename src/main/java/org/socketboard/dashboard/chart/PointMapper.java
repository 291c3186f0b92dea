package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns dataset records into chart points as a {@link ChartSeriesSpec} says. All the mapping lives
 * here, on the server; the browser only receives numbers and category texts.
 * <p>
 * A record never disappears in the mapping, even when its fields are unreadable: the chart must keep
 * one point per record, or the dataset's "drop n records" would drop the wrong points. So an
 * unreadable y becomes null (a gap), an unreadable category the empty text, and an unreadable
 * timestamp the time the record is charted.
 */
public final class PointMapper {

    /** Epoch numbers below this are seconds, above it milliseconds (10^11 s is the year 5138). */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private static final List<Function<String, Instant>> TIMESTAMP_FORMS = List.of(
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());

    private final ChartSeriesSpec spec;
    private final Clock clock;

    public PointMapper(ChartSeriesSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    public ChartSeriesSpec spec() {
        return spec;
    }

    /** The point of one record; {@code position} is its x when the x kind is {@link XAxisKind#INDEX}. */
    public ChartPoint map(JsonNode record, long position) {
        List<Double> y = new ArrayList<>(spec.series().size());
        for (ChartSeriesSpec.Series series : spec.series()) {
            y.add(number(record.at(series.field())));
        }
        return new ChartPoint(x(record, position), y);
    }

    /** The points of consecutive records, the first of them at {@code firstPosition}. */
    public List<ChartPoint> map(List<JsonNode> records, long firstPosition) {
        List<ChartPoint> points = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            points.add(map(records.get(i), firstPosition + i));
        }
        return points;
    }

    private JsonNode x(JsonNode record, long position) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (spec.xKind()) {
            case INDEX -> nodes.numberNode(position);
            case CATEGORY -> nodes.textNode(category(record.at(spec.xField())));
            case DATETIME -> nodes.numberNode(epochMillis(record.at(spec.xField())));
        };
    }

    private static String category(JsonNode field) {
        return field.isValueNode() && !field.isNull() ? field.asText() : "";
    }

    private long epochMillis(JsonNode field) {
        if (field.isNumber()) {
            return millisFromEpoch(field.asDouble());
        }
        if (field.isTextual()) {
            Long parsed = parseTimestamp(field.asText().trim());
            if (parsed != null) {
                return parsed;
            }
        }
        return clock.millis();
    }

    /** ISO-8601 with offset, without offset (taken as UTC), a bare date, or an epoch number as text. */
    private static Long parseTimestamp(String text) {
        for (Function<String, Instant> form : TIMESTAMP_FORMS) {
            try {
                return form.apply(text).toEpochMilli();
            } catch (DateTimeParseException otherForm) {
                // try the next form
            }
        }
        try {
            double epoch = Double.parseDouble(text);
            return Double.isFinite(epoch) ? millisFromEpoch(epoch) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Double number(JsonNode field) {
        if (field.isNumber()) {
            return finite(field.asDouble());
        }
        if (field.isTextual()) {
            try {
                return finite(Double.parseDouble(field.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static long millisFromEpoch(double epoch) {
        return Math.round(Math.abs(epoch) < SECONDS_LIMIT ? epoch * 1000 : epoch);
    }
}
