package org.socketboard.service.domain;

import java.util.List;

/**
 * One field of a request or response message: its name, its JSON Pointer path from the message (or
 * record) root, its type and an example value taken from the sample. Objects and arrays of objects
 * have children; an array's children describe its elements.
 */
public record FieldMeta(String name, String path, FieldType type, String example, List<FieldMeta> children) {

    public FieldMeta {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public static FieldMeta leaf(String name, String path, FieldType type, String example) {
        return new FieldMeta(name, path, type, example, List.of());
    }
}
