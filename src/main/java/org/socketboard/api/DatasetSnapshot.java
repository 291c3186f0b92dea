package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The records an application variable holds right now, in display order.
 *
 * @param state   CLOSED, CONNECTING, OPEN, RECONNECTING or FAILED; CLOSED with no records while no
 *                dashboard tab has shown the variable and it does not connect on load, and again once
 *                the idle grace after its last viewer has passed (reading its dataset does not connect it)
 * @param version grows with every change of the dataset, so that a poller can tell whether to look again
 */
public record DatasetSnapshot(String variable, String state, long version, int size, List<JsonNode> records) {

    public DatasetSnapshot {
        records = List.copyOf(records);
    }
}
