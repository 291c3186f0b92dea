package org.socketboard.service;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A service definition was refused; nothing was stored. Carries one user-facing message per field. */
public class ServiceValidationException extends RuntimeException {

    private final Map<ServiceField, String> errors;

    public ServiceValidationException(Map<ServiceField, String> errors) {
        super(errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.errors = Collections.unmodifiableMap(new EnumMap<>(errors));
    }

    public ServiceValidationException(ServiceField field, String message) {
        this(Map.of(field, message));
    }

    public Map<ServiceField, String> errors() {
        return errors;
    }
}
