package org.socketboard.security.account;

import org.junit.jupiter.api.Test;
import org.socketboard.security.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleSettings(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15)), clock);

    @Test
    void fourFailuresAreToleratedAndTheFifthLocksTheUsernameForThirtySeconds() {
        failTimes("alice", 4);
        assertThat(throttle.lockoutRemaining("alice", "10.0.0.1")).isEmpty();
        throttle.recordFailure("alice", "10.0.0.1");
        assertThat(throttle.lockoutRemaining("alice", "10.0.0.2")).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockoutRemaining("bob", "10.0.0.2")).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheLockoutUpToTheMaximum() {
        failTimes("alice", 5);
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.lockoutRemaining("alice", null)).isEmpty();
        throttle.recordFailure("alice", null);
        assertThat(throttle.lockoutRemaining("alice", null)).contains(Duration.ofSeconds(60));
        failTimes("alice", 10);
        assertThat(throttle.lockoutRemaining("alice", null)).contains(Duration.ofMinutes(15));
    }

    @Test
    void usernamesAreThrottledRegardlessOfCase() {
        failTimes("Alice", 5);
        assertThat(throttle.lockoutRemaining(" alice ", null)).isPresent();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        failTimes("alice", 4);
        clock.advance(Duration.ofMinutes(16));
        throttle.recordFailure("alice", null);
        assertThat(throttle.lockoutRemaining("alice", null)).isEmpty();
    }

    @Test
    void aSuccessfulSignInClearsTheUsernameCount() {
        failTimes("alice", 4);
        throttle.recordSuccess("alice");
        throttle.recordFailure("alice", null);
        assertThat(throttle.lockoutRemaining("alice", null)).isEmpty();
    }

    @Test
    void oneAddressGuessingManyUsernamesIsLockedOutAfterTwentyFailures() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, "10.0.0.9");
        }
        assertThat(throttle.lockoutRemaining("someone-else", "10.0.0.9")).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockoutRemaining("someone-else", "10.0.0.8")).isEmpty();
    }

    private void failTimes(String username, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(username, "10.0.0.1");
        }
    }
}
