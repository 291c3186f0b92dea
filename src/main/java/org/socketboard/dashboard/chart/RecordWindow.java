package org.socketboard.dashboard.chart;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The records a chart mirrors, in dataset order, each with whether it has a point: a record whose
 * time cannot be charted has none ({@link PointMapper}), so dropping n records drops as many points
 * as those n records had. Also keeps the dataset position of the first record, the x of
 * {@link XAxisKind#INDEX} charts.
 */
final class RecordWindow {

    private final Deque<Boolean> plotted = new ArrayDeque<>();
    private long firstPosition;
    private int withoutPoint;

    void clear() {
        plotted.clear();
        firstPosition = 0;
        withoutPoint = 0;
    }

    /** The dataset position of the first record. */
    long firstPosition() {
        return firstPosition;
    }

    /** The dataset position after the last record. */
    long endPosition() {
        return firstPosition + plotted.size();
    }

    /** How many records in the window have no point. */
    int withoutPoint() {
        return withoutPoint;
    }

    void addLast(boolean hasPoint) {
        plotted.addLast(hasPoint);
        count(hasPoint, 1);
    }

    /** Inserts a record before the first one: it takes the position before. */
    void addFirst(boolean hasPoint) {
        plotted.addFirst(hasPoint);
        firstPosition--;
        count(hasPoint, 1);
    }

    /** Drops up to {@code records} from the start; returns how many points they had. */
    int dropFirst(int records) {
        int points = 0;
        for (int i = 0; i < records && !plotted.isEmpty(); i++) {
            boolean hasPoint = plotted.removeFirst();
            firstPosition++;
            count(hasPoint, -1);
            points += hasPoint ? 1 : 0;
        }
        return points;
    }

    /** Drops up to {@code records} from the end; returns how many points they had. */
    int dropLast(int records) {
        int points = 0;
        for (int i = 0; i < records && !plotted.isEmpty(); i++) {
            boolean hasPoint = plotted.removeLast();
            count(hasPoint, -1);
            points += hasPoint ? 1 : 0;
        }
        return points;
    }

    private void count(boolean hasPoint, int delta) {
        if (!hasPoint) {
            withoutPoint += delta;
        }
    }
}
