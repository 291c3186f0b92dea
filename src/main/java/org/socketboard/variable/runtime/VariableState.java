package org.socketboard.variable.runtime;

/** Where a live variable's connection stands (shown as text by the UI: {@code variable-state}). */
public enum VariableState {
    /** Not connected, by choice (never opened, or closed). */
    CLOSED,
    /** The first connection attempt after {@code open()} is under way. */
    CONNECTING,
    OPEN,
    /** The connection was lost; a new attempt is scheduled or under way. */
    RECONNECTING,
    /** Gave up: the connection failed and reconnecting is off or out of attempts. */
    FAILED
}
