package org.socketboard.service.domain;

import jakarta.persistence.Converter;
import org.socketboard.base.JsonListConverter;

/** A tree of inferred fields as one JSON text column (children nest inside their parent). */
@Converter
public class FieldMetaListConverter extends JsonListConverter<FieldMeta> {

    public FieldMetaListConverter() {
        super(FieldMeta.class);
    }
}
