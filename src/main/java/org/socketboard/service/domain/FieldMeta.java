package org.socketboard.service.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One field of a request or response message: its name, its JSON Pointer path from the message (or
 * record) root, its type and an example value taken from the sample. Objects and arrays of objects
 * have children; an array's children describe its elements.
 *
 * @param displayName what people call the field, when they gave it a name (a positional field
 *                    {@code /0} of an array record is "0" by itself, "time" once named); null otherwise
 */
public record FieldMeta(String name, String path, FieldType type, String example, List<FieldMeta> children,
                        String displayName) {

    public FieldMeta {
        children = children == null ? List.of() : List.copyOf(children);
        displayName = displayName == null || displayName.isBlank() ? null : displayName.trim();
    }

    /** A field nobody has named. */
    public FieldMeta(String name, String path, FieldType type, String example, List<FieldMeta> children) {
        this(name, path, type, example, children, null);
    }

    public static FieldMeta leaf(String name, String path, FieldType type, String example) {
        return new FieldMeta(name, path, type, example, List.of());
    }

    /** The display name when there is one, else the name: how widgets and lists show the field. */
    public String label() {
        return displayName != null ? displayName : name;
    }

    /** These fields (and their children) with the display names given by path; other names are cleared. */
    public static List<FieldMeta> named(List<FieldMeta> fields, Map<String, String> displayNames) {
        List<FieldMeta> named = new ArrayList<>(fields.size());
        for (FieldMeta field : fields) {
            named.add(new FieldMeta(field.name, field.path, field.type, field.example,
                    named(field.children, displayNames), displayNames.get(field.path)));
        }
        return named;
    }
}
