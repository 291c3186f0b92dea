package org.socketboard.variable.runtime;

import java.time.Instant;

/** One entry of a variable's event log, for the inspector. */
public record VariableEvent(Instant at, Type type, String detail) {

    public enum Type { BEFORE_OPEN, OPEN, BEFORE_SEND, MESSAGE_RECEIVE, ERROR, RECONNECT, BEFORE_CLOSE, CLOSE }
}
