package org.socketboard.service.domain;

import jakarta.persistence.Converter;
import org.socketboard.base.JsonListConverter;

/** A service's parameters as one JSON text column. */
@Converter
public class ServiceParamListConverter extends JsonListConverter<ServiceParam> {

    public ServiceParamListConverter() {
        super(ServiceParam.class);
    }
}
