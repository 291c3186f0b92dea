package org.socketboard.variable.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofMillis(1000), 5);

    @Test
    void theWaitDoublesWithEachAttemptUpToTheMaximumWithHalfOfItRandom() {
        assertThat(policy.delayBefore(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delayBefore(1, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy.delayBefore(3, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(3, 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.delayBefore(60, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBefore(60, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    }

    @Test
    void attemptsStopAtTheMaximumUnlessItIsZeroOrReconnectingIsOff() {
        assertThat(policy.allows(5)).isTrue();
        assertThat(policy.allows(6)).isFalse();
        assertThat(new ReconnectPolicy(true, Duration.ofMillis(1), Duration.ofMillis(1), 0).allows(1_000_000)).isTrue();
        assertThat(ReconnectPolicy.disabled().allows(1)).isFalse();
    }

    @Test
    void closesThatWillNotChangeOnRetryAreKnownByTheirCode() {
        assertThat(java.util.stream.IntStream.of(1002, 1003, 1008, 4000, 4001, 4999)).allMatch(ReconnectPolicy::isPermanentClose);
        assertThat(java.util.stream.IntStream.of(1000, 1001, 1006, 1009, 1011, 1012, 1013, 3000, 5000)).noneMatch(ReconnectPolicy::isPermanentClose);
    }

    @Test
    void inconsistentDelaysOrNegativeAttemptsAreRefused() {
        assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .hasMessageContaining("0 <= initial <= max");
        assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), -1))
                .hasMessageContaining("0 (unlimited)");
        assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(-1), 3))
                .hasMessageContaining("stable period");
        assertThatThrownBy(() -> new ReconnectPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO, 0))
                .hasMessageContaining("permanent refusal");
    }
}
