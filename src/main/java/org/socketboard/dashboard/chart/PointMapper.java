package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns dataset records into chart points as a {@link ChartSeriesSpec} says. All the mapping lives
 * here, on the server; the browser only receives numbers it can draw and category texts.
 * <ul>
 *   <li>x by {@link XAxisKind#DATETIME}: epoch milliseconds from 1970-01-01T00:00Z up to
 *   9999-12-31T23:59:59.999Z ({@link #EARLIEST_MILLIS}..{@link #LATEST_MILLIS}; read by
 *   {@link FieldValues#epochMillis}). A record whose time is unreadable or outside that range has
 *   <em>no point</em> (never one at "now"): {@link #map(JsonNode, long)} returns null and the chart
 *   counts it.</li>
 *   <li>x by {@link XAxisKind#CATEGORY}: the field's text, cut to {@value #MAX_CATEGORY_CHARS}
 *   characters; an unreadable one is the empty text.</li>
 *   <li>y: a finite number with a magnitude up to {@value #MAX_MAGNITUDE}, rounded to
 *   {@value #SIGNIFICANT_DIGITS} significant digits (magnitudes below {@value #MIN_MAGNITUDE} are 0);
 *   anything else is null, a gap. ApexCharts 4.7's y-axis scale (Scales.niceScale) loops without end,
 *   freezing the tab, when the smallest and largest values are a few ulps apart: 0.3 and
 *   0.30000000000000004 do it, as do two values 10<sup>-10</sup> apart relatively, or equal values
 *   from about 5·10<sup>15</sup> up. Run against that function with hundreds of thousands of value
 *   pairs, 7 significant digits within these bounds never did; 8 did below 10<sup>-6</sup>.</li>
 * </ul>
 */
public final class PointMapper {

    /** 1970-01-01T00:00:00Z: live feeds have no earlier times, and negative epochs are no case ApexCharts tests. */
    public static final long EARLIEST_MILLIS = 0L;
    /** 9999-12-31T23:59:59.999Z, the last instant of four-digit years. */
    public static final long LATEST_MILLIS = 253_402_300_799_999L;
    static final double MAX_MAGNITUDE = 1e15;
    static final double MIN_MAGNITUDE = 1e-300;
    static final int SIGNIFICANT_DIGITS = 7;
    static final int MAX_CATEGORY_CHARS = 100;
    private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private final ChartSeriesSpec spec;

    public PointMapper(ChartSeriesSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public ChartSeriesSpec spec() {
        return spec;
    }

    /**
     * The point of one record; {@code position} is its x when the x kind is {@link XAxisKind#INDEX}.
     * Null when the x kind is {@link XAxisKind#DATETIME} and the record has no time a chart can show.
     */
    public ChartPoint map(JsonNode record, long position) {
        JsonNode x = x(record, position);
        if (x == null) {
            return null;
        }
        List<Double> y = new ArrayList<>(spec.series().size());
        for (ChartSeriesSpec.Series series : spec.series()) {
            y.add(plottable(FieldValues.number(record.at(series.field()))));
        }
        return new ChartPoint(x, y);
    }

    /** The points of consecutive records, the first of them at {@code firstPosition}; records without one left out. */
    public List<ChartPoint> map(List<JsonNode> records, long firstPosition) {
        List<ChartPoint> points = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ChartPoint point = map(records.get(i), firstPosition + i);
            if (point != null) {
                points.add(point);
            }
        }
        return points;
    }

    private JsonNode x(JsonNode record, long position) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (spec.xKind()) {
            case INDEX -> nodes.numberNode(position);
            case CATEGORY -> nodes.textNode(category(record.at(spec.xField())));
            case DATETIME -> {
                Long millis = FieldValues.epochMillis(record.at(spec.xField()));
                yield millis != null && millis >= EARLIEST_MILLIS && millis <= LATEST_MILLIS
                        ? nodes.numberNode(millis) : null;
            }
        };
    }

    private static String category(JsonNode field) {
        String text = field.isValueNode() && !field.isNull() ? field.asText() : "";
        return text.length() <= MAX_CATEGORY_CHARS ? text : text.substring(0, MAX_CATEGORY_CHARS - 1) + "…";
    }

    /** The value as a chart can draw it (see the class comment), or null. */
    static Double plottable(Double value) {
        if (value == null) {
            return null;
        }
        double magnitude = Math.abs(value);
        if (!(magnitude <= MAX_MAGNITUDE)) {
            return null;
        }
        if (magnitude < MIN_MAGNITUDE) {
            return 0.0;
        }
        BigDecimal decimal = BigDecimal.valueOf(value);
        return decimal.precision() <= SIGNIFICANT_DIGITS ? value : decimal.round(ROUNDING).doubleValue();
    }
}
