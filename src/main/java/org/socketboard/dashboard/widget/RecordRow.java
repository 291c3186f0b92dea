package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as a grid or list item. Equality is identity on purpose: two records with the same
 * content are still two rows, and Vaadin's data components key their items by equality.
 */
public final class RecordRow {

    private final JsonNode record;

    RecordRow(JsonNode record) {
        this.record = record;
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
