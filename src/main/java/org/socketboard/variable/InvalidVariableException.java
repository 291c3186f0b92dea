package org.socketboard.variable;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A variable was not saved because of these field errors (one message per field, for people). */
public class InvalidVariableException extends RuntimeException {

    private final Map<VariableField, String> errors;

    public InvalidVariableException(Map<VariableField, String> errors) {
        super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        this.errors = Collections.unmodifiableMap(new EnumMap<>(errors));
    }

    public Map<VariableField, String> errors() {
        return errors;
    }
}
