package org.socketboard.variable.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Automatic reconnection after a lost or failed connection: exponential backoff from
 * {@code initialDelay} doubling up to {@code maxDelay}, with jitter so that many variables cut off
 * together do not all come back in the same instant.
 *
 * @param maxAttempts attempts in a row before giving up (FAILED); 0 = unlimited
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts) {

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("Reconnect delays must satisfy 0 <= initial <= max");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("Reconnect attempts must be 0 (unlimited) or more");
        }
    }

    public static ReconnectPolicy disabled() {
        return new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 0);
    }

    /** Whether attempt number {@code attempt} (1 = the first after a loss) may be made. */
    public boolean allows(int attempt) {
        return enabled && (maxAttempts == 0 || attempt <= maxAttempts);
    }

    /**
     * The wait before attempt {@code attempt}: half of the backoff step fixed, half random
     * ("equal jitter"), so the wait never collapses to zero yet attempts spread out.
     *
     * @param random a number in [0, 1)
     */
    public Duration delayBefore(int attempt, double random) {
        long initial = initialDelay.toMillis();
        long step = Math.min(maxDelay.toMillis(), initial << Math.min(attempt - 1, 30));
        if (step < 0) {
            step = maxDelay.toMillis();
        }
        return Duration.ofMillis(step / 2 + (long) (random * (step - step / 2)));
    }
}
