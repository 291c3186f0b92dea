package org.socketboard.dashboard;

import java.util.Map;
import java.util.stream.Collectors;

/** A dashboard or widget that cannot be stored, with one message per bad field; nothing was stored. */
public class InvalidDashboardException extends RuntimeException {

    private final transient Map<DashboardField, String> errors;

    public InvalidDashboardException(Map<DashboardField, String> errors) {
        super(errors.entrySet().stream()
                .map(error -> error.getKey() + ": " + error.getValue())
                .collect(Collectors.joining("; ")));
        this.errors = Map.copyOf(errors);
    }

    public Map<DashboardField, String> errors() {
        return errors;
    }
}
