package org.socketboard.demofeed;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When a feed session sends, and how many messages at a time. Called by one stream only, one tick
 * after the other, so implementations keep plain state.
 */
interface Pacing {

    /** Delay before the first tick. */
    long initialDelayNanos();

    /** How many messages to send on the tick happening at {@code nowNanos} ({@link System#nanoTime()}). */
    int due(long nowNanos);

    /** Delay until the next tick. */
    long nextDelayNanos();

    /** {@code perSecond} messages a second, the first one at once. */
    static Pacing steady(double perSecond) {
        return new Steady(TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** One message after each random gap between {@code min} and {@code max}. */
    static Pacing irregular(Duration min, Duration max, RandomGenerator random) {
        return new Irregular(min.toNanos(), max.toNanos(), random);
    }

    /**
     * Ticks every period, but never more often than every 10 ms: above 100 messages a second a tick
     * sends a batch, since a scheduler task per message would cost more than the sending.
     */
    final class Steady implements Pacing {

        private static final long SHORTEST_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
        /**
         * After a late tick (busy machine, slow client, GC pause) at most this much time's worth is caught
         * up, so that the rate holds through scheduling jitter but a long stall does not end in a burst.
         */
        private static final long CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

        private final double periodNanos;
        private final long tickNanos;
        private final long largestBatch;
        private long startNanos;
        private long scheduledSoFar;

        private Steady(double periodNanos) {
            this.periodNanos = periodNanos;
            this.tickNanos = Math.max(SHORTEST_TICK_NANOS, Math.round(periodNanos));
            this.largestBatch = Math.max(1, Math.round(CATCH_UP_NANOS / periodNanos));
        }

        @Override
        public long initialDelayNanos() {
            return 0;
        }

        @Override
        public int due(long nowNanos) {
            if (scheduledSoFar == 0) {
                startNanos = nowNanos;
            }
            long target = (long) ((nowNanos - startNanos) / periodNanos) + 1;
            long owed = Math.min(target - scheduledSoFar, largestBatch);
            scheduledSoFar = target;
            return (int) owed;
        }

        @Override
        public long nextDelayNanos() {
            return tickNanos;
        }
    }

    final class Irregular implements Pacing {

        private final long minNanos;
        private final long maxNanos;
        private final RandomGenerator random;

        private Irregular(long minNanos, long maxNanos, RandomGenerator random) {
            this.minNanos = minNanos;
            this.maxNanos = maxNanos;
            this.random = random;
        }

        @Override
        public long initialDelayNanos() {
            return nextDelayNanos();
        }

        @Override
        public int due(long nowNanos) {
            return 1;
        }

        @Override
        public long nextDelayNanos() {
            return random.nextLong(minNanos, maxNanos + 1);
        }
    }
}
