package org.socketboard.variable.runtime;

/**
 * A variable's counters at one moment (since it was created; they survive reconnects).
 *
 * @param framesReceived     whole WebSocket messages as they came off the wire (RFC 6455 §6.2), also
 *                           those that could not be decoded
 * @param messagesReceived   decoded documents: a frame of newline-delimited or concatenated JSON gives
 *                           one message per document, a frame that could not be read gives none
 * @param bytesReceived      characters of text messages plus bytes of binary ones
 * @param reconnects         reconnection attempts started
 * @param reconnectsLastMinute reconnection attempts started within the last 60 s
 * @param messagesPerSecond  messages (documents) received, averaged over the last few whole seconds
 * @param filteredOut        decoded messages the message filter dropped
 * @param skipped            decoded messages with nothing at the record path (heartbeats, acknowledgements):
 *                           they left the dataset as it was
 */
public record VariableStats(long framesReceived, long messagesReceived, long bytesReceived, long messagesSent, long decodeErrors,
                            long reconnects, int reconnectsLastMinute, double messagesPerSecond,
                            long filteredOut, long skipped) {
}
