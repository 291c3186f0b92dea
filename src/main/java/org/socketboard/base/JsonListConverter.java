package org.socketboard.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;

/**
 * Stores a list of value objects (records, enums, strings) as one JSON text column. A feature declares
 * a concrete subclass per element type, because JPA instantiates converters by class:
 * {@code class ParamListConverter extends JsonListConverter<ServiceParam>}. A null or blank column
 * reads as an empty list, and lists read back are immutable.
 */
public abstract class JsonListConverter<T> implements AttributeConverter<List<T>, String> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JavaType listType;

    protected JsonListConverter(Class<T> elementType) {
        this.listType = JSON.getTypeFactory().constructCollectionType(List.class, elementType);
    }

    @Override
    public String convertToDatabaseColumn(List<T> list) {
        try {
            return JSON.writeValueAsString(list == null ? List.of() : list);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store the list as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public List<T> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<T> list = JSON.readValue(json, listType);
            return List.copyOf(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored JSON list cannot be read back: " + e.getOriginalMessage(), e);
        }
    }
}
