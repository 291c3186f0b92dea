package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.socketboard.base.BidiControls;

/**
 * Turns dataset records into chart points as a {@link ChartSeriesSpec} says. All the mapping lives
 * here, on the server; the browser only receives numbers it can draw and category texts. Records a
 * filter leaves out are not drawn ({@link #accepts}); a split chart has one line per split-by value
 * and field, the values in the order met, up to the spec's cap (stateful: a mapper serves one chart).
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

    /** How long a split-by value may be as a series name. */
    static final int MAX_SPLIT_NAME_CHARS = 40;
    /** How many left-out split-by values are told apart (a count, not a memory of every value). */
    private static final int MAX_LEFT_OUT_COUNTED = 1000;

    private final ChartSeriesSpec spec;
    private final Predicate<JsonNode> filter;
    /** The series group (line) of each split-by value, in the order met. */
    private final Map<String, Integer> groups = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();

    public PointMapper(ChartSeriesSpec spec) {
        this(spec, record -> true);
    }

    /** A mapper that draws only the records {@code filter} keeps. */
    public PointMapper(ChartSeriesSpec spec, Predicate<JsonNode> filter) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * Whether the record is drawn: the filter keeps it and, in a split chart, its split-by value has a
     * line, or takes the next one while there are fewer than {@link ChartSeriesSpec#maxSplits()}. A
     * value beyond that is counted ({@link #valuesLeftOut()}) and its records are not drawn.
     */
    public boolean accepts(JsonNode record) {
        return filter.test(record) && (spec.splitBy() == null || group(record) >= 0);
    }

    /**
     * The names of the series so far, in y order: the fields' names, or for a split chart per value met
     * (in order) the value, followed by the field's name when there are several fields.
     */
    public List<String> seriesNames() {
        if (spec.splitBy() == null) {
            return spec.seriesNames().stream().map(BidiControls::strip).toList();
        }
        List<String> names = new ArrayList<>(groups.size() * spec.series().size());
        for (String value : groups.keySet()) {
            for (ChartSeriesSpec.Series series : spec.series()) {
                names.add(spec.series().size() == 1 ? value : value + " " + series.name());
            }
        }
        return names;
    }

    /** How many distinct split-by values got no line because the chart had as many as it may. */
    public int valuesLeftOut() {
        return leftOut.size();
    }

    /** The line group of the record's split-by value (taking the next free one), or -1 when none is left. */
    private int group(JsonNode record) {
        String value = splitValue(record.at(spec.splitBy()));
        Integer known = groups.get(value);
        if (known != null) {
            return known;
        }
        if (groups.size() < spec.maxSplits()) {
            groups.put(value, groups.size());
            return groups.size() - 1;
        }
        if (leftOut.size() < MAX_LEFT_OUT_COUNTED) {
            leftOut.add(value);
        }
        return -1;
    }

    private static String splitValue(JsonNode field) {
        String text = field.isValueNode() && !field.isNull() ? BidiControls.strip(field.asText()).trim() : "";
        if (text.isEmpty()) {
            return "(no value)";
        }
        return text.length() <= MAX_SPLIT_NAME_CHARS ? text : text.substring(0, MAX_SPLIT_NAME_CHARS - 1) + "…";
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
        if (spec.splitBy() == null) {
            List<Double> y = new ArrayList<>(spec.series().size());
            for (ChartSeriesSpec.Series series : spec.series()) {
                y.add(plottable(FieldValues.number(record.at(series.field()))));
            }
            return new ChartPoint(x, y);
        }
        // One record feeds only its own value's lines; the others have no value at this x.
        int fields = spec.series().size();
        List<Double> y = new ArrayList<>(Collections.nCopies(groups.size() * fields, (Double) null));
        int group = group(record);
        if (group >= 0) {
            for (int f = 0; f < fields; f++) {
                y.set(group * fields + f, plottable(FieldValues.number(record.at(spec.series().get(f).field()))));
            }
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
        String text = field.isValueNode() && !field.isNull() ? BidiControls.strip(field.asText()) : "";
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
