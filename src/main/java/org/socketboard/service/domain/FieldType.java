package org.socketboard.service.domain;

/**
 * The JSON type of a field, as inferred from a sample message; {@link #TIMESTAMP} is a number or text
 * whose values are times (epoch s/ms/µs/ns, ISO-8601, RFC 2822: org.socketboard.base.Timestamps).
 */
public enum FieldType {
    STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, NULL, TIMESTAMP;

    /** Numbers and integers: the fields a chart can plot. */
    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }

    /** The type in words, as the pages show it ("text", "whole number", "time"). */
    public String label() {
        return switch (this) {
            case STRING -> "text";
            case NUMBER -> "number";
            case INTEGER -> "whole number";
            case BOOLEAN -> "yes/no";
            case OBJECT -> "object";
            case ARRAY -> "list";
            case NULL -> "empty";
            case TIMESTAMP -> "time";
        };
    }
}
