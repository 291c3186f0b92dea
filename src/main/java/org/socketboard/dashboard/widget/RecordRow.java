package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as a grid or list item. Equality is identity on purpose: two records with the same
 * content are still two rows, and Vaadin's data components key their items by equality.
 */
public final class RecordRow {

    /** Replaced in place when a Refresh or Upsert snapshot changes the record at this row's position. */
    private JsonNode record;

    RecordRow(JsonNode record) {
        this.record = record;
    }

    void replace(JsonNode next) {
        record = next;
    }

    public JsonNode record() {
        return record;
    }

    /** The field at a JSON pointer; a missing node when there is none. */
    public JsonNode at(String path) {
        return record.at(path);
    }

    @Override
    public String toString() {
        return record.toString();
    }
}
