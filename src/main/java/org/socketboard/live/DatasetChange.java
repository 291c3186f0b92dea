package org.socketboard.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a subscriber must apply to its copy of a dataset to go from {@code fromVersion} to
 * {@code toVersion}: never a copy of everything, unless {@link Kind#SNAPSHOT} says so.
 *
 * @param kind    how to apply it
 * @param added   for APPEND_LAST, the records to append at the end (oldest first); for APPEND_FIRST,
 *                the records to insert at the start, in dataset order (newest first); for SNAPSHOT,
 *                the whole dataset in order
 * @param dropped how many records to drop from the other end first (APPEND_LAST: from the start;
 *                APPEND_FIRST: from the end); 0 for SNAPSHOT
 */
public record DatasetChange(long fromVersion, long toVersion, Kind kind, List<JsonNode> added, int dropped) {

    public enum Kind { APPEND_LAST, APPEND_FIRST, SNAPSHOT }

    public boolean isEmpty() {
        return fromVersion == toVersion;
    }
}
