package org.socketboard.variable.runtime;

/**
 * A variable's counters at one moment (since it was created; they survive reconnects).
 *
 * @param bytesReceived      characters of text messages plus bytes of binary ones
 * @param reconnects         reconnection attempts started
 * @param reconnectsLastMinute reconnection attempts started within the last 60 s
 * @param messagesPerSecond  received, averaged over the last few whole seconds
 */
public record VariableStats(long messagesReceived, long bytesReceived, long messagesSent, long decodeErrors,
                            long reconnects, int reconnectsLastMinute, double messagesPerSecond) {
}
