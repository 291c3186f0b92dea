package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.data.provider.ListDataProvider;
import org.socketboard.live.DatasetChange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A widget's copy of its dataset, in dataset order (for Add as first record: newest first), kept up
 * to date by applying each change: an append drops from one end and adds at the other; a snapshot of
 * the same length (Refresh, Upsert by key) replaces in place only the records that differ, anything
 * else replaces it all. With a filter it holds only the records the filter keeps, and remembers for
 * every record of the dataset whether it was kept, so that "n dropped" drops the right rows. Lists
 * show it through a data provider over {@link #rows()}, grids as a {@link RowTable}, told what
 * {@link Applied} says.
 */
final class RecordMirror {

    private final Predicate<JsonNode> filter;
    private final List<RecordRow> rows = new ArrayList<>();
    private final List<RecordRow> view = Collections.unmodifiableList(rows);
    /** Per dataset record, in order: whether it is among the rows. */
    private final Deque<Boolean> kept = new ArrayDeque<>();
    /** The dataset's records as of the last change, when that was a snapshot; null after an append. */
    private List<JsonNode> lastSnapshot;

    RecordMirror() {
        this(record -> true);
    }

    RecordMirror(Predicate<JsonNode> filter) {
        this.filter = filter;
    }

    /** Applies {@code change} and says what it did to the rows. */
    Applied apply(DatasetChange change) {
        return switch (change.kind()) {
            case SNAPSHOT -> {
                Applied inPlace = replaceInPlace(change.added());
                if (inPlace == null) {
                    boolean hadRows = !rows.isEmpty();
                    rows.clear();
                    kept.clear();
                    change.added().forEach(this::addLast);
                    inPlace = hadRows || !rows.isEmpty() ? Applied.ALL : Applied.NOTHING;
                }
                lastSnapshot = change.added();
                yield inPlace;
            }
            case APPEND_LAST -> {
                lastSnapshot = null;
                int droppedRows = 0;
                for (int i = 0; i < change.dropped() && !kept.isEmpty(); i++) {
                    droppedRows += kept.removeFirst() ? 1 : 0;
                }
                rows.subList(0, Math.min(droppedRows, rows.size())).clear();
                int before = rows.size();
                change.added().forEach(this::addLast);
                yield droppedRows > 0 || rows.size() > before ? Applied.added(Shape.ADDED_LAST, rows.size() - before) : Applied.NOTHING;
            }
            case APPEND_FIRST -> {
                lastSnapshot = null;
                int droppedRows = 0;
                for (int i = 0; i < change.dropped() && !kept.isEmpty(); i++) {
                    droppedRows += kept.removeLast() ? 1 : 0;
                }
                rows.subList(Math.max(0, rows.size() - droppedRows), rows.size()).clear();
                List<RecordRow> added = new ArrayList<>();
                for (int i = change.added().size() - 1; i >= 0; i--) {
                    JsonNode record = change.added().get(i);
                    boolean keep = filter.test(record);
                    kept.addFirst(keep);
                    if (keep) {
                        added.add(0, new RecordRow(record));
                    }
                }
                rows.addAll(0, added);
                yield droppedRows > 0 || !added.isEmpty() ? Applied.added(Shape.ADDED_FIRST, added.size()) : Applied.NOTHING;
            }
        };
    }

    /**
     * A snapshot as long as the last one, where every record either equals the one at its position or
     * is kept by the filter exactly when that one was: those rows get the new record in place. Null
     * when that is not so (rows would move).
     */
    private Applied replaceInPlace(List<JsonNode> next) {
        if (lastSnapshot == null || next.size() != lastSnapshot.size()) {
            return null;
        }
        // Pairs of (row index, dataset index) whose record changed.
        List<int[]> changed = new ArrayList<>();
        int rowIndex = 0;
        var keptIterator = kept.iterator();
        for (int i = 0; i < next.size(); i++) {
            JsonNode before = lastSnapshot.get(i);
            JsonNode now = next.get(i);
            boolean wasKept = keptIterator.next();
            if (before != now && !before.equals(now)) {
                if (filter.test(now) != wasKept) {
                    return null;
                }
                if (wasKept) {
                    changed.add(new int[] {rowIndex, i});
                }
            }
            rowIndex += wasKept ? 1 : 0;
        }
        // Only now, when it is certain that no row moves.
        List<Integer> replaced = new ArrayList<>();
        for (int[] position : changed) {
            rows.get(position[0]).replace(next.get(position[1]));
            replaced.add(position[0]);
        }
        return replaced.isEmpty() ? Applied.NOTHING : new Applied(Shape.IN_PLACE, 0, replaced);
    }

    private void addLast(JsonNode record) {
        boolean keep = filter.test(record);
        kept.addLast(keep);
        if (keep) {
            rows.add(new RecordRow(record));
        }
    }

    /** The rows in dataset order; a live, read-only view. */
    List<RecordRow> rows() {
        return view;
    }

    int size() {
        return rows.size();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** How the rows changed. */
    enum Shape {
        /** Not at all. */
        NOTHING,
        /** Replaced all of them (a snapshot that moved rows). */
        ALL,
        /** Some rows got a new record and stayed where they were. */
        IN_PLACE,
        /** Rows were added at the end and/or dropped from the start. */
        ADDED_LAST,
        /** Rows were added at the start and/or dropped from the end. */
        ADDED_FIRST
    }

    /**
     * What one change did to the rows.
     *
     * @param added      for {@link Shape#ADDED_LAST} / {@link Shape#ADDED_FIRST}: how many rows were added at that end
     * @param replacedAt for {@link Shape#IN_PLACE}: the positions of the rows that got a new record
     */
    record Applied(Shape shape, int added, List<Integer> replacedAt) {

        static final Applied NOTHING = new Applied(Shape.NOTHING, 0, List.of());
        static final Applied ALL = new Applied(Shape.ALL, 0, List.of());

        static Applied added(Shape end, int count) {
            return new Applied(end, count, List.of());
        }

        boolean isNothing() {
            return shape == Shape.NOTHING;
        }

        /**
         * Tells a data provider over {@code rows}: all of them after a move (Vaadin's DataCommunicator
         * then sends the requested range again), else only each row replaced (it sends that row alone).
         */
        void showIn(ListDataProvider<RecordRow> provider, List<RecordRow> rows) {
            switch (shape) {
                case NOTHING -> { }
                case IN_PLACE -> replacedAt.forEach(position -> provider.refreshItem(rows.get(position)));
                default -> provider.refreshAll();
            }
        }
    }
}
