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
 * every record of the dataset whether it was kept, so that "n dropped" drops the right rows. Grids
 * and lists show it through a data provider over {@link #rows()}, told what {@link Applied} says.
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
                    inPlace = hadRows || !rows.isEmpty() ? Applied.MOVED : Applied.NOTHING;
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
                yield droppedRows > 0 || rows.size() > before ? Applied.MOVED : Applied.NOTHING;
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
                yield droppedRows > 0 || !added.isEmpty() ? Applied.MOVED : Applied.NOTHING;
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
        List<RecordRow> replaced = new ArrayList<>();
        for (int[] position : changed) {
            RecordRow row = rows.get(position[0]);
            row.replace(next.get(position[1]));
            replaced.add(row);
        }
        return replaced.isEmpty() ? Applied.NOTHING : new Applied(false, replaced);
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

    /**
     * What one change did to the rows: moved them (added, dropped or replaced them all), replaced the
     * records of some in place, or nothing.
     *
     * @param moved    rows were added or removed: every position may hold another row now
     * @param replaced rows that stayed where they were with a new record (empty when {@code moved})
     */
    record Applied(boolean moved, List<RecordRow> replaced) {

        static final Applied NOTHING = new Applied(false, List.of());
        static final Applied MOVED = new Applied(true, List.of());

        boolean isNothing() {
            return !moved && replaced.isEmpty();
        }

        /**
         * Tells a data provider over the rows: all of them after a move (Vaadin's DataCommunicator then
         * sends the requested range again), else only each row replaced (it sends that row alone).
         */
        void showIn(ListDataProvider<RecordRow> provider) {
            if (moved) {
                provider.refreshAll();
            } else {
                replaced.forEach(provider::refreshItem);
            }
        }
    }
}
