package org.socketboard.dashboard.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A bundle (or one definition) that cannot be imported, with one message per place, e.g.
 * {@code "variables[prices].service" → "Unknown service 'Ticker': …"}; nothing was stored.
 */
public class InvalidBundleException extends RuntimeException {

    private final transient Map<String, String> errors;

    public InvalidBundleException(Map<String, String> errors) {
        super(errors.entrySet().stream().map(error -> error.getKey() + ": " + error.getValue())
                .collect(Collectors.joining("; ")));
        this.errors = new LinkedHashMap<>(errors);
    }

    public static InvalidBundleException of(String where, String message) {
        return new InvalidBundleException(Map.of(where, message));
    }

    /** Where → what is wrong there, in the order found. */
    public Map<String, String> errors() {
        return errors;
    }
}
