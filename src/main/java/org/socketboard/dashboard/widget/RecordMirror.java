package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.variable.runtime.DatasetChange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A widget's copy of its dataset, in dataset order (for Add as first record: newest first), kept up
 * to date by applying each change: a snapshot replaces it, an append drops from one end and adds at
 * the other. Grids and lists show it through a data provider over {@link #rows()}.
 */
final class RecordMirror {

    private final List<RecordRow> rows = new ArrayList<>();
    private final List<RecordRow> view = Collections.unmodifiableList(rows);

    void apply(DatasetChange change) {
        switch (change.kind()) {
            case SNAPSHOT -> {
                rows.clear();
                change.added().forEach(this::addLast);
            }
            case APPEND_LAST -> {
                rows.subList(0, Math.min(change.dropped(), rows.size())).clear();
                change.added().forEach(this::addLast);
            }
            case APPEND_FIRST -> {
                rows.subList(Math.max(0, rows.size() - change.dropped()), rows.size()).clear();
                rows.addAll(0, change.added().stream().map(RecordRow::new).toList());
            }
        }
    }

    private void addLast(JsonNode record) {
        rows.add(new RecordRow(record));
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
