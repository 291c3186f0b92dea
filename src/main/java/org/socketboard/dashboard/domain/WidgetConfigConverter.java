package org.socketboard.dashboard.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link WidgetConfig} as one JSON text column; a blank column reads as empty settings. */
@Converter
public class WidgetConfigConverter implements AttributeConverter<WidgetConfig, String> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(WidgetConfig config) {
        try {
            return JSON.writeValueAsString(config == null ? new WidgetConfig(null, null, null, null) : config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store the widget settings as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public WidgetConfig convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return new WidgetConfig(null, null, null, null);
        }
        try {
            return JSON.readValue(json, WidgetConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored widget settings cannot be read back: " + e.getOriginalMessage(), e);
        }
    }
}
