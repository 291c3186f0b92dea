package org.socketboard.variable.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A variable's {@link MessageFilter} as one JSON text column; null or blank reads as {@link MessageFilter#NONE}. */
@Converter
public class MessageFilterConverter implements AttributeConverter<MessageFilter, String> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(MessageFilter filter) {
        try {
            return JSON.writeValueAsString(filter == null ? MessageFilter.NONE : filter);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store the message filter as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public MessageFilter convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return MessageFilter.NONE;
        }
        try {
            return JSON.readValue(json, MessageFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored message filter cannot be read back: " + e.getOriginalMessage(), e);
        }
    }
}
