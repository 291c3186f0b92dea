package org.socketboard.security.account;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: counts recent sign-in failures per username and per client address
 * and, past the limit, refuses further attempts for a delay that doubles with each new failure.
 * In memory: a restart forgets the counts, which only gives an attacker one more short burst.
 */
@Component
public class LoginThrottle {

    private static final String USER = "user:";
    private static final String ADDRESS = "address:";

    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long sign-in stays refused for this username or address; empty when an attempt may proceed. */
    public synchronized Optional<Duration> lockoutRemaining(String username, String address) {
        var now = clock.instant();
        var byUser = remaining(USER + Usernames.normalize(username), settings.maxFailures(), now);
        var byAddress = address == null ? Duration.ZERO : remaining(ADDRESS + address, settings.maxFailuresPerAddress(), now);
        var longest = byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
        return !longest.isNegative() && !longest.isZero() ? Optional.of(longest) : Optional.empty();
    }

    public synchronized void recordFailure(String username, String address) {
        var now = clock.instant();
        add(USER + Usernames.normalize(username), now);
        if (address != null) {
            add(ADDRESS + address, now);
        }
    }

    /** A correct password clears the username's count (not the address's: one valid account must not reset a guessing client). */
    public synchronized void recordSuccess(String username) {
        failures.remove(USER + Usernames.normalize(username));
    }

    @Scheduled(fixedDelayString = "PT1M")
    synchronized void forgetExpiredFailures() {
        var now = clock.instant();
        failures.values().forEach(times -> dropExpired(times, now));
        failures.values().removeIf(Deque::isEmpty);
    }

    private void add(String key, Instant now) {
        var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        dropExpired(times, now);
        times.addLast(now);
    }

    private Duration remaining(String key, int limit, Instant now) {
        var times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        dropExpired(times, now);
        if (times.size() < limit) {
            return Duration.ZERO;
        }
        var until = times.getLast().plus(lockoutFor(times.size() - limit));
        return Duration.between(now, until);
    }

    private Duration lockoutFor(int failuresBeyondLimit) {
        var lockout = settings.lockout();
        for (int i = 0; i < failuresBeyondLimit && lockout.compareTo(settings.maxLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(settings.maxLockout()) < 0 ? lockout : settings.maxLockout();
    }

    private void dropExpired(Deque<Instant> times, Instant now) {
        var oldest = now.minus(settings.failureWindow());
        while (!times.isEmpty() && times.getFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }
}
