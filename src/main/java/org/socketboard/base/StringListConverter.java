package org.socketboard.base;

import jakarta.persistence.Converter;

/** A list of strings as one JSON text column. */
@Converter
public class StringListConverter extends JsonListConverter<String> {

    public StringListConverter() {
        super(String.class);
    }
}
