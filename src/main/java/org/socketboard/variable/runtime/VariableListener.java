package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Hooks into a live variable's life. All methods have defaults, so a listener implements only what
 * it needs. They run on the connection's or the caller's thread and must not block.
 */
public interface VariableListener {

    default void beforeOpen(LiveVariable variable, Veto veto) {
    }

    default void open(LiveVariable variable) {
    }

    /** Returns the message to send (possibly edited); {@code veto} stops it. */
    default String beforeSend(LiveVariable variable, String message, Veto veto) {
        return message;
    }

    /** Returns the message to keep (possibly transformed), or null to drop it. Runs before the record path. */
    default JsonNode messageReceive(LiveVariable variable, JsonNode message) {
        return message;
    }

    /**
     * The records of one message after they were applied to the dataset (masked, as the dataset holds
     * them), on the connection's thread; e.g. to share them with other server instances.
     */
    default void recordsApplied(LiveVariable variable, List<JsonNode> records) {
    }

    default void error(LiveVariable variable, String reason) {
    }

    default void beforeClose(LiveVariable variable, Veto veto) {
    }

    default void close(LiveVariable variable, int code, String reason) {
    }
}
