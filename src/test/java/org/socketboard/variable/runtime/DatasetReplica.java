package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.live.DatasetChange;
import org.socketboard.live.LiveDataset;

import java.util.ArrayList;
import java.util.List;

/**
 * What a subscriber (the UI flusher, a chart) does with a dataset: remember a version, ask for the
 * changes since, apply them to its own copy. Tests compare the copy with the dataset's snapshot.
 */
final class DatasetReplica {

    private long version = -1;
    private List<JsonNode> rows = new ArrayList<>();

    /** Applies the changes since the last catch-up and returns the change it applied. */
    DatasetChange catchUp(LiveDataset dataset) {
        DatasetChange change = dataset.changesSince(version);
        switch (change.kind()) {
            case SNAPSHOT -> rows = new ArrayList<>(change.added());
            case APPEND_LAST -> {
                rows.subList(0, change.dropped()).clear();
                rows.addAll(change.added());
            }
            case APPEND_FIRST -> {
                rows.subList(rows.size() - change.dropped(), rows.size()).clear();
                rows.addAll(0, change.added());
            }
        }
        version = change.toVersion();
        return change;
    }

    List<JsonNode> rows() {
        return rows;
    }

    long version() {
        return version;
    }
}
