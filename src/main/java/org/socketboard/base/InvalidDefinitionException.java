package org.socketboard.base;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A definition (service, variable, dashboard or widget) that was refused as a whole: nothing was
 * stored. Carries one message for people per field, keyed by the feature's field enum and ordered as
 * that enum declares its fields (the order of the form), so a view marks each field and the API
 * names each field in the same order.
 */
public class InvalidDefinitionException extends RuntimeException {

    private static final Comparator<Enum<?>> FORM_ORDER =
            Comparator.<Enum<?>, String>comparing(field -> field.getDeclaringClass().getName())
                    .thenComparingInt(Enum::ordinal);

    private final transient Map<Enum<?>, String> errors;

    /** @param errors at least one field's message, e.g. {@code ServiceField.URL → "Use ws:// or wss://"} */
    public InvalidDefinitionException(Map<? extends Enum<?>, String> errors) {
        super(errors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(FORM_ORDER))
                .map(error -> error.getKey() + ": " + error.getValue())
                .collect(Collectors.joining("; ")));
        Map<Enum<?>, String> ordered = new LinkedHashMap<>();
        errors.entrySet().stream().sorted(Map.Entry.comparingByKey(FORM_ORDER))
                .forEach(error -> ordered.put(error.getKey(), error.getValue()));
        this.errors = Collections.unmodifiableMap(ordered);
    }

    public InvalidDefinitionException(Enum<?> field, String message) {
        this(Map.of(field, message));
    }

    /** Every field's message, in form order. */
    public Map<Enum<?>, String> errors() {
        return errors;
    }

    /** The messages about the fields of one form, in its order, e.g. {@code errorsOf(ServiceField.class)}. */
    public <F extends Enum<F>> Map<F, String> errorsOf(Class<F> fields) {
        Map<F, String> typed = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            if (fields.isInstance(field)) {
                typed.put(fields.cast(field), message);
            }
        });
        return typed;
    }
}
