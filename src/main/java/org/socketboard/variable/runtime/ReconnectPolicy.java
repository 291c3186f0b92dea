package org.socketboard.variable.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Automatic reconnection after a lost or failed connection: exponential backoff from
 * {@code initialDelay} doubling up to {@code maxDelay}, with jitter so that many variables cut off
 * together do not all come back in the same instant.
 *
 * <p>A reconnect storm is avoided twice over: the backoff starts again from {@code initialDelay} only
 * after a connection has stayed up for {@code stableAfter} (a server that accepts and drops at once
 * keeps the growing delays), and refusals that will not change on retry (see
 * {@link #isPermanentClose}) end in FAILED after {@code permanentFailureAttempts} in a row.
 *
 * @param maxAttempts attempts in a row before giving up (FAILED); 0 = unlimited
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts,
                              Duration stableAfter, int permanentFailureAttempts) {

    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(30);
    public static final int DEFAULT_PERMANENT_FAILURE_ATTEMPTS = 3;

    /** With the default stable period (30 s) and 3 attempts after refusals that will not change. */
    public ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts) {
        this(enabled, initialDelay, maxDelay, maxAttempts, DEFAULT_STABLE_AFTER, DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
    }

    public ReconnectPolicy {
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (stableAfter.isNegative() || permanentFailureAttempts < 1) {
            throw new IllegalArgumentException("The stable period must be 0 or more and the attempts after a permanent refusal 1 or more");
        }
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

    /**
     * Close codes that say the server will refuse again the same way (RFC 6455 7.4.1: protocol error,
     * unacceptable data, policy violation; 4000-4999: the application's own, e.g. "token expired").
     */
    public static boolean isPermanentClose(int code) {
        return code == 1002 || code == 1003 || code == 1008 || (code >= 4000 && code <= 4999);
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
