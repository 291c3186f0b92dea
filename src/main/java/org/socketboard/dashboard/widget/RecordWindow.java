package org.socketboard.dashboard.widget;

import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.chart.XAxisKind;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The records a chart mirrors ({@link ChartFeed}), in dataset order, each with what it became ({@link Plot}): a point, none
 * for want of a chartable time ({@link PointMapper}), or none because the chart leaves it out (a filter,
 * or a split-by value beyond the cap). So dropping n records drops as many points as those n records
 * had. Also keeps the dataset position of the first record, the x of {@link XAxisKind#INDEX} charts.
 */
final class RecordWindow {

    /** What one record became. */
    enum Plot { POINT, NO_TIME, LEFT_OUT }

    private final Deque<Plot> plotted = new ArrayDeque<>();
    private long firstPosition;
    private int withoutTime;

    void clear() {
        plotted.clear();
        firstPosition = 0;
        withoutTime = 0;
    }

    /** The dataset position of the first record. */
    long firstPosition() {
        return firstPosition;
    }

    /** The dataset position after the last record. */
    long endPosition() {
        return firstPosition + plotted.size();
    }

    /** How many records in the window have no point for want of a chartable time. */
    int withoutPoint() {
        return withoutTime;
    }

    void addLast(Plot plot) {
        plotted.addLast(plot);
        count(plot, 1);
    }

    /** Inserts a record before the first one: it takes the position before. */
    void addFirst(Plot plot) {
        plotted.addFirst(plot);
        firstPosition--;
        count(plot, 1);
    }

    /** Drops up to {@code records} from the start; returns how many points they had. */
    int dropFirst(int records) {
        int points = 0;
        for (int i = 0; i < records && !plotted.isEmpty(); i++) {
            Plot plot = plotted.removeFirst();
            firstPosition++;
            count(plot, -1);
            points += plot == Plot.POINT ? 1 : 0;
        }
        return points;
    }

    /** Drops up to {@code records} from the end; returns how many points they had. */
    int dropLast(int records) {
        int points = 0;
        for (int i = 0; i < records && !plotted.isEmpty(); i++) {
            Plot plot = plotted.removeLast();
            count(plot, -1);
            points += plot == Plot.POINT ? 1 : 0;
        }
        return points;
    }

    private void count(Plot plot, int delta) {
        if (plot == Plot.NO_TIME) {
            withoutTime += delta;
        }
    }
}
