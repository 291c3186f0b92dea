package org.socketboard.variable.runtime;

import java.time.Instant;

/**
 * A message as it crossed the wire, for the inspector's raw log.
 *
 * @param size the whole message's size (characters, or bytes for binary)
 * @param text the message, cut to a few KB
 */
public record RawFrame(Instant at, Direction direction, int size, String text) {

    public enum Direction { IN, OUT }
}
