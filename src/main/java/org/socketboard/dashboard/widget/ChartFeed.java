package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.ChartPoint;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.live.DatasetChange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a dataset's changes into a chart's points, as a Vaadin Charts feeder does for its chart: a
 * snapshot replaces all points, an append sends only the added records' points and how many points
 * the dropped records had ({@link RecordWindow} remembers which records became points). A record
 * without a point (its time cannot be charted, or the mapper leaves it out) sends nothing; those for
 * want of a time are counted in {@link #recordsWithoutTime()} and shown on the chart's element as the
 * attribute {@value #WITHOUT_TIME_ATTRIBUTE}. The chart itself knows only its series.
 * <p>
 * When the chart is detached its points are gone, so the window is emptied with them; the widget's
 * next subscription starts with a snapshot.
 */
public final class ChartFeed {

    /** How many records in the window have no point because their time cannot be charted. */
    public static final String WITHOUT_TIME_ATTRIBUTE = "data-without-time";

    private final ApexChart chart;
    private final PointMapper mapper;
    private final RecordWindow records = new RecordWindow();

    public ChartFeed(ApexChart chart, PointMapper mapper) {
        this.chart = chart;
        this.mapper = mapper;
        chart.addDetachListener(detached -> {
            records.clear();
            showRecordsWithoutTime();
        });
        showRecordsWithoutTime();
    }

    /** Applies one change of the dataset to the chart. Call it from the UI thread (the push flusher does). */
    public void apply(DatasetChange change) {
        if (change.isEmpty()) {
            return;
        }
        switch (change.kind()) {
            case SNAPSHOT -> {
                records.clear();
                List<ChartPoint> points = plotLast(change.added());
                chart.addSeries(mapper.seriesNames());
                chart.replaceAll(points);
            }
            case APPEND_LAST -> {
                int droppedPoints = records.dropFirst(change.dropped());
                List<ChartPoint> points = plotLast(change.added());
                chart.addSeries(mapper.seriesNames());
                chart.appendPoints(points, droppedPoints);
            }
            case APPEND_FIRST -> {
                int droppedPoints = records.dropLast(change.dropped());
                List<ChartPoint> points = plotFirst(change.added());
                chart.addSeries(mapper.seriesNames());
                chart.prependPoints(points, droppedPoints);
            }
        }
        showRecordsWithoutTime();
    }

    /** How many records of the window have no point: their time is unreadable or out of range ({@link PointMapper}). */
    public int recordsWithoutTime() {
        return records.withoutPoint();
    }

    /** The points of records added at the end, in order. */
    private List<ChartPoint> plotLast(List<JsonNode> added) {
        List<ChartPoint> points = new ArrayList<>(added.size());
        for (JsonNode record : added) {
            if (!mapper.accepts(record)) {
                records.addLast(RecordWindow.Plot.LEFT_OUT);
                continue;
            }
            ChartPoint point = mapper.map(record, records.endPosition());
            records.addLast(point != null ? RecordWindow.Plot.POINT : RecordWindow.Plot.NO_TIME);
            if (point != null) {
                points.add(point);
            }
        }
        return points;
    }

    /** The points of records inserted at the start (given in dataset order), in that order. */
    private List<ChartPoint> plotFirst(List<JsonNode> added) {
        List<ChartPoint> points = new ArrayList<>(added.size());
        for (int i = added.size() - 1; i >= 0; i--) {
            if (!mapper.accepts(added.get(i))) {
                records.addFirst(RecordWindow.Plot.LEFT_OUT);
                continue;
            }
            ChartPoint point = mapper.map(added.get(i), records.firstPosition() - 1);
            records.addFirst(point != null ? RecordWindow.Plot.POINT : RecordWindow.Plot.NO_TIME);
            if (point != null) {
                points.add(point);
            }
        }
        Collections.reverse(points);
        return points;
    }

    private void showRecordsWithoutTime() {
        chart.getElement().setAttribute(WITHOUT_TIME_ATTRIBUTE, Integer.toString(records.withoutPoint()));
    }
}
