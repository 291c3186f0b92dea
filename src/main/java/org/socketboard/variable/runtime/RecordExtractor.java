package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records inside a decoded message: the node at the record path (a JSON Pointer; empty =
 * the message itself); an array gives one record per element; a value that is not an object becomes
 * {@code {"value": ...}} so that every record is an object. Nothing at the path (or null) gives no
 * records. Immutable and thread-safe.
 */
public final class RecordExtractor {

    private final JsonPointer recordPath;

    public RecordExtractor(String recordPath) {
        this.recordPath = compile(recordPath);
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

    public List<JsonNode> extract(JsonNode message) {
        JsonNode found = message.at(recordPath);
        if (found.isMissingNode() || found.isNull()) {
            return List.of();
        }
        if (!found.isArray()) {
            return List.of(asRecord(found));
        }
        List<JsonNode> records = new ArrayList<>(found.size());
        for (JsonNode element : found) {
            records.add(asRecord(element));
        }
        return records;
    }

    private static JsonNode asRecord(JsonNode node) {
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode().set("value", node);
    }
}
