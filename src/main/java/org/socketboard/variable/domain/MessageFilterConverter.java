package org.socketboard.variable.domain;

import jakarta.persistence.Converter;
import org.socketboard.base.JsonValueConverter;

/** A variable's {@link MessageFilter} as one JSON text column; null or blank reads as {@link MessageFilter#NONE}. */
@Converter
public class MessageFilterConverter extends JsonValueConverter<MessageFilter> {

    public MessageFilterConverter() {
        super(MessageFilter.class, () -> MessageFilter.NONE, "the message filter");
    }
}
