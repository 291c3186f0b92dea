package org.socketboard.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;

import java.util.function.Supplier;

/**
 * Stores one value object (a record of plain values) as one JSON text column. A feature declares a
 * concrete subclass per type, because JPA instantiates converters by class:
 * {@code class WidgetConfigConverter extends JsonValueConverter<WidgetConfig>}. A null value is stored,
 * and a null or blank column read, as the type's empty value.
 */
public abstract class JsonValueConverter<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Class<T> type;
    private final Supplier<T> empty;
    private final String what;

    /** @param what the value in words, for the messages of a failure ("the widget settings") */
    protected JsonValueConverter(Class<T> type, Supplier<T> empty, String what) {
        this.type = type;
        this.empty = empty;
        this.what = what;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return JSON.writeValueAsString(value == null ? empty.get() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + what + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return empty.get();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + what + " cannot be read back: " + e.getOriginalMessage(), e);
        }
    }
}
