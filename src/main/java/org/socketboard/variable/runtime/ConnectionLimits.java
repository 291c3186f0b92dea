package org.socketboard.variable.runtime;

import java.time.Duration;

/**
 * Time and size limits of a variable's connection.
 *
 * @param maxMessageSize characters of a text message or bytes of a binary one
 * @param pingInterval   keep-alive pings; a connection silent for a whole interval after a ping is
 *                       dropped (and reconnected if the policy says so); zero = no pings
 */
public record ConnectionLimits(Duration openTimeout, Duration closeTimeout, int maxMessageSize, Duration pingInterval) {

    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(5),
            MessageDecoder.DEFAULT_MAX_MESSAGE_CHARS, Duration.ofSeconds(30));
}
