package org.socketboard.variable.runtime;

import java.time.Instant;

/**
 * Messages per second over the last few whole seconds: one counter per second in a small ring, so
 * recording is O(1) and nothing grows. The current, unfinished second is not counted.
 */
final class MessageRate {

    private final int windowSeconds;
    private final long[] counts;
    private final long[] seconds;

    MessageRate(int windowSeconds) {
        this.windowSeconds = windowSeconds;
        // One extra slot for the second in progress.
        this.counts = new long[windowSeconds + 1];
        this.seconds = new long[windowSeconds + 1];
    }

    /** {@code messages} received at {@code at} (0 for a frame that held none). */
    synchronized void record(Instant at, int messages) {
        long second = at.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) counts.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += messages;
    }

    synchronized double perSecond(Instant now) {
        long current = now.getEpochSecond();
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            long age = current - seconds[slot];
            if (age >= 1 && age <= windowSeconds) {
                total += counts[slot];
            }
        }
        return (double) total / windowSeconds;
    }
}
