package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.socketboard.base.BidiControls;

/**
 * Builds the ApexCharts options of a live chart: type, series names and colours ({@link SeriesColours}),
 * x-axis kind, titles. Animations
 * are off (live data would animate all the time) and so are zoom and the toolbar, which would fight
 * the moving window. The result goes to {@link ApexChart#setOptions}.
 */
public final class ChartOptions {

    private final ChartType type;
    private final XAxisKind xKind;
    /**
     * Options key (not an ApexCharts one; the browser takes it out) saying that a series without a value
     * at an x has no point there rather than a gap: a split chart's records each feed one line only.
     */
    public static final String SKIP_GAPS = "sbSkipGaps";

    private final List<String> seriesNames;
    private final boolean split;
    private String title;
    private String xAxisTitle;
    private String yAxisTitle;
    private String unit;

    private ChartOptions(ChartType type, XAxisKind xKind, List<String> seriesNames, boolean split) {
        this.type = Objects.requireNonNull(type, "type");
        this.xKind = Objects.requireNonNull(xKind, "xKind");
        this.seriesNames = List.copyOf(seriesNames);
        this.split = split;
    }

    /**
     * Options for a chart of {@code type} showing the series of {@code spec}; a split chart starts
     * without series and {@link ApexChart} adds one per value as they come.
     */
    public static ChartOptions of(ChartType type, ChartSeriesSpec spec) {
        boolean split = spec.splitBy() != null;
        return new ChartOptions(type, spec.xKind(), split ? List.of() : spec.seriesNames(), split);
    }

    public ChartOptions title(String title) {
        this.title = title;
        return this;
    }

    public ChartOptions xAxisTitle(String xAxisTitle) {
        this.xAxisTitle = xAxisTitle;
        return this;
    }

    public ChartOptions yAxisTitle(String yAxisTitle) {
        this.yAxisTitle = yAxisTitle;
        return this;
    }

    /** The unit of the values; shown after the y-axis title, or after the title of a pie or donut. */
    public ChartOptions unit(String unit) {
        this.unit = unit;
        return this;
    }

    public ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode options = nodes.objectNode();
        ObjectNode chart = options.putObject("chart");
        chart.put("type", type.apexName());
        chart.putObject("animations").put("enabled", false);
        chart.putObject("toolbar").put("show", false);
        chart.putObject("zoom").put("enabled", false);
        options.putObject("dataLabels").put("enabled", false);
        options.putObject("noData").put("text", "Waiting for data");
        if (type.hasAxes()) {
            var series = options.putArray("series");
            var taken = new ArrayList<String>();
            seriesNames.forEach(name -> {
                String colour = SeriesColours.of(name, taken);
                taken.add(colour);
                series.addObject().put("name", BidiControls.strip(name)).put("color", colour).putArray("data");
            });
            ObjectNode xaxis = options.putObject("xaxis").put("type", xKind.apexType());
            if (xKind == XAxisKind.DATETIME) {
                // Show the viewer's local time, not UTC.
                xaxis.putObject("labels").put("datetimeUTC", false);
            }
            putTitle(xaxis, xAxisTitle);
            putTitle(options.putObject("yaxis"), withUnit(yAxisTitle));
            options.putObject("stroke").put("width", type == ChartType.LINE || type == ChartType.AREA ? 2 : 0);
            if (split && xKind != XAxisKind.CATEGORY) {
                options.put(SKIP_GAPS, true);
            }
            putTitle(options, title);
        } else {
            options.putArray("series");
            options.putArray("labels");
            putTitle(options, withUnit(title));
        }
        return options;
    }

    private String withUnit(String text) {
        if (unit == null || unit.isBlank()) {
            return text;
        }
        return text == null || text.isBlank() ? unit : text + " (" + unit + ")";
    }

    private static void putTitle(ObjectNode owner, String text) {
        if (text != null && !text.isBlank()) {
            owner.putObject("title").put("text", BidiControls.strip(text));
        }
    }
}
