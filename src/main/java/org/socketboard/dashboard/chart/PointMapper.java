package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
            y.add(FieldValues.number(record.at(series.field())));
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
        Long millis = FieldValues.epochMillis(field);
        return millis != null ? millis : clock.millis();
    }
}
