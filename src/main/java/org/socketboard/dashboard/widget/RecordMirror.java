package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.variable.runtime.DatasetChange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A widget's copy of its dataset, in dataset order (for Add as first record: newest first), kept up
 * to date by applying each change: a snapshot replaces it, an append drops from one end and adds at
 * the other. With a filter it holds only the records the filter keeps, and remembers for every record
 * of the dataset whether it was kept, so that "n dropped" drops the right rows. Grids and lists show
 * it through a data provider over {@link #rows()}.
 */
final class RecordMirror {

    private final Predicate<JsonNode> filter;
    private final List<RecordRow> rows = new ArrayList<>();
    private final List<RecordRow> view = Collections.unmodifiableList(rows);
    /** Per dataset record, in order: whether it is among the rows. */
    private final Deque<Boolean> kept = new ArrayDeque<>();

    RecordMirror() {
        this(record -> true);
    }

    RecordMirror(Predicate<JsonNode> filter) {
        this.filter = filter;
    }

    void apply(DatasetChange change) {
        switch (change.kind()) {
            case SNAPSHOT -> {
                rows.clear();
                kept.clear();
                change.added().forEach(this::addLast);
            }
            case APPEND_LAST -> {
                int droppedRows = 0;
                for (int i = 0; i < change.dropped() && !kept.isEmpty(); i++) {
                    droppedRows += kept.removeFirst() ? 1 : 0;
                }
                rows.subList(0, Math.min(droppedRows, rows.size())).clear();
                change.added().forEach(this::addLast);
            }
            case APPEND_FIRST -> {
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
            }
        }
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
}
