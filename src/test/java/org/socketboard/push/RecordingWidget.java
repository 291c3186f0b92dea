package org.socketboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.live.DatasetChange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A widget stand-in for flusher tests: keeps its own copy of the records and every change it got. */
final class RecordingWidget implements Consumer<DatasetChange> {

    final List<DatasetChange> changes = new ArrayList<>();
    final List<JsonNode> rows = new ArrayList<>();

    @Override
    public void accept(DatasetChange change) {
        changes.add(change);
        int size = rows.size();
        switch (change.kind()) {
            case SNAPSHOT -> rows.clear();
            case APPEND_LAST -> rows.subList(0, change.dropped()).clear();
            case APPEND_FIRST -> rows.subList(size - change.dropped(), size).clear();
        }
        rows.addAll(change.kind() == DatasetChange.Kind.APPEND_FIRST ? 0 : rows.size(), change.added());
    }
}
