package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the records inside a decoded message: the node at the record path (a JSON Pointer; empty =
 * the message itself). Immutable and thread-safe.
 * <ul>
 *   <li>Nothing at the path, or null there: the message carries no records at all (a heartbeat, an
 *   acknowledgement), which is not the same as an empty list: {@link #find} gives no value.</li>
 *   <li>By default an array gives one record per element, and a value that is not an object becomes
 *   {@code {"value": ...}}, so that every record is an object.</li>
 *   <li>With <em>array records</em>, an array is a record itself, read by position ({@code /0},
 *   {@code /1}, … are JSON Pointers into it): {@code [1700000000000, 42.5]} is one record. An array
 *   whose elements are all arrays or objects is a list of records ({@code [[t, v], [t, v]]} gives two);
 *   an empty array is an empty list.</li>
 * </ul>
 */
public final class RecordExtractor {

    private final JsonPointer recordPath;
    private final boolean arrayRecords;

    public RecordExtractor(String recordPath) {
        this(recordPath, false);
    }

    /** @param arrayRecords an array at the record path is one record (see the class comment) */
    public RecordExtractor(String recordPath, boolean arrayRecords) {
        this.recordPath = compile(recordPath);
        this.arrayRecords = arrayRecords;
    }

    private static JsonPointer compile(String path) {
        if (path == null || path.isEmpty()) {
            return JsonPointer.empty();
        }
        try {
            return JsonPointer.compile(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The record path '" + path + "' is not a JSON Pointer (it must start with /, e.g. /data/items)", e);
        }
    }

    public String recordPath() {
        return recordPath.toString();
    }

    public boolean arrayRecords() {
        return arrayRecords;
    }

    /** The records of {@code message}, in order; none when it has nothing at the record path (see {@link #find}). */
    public List<JsonNode> extract(JsonNode message) {
        return find(message).orElse(List.of());
    }

    /**
     * The records of {@code message}, in order; empty when the message has nothing (or null) at the
     * record path. A present but empty list means "no records now" ({@code "data": []}).
     */
    public Optional<List<JsonNode>> find(JsonNode message) {
        JsonNode found = message.at(recordPath);
        if (found.isMissingNode() || found.isNull()) {
            return Optional.empty();
        }
        if (!found.isArray()) {
            return Optional.of(List.of(asRecord(found)));
        }
        if (arrayRecords && !isListOfRecords(found)) {
            return Optional.of(List.of(found));
        }
        List<JsonNode> records = new ArrayList<>(found.size());
        for (JsonNode element : found) {
            records.add(arrayRecords && element.isArray() ? element : asRecord(element));
        }
        return Optional.of(records);
    }

    /** Array records: an array is a list of records when empty or when every element is an array or object. */
    private static boolean isListOfRecords(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode asRecord(JsonNode node) {
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode().set("value", node);
    }
}
