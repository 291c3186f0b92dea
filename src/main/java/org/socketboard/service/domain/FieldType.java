package org.socketboard.service.domain;

/** The JSON type of a field, as inferred from a sample message. */
public enum FieldType {
    STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, NULL;

    /** Numbers and integers: the fields a chart can plot. */
    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }
}
