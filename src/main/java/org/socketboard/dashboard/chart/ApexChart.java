package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ApexCharts chart ({@code <sb-apex-chart>}, frontend/components/apex-chart.ts) fed incrementally:
 * the options go to the browser once per attach (and again only when they change), then each update
 * carries only the new points and how many old ones to drop. The browser keeps the window of points.
 * It knows only its own series model (options, series, points), as Vaadin Charts' chart does; what a
 * dataset change means for the points is the feeder's business ({@code dashboard.widget.ChartFeed}).
 * <p>
 * Points travel as columns, {@code [[x...], [y of series 0...], [y of series 1...]]}, so an x is sent
 * once for all series. The server keeps only the point count, exposed as the attribute
 * {@value #POINTS_ATTRIBUTE} for tests and for anyone inspecting the page.
 * <p>
 * A split chart ({@link ChartSeriesSpec#splitBy()}) gains series as new values come: each is added
 * once ({@link #addSeries}) before the points that use it; its count is the attribute
 * {@value #SERIES_ATTRIBUTE}, as every chart's.
 * <p>
 * After a detach the browser's element is gone, and with it the points: the count restarts at 0 and
 * the widget owning the chart re-subscribes in its attach, receiving a snapshot. When the options
 * change the number of series, both sides also empty the chart.
 */
@Tag("sb-apex-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./components/apex-chart.ts")
public class ApexChart extends Component implements HasSize {

    public static final String POINTS_ATTRIBUTE = "data-points";
    /** How many series (lines) the chart has: its fields, or for a split chart the lines made so far. */
    public static final String SERIES_ATTRIBUTE = "data-series";
    public static final String DEFAULT_HEIGHT = "320px";

    private ObjectNode options;
    private int pointCount;

    public ApexChart() {
        setWidthFull();
        setHeight(DEFAULT_HEIGHT);
        showPointCount();
        showSeriesCount();
    }

    public ApexChart(ObjectNode options) {
        this();
        setOptions(options);
    }

    /**
     * Sets the ApexCharts options ({@link ChartOptions} builds them). Sent to the browser only when
     * they differ from the current ones.
     */
    public void setOptions(ObjectNode newOptions) {
        Objects.requireNonNull(newOptions, "options");
        if (newOptions.equals(options)) {
            return;
        }
        if (options != null && seriesCount(options) != seriesCount(newOptions)) {
            // The browser empties the chart by the same rule (apex-chart.ts, setOptions).
            forgetPoints();
        }
        options = newOptions.deepCopy();
        showSeriesCount();
        if (isAttached()) {
            sendOptions();
        }
    }

    /** A copy of the current options, or null before {@link #setOptions}. */
    public ObjectNode getOptions() {
        return options == null ? null : options.deepCopy();
    }

    public int getPointCount() {
        return pointCount;
    }

    /** How many series the options have now ({@value #SERIES_ATTRIBUTE}). */
    public int getSeriesCount() {
        return options == null ? 0 : seriesCount(options);
    }

    /** Drops {@code dropFromStart} points from the start (first), then appends {@code points} at the end. */
    public void appendPoints(List<ChartPoint> points, int dropFromStart) {
        int dropped = dropCount(dropFromStart);
        if (points.isEmpty() && dropped == 0) {
            return;
        }
        pointCount += points.size() - dropped;
        getElement().callJsFunction("appendPoints", columns(points), dropFromStart);
        showPointCount();
    }

    /**
     * Drops {@code dropFromEnd} points from the end (first), then inserts {@code points} at the start
     * in the given order: for datasets that keep the newest record first.
     */
    public void prependPoints(List<ChartPoint> points, int dropFromEnd) {
        int dropped = dropCount(dropFromEnd);
        if (points.isEmpty() && dropped == 0) {
            return;
        }
        pointCount += points.size() - dropped;
        getElement().callJsFunction("prependPoints", columns(points), dropFromEnd);
        showPointCount();
    }

    /** Replaces all points: snapshots, Refresh datasets, pie and donut slices. */
    public void replaceAll(List<ChartPoint> points) {
        pointCount = points.size();
        getElement().callJsFunction("replaceAll", columns(points));
        showPointCount();
    }

    /**
     * Adds the series of {@code names} that the chart does not have yet (those after its current count:
     * a split chart's new values), to the options and, one call each, in the browser, before the points
     * that need them. Existing series and points stay. Charts without axes (pie, donut, radial bar)
     * have their one series and ignore this.
     */
    public void addSeries(List<String> names) {
        if (options == null || !seriesCountFollowsOptions(options)) {
            return;
        }
        ArrayNode series = options.withArray("series");
        List<String> taken = new ArrayList<>(series.findValuesAsText("color"));
        while (series.size() < names.size()) {
            String name = names.get(series.size());
            String colour = SeriesColours.of(name, taken);
            taken.add(colour);
            series.addObject().put("name", name).put("color", colour).putArray("data");
            if (isAttached()) {
                getElement().callJsFunction("addSeries", name, colour);
            }
        }
        showSeriesCount();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (options != null) {
            sendOptions();
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        forgetPoints();
    }

    private void sendOptions() {
        // A copy: the argument is written out with the response, and a split chart adds series to
        // `options` meanwhile, which then also go as addSeries calls (the browser showed each twice).
        getElement().callJsFunction("setOptions", options.deepCopy());
    }

    private void forgetPoints() {
        pointCount = 0;
        showPointCount();
    }

    private void showPointCount() {
        getElement().setAttribute(POINTS_ATTRIBUTE, Integer.toString(pointCount));
    }

    private void showSeriesCount() {
        getElement().setAttribute(SERIES_ATTRIBUTE, Integer.toString(getSeriesCount()));
    }

    private int dropCount(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("cannot drop a negative number of points: " + requested);
        }
        return Math.min(requested, pointCount);
    }

    /** How many y columns the options call for: one per named series, or one for the slices of a pie. */
    private static int seriesCount(ObjectNode options) {
        return seriesCountFollowsOptions(options) ? options.path("series").size() : 1;
    }

    /** Whether the chart has axes, so one series per named one (pie, donut and radial bar have one). */
    private static boolean seriesCountFollowsOptions(ObjectNode options) {
        ChartType type = ChartType.fromApexName(options.path("chart").path("type").asText());
        return type == null || type.hasAxes();
    }

    private ArrayNode columns(List<ChartPoint> points) {
        int series = options != null ? seriesCount(options)
                : points.stream().mapToInt(point -> point.y().size()).max().orElse(0);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode columns = nodes.arrayNode(series + 1);
        ArrayNode xs = columns.addArray();
        ArrayNode[] ys = new ArrayNode[series];
        for (int s = 0; s < series; s++) {
            ys[s] = columns.addArray();
        }
        for (ChartPoint point : points) {
            xs.add(point.x());
            for (int s = 0; s < series; s++) {
                ys[s].add(s < point.y().size() ? number(point.y().get(s)) : nodes.nullNode());
            }
        }
        return columns;
    }

    /** The shortest JSON of a value: 12 rather than 12.0, null for a missing value. */
    private static JsonNode number(Double value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null || !Double.isFinite(value)) {
            return nodes.nullNode();
        }
        long whole = value.longValue();
        return whole == value && Math.abs(whole) < (1L << 53) ? nodes.numberNode(whole) : nodes.numberNode(value);
    }
}
