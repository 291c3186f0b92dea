package org.socketboard.variable.runtime;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRateTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void theRateIsTheAverageOfTheLastWholeSecondsWithoutTheCurrentOne() {
        var rate = new MessageRate(5);
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 10 * (second + 1); i++) {
                rate.record(T0.plusSeconds(second).plusMillis(i), 1);
            }
        }
        // Seconds 0..4 hold 10, 20, 30, 40, 50 messages; at second 5 all five are whole.
        assertThat(rate.perSecond(T0.plusSeconds(5))).isEqualTo(30.0);
        // At second 4.5, second 4 is still in progress: (10 + 20 + 30 + 40) / 5.
        assertThat(rate.perSecond(T0.plusMillis(4500))).isEqualTo(20.0);
    }

    @Test
    void oldSecondsFallOutOfTheWindow() {
        var rate = new MessageRate(5);
        for (int i = 0; i < 100; i++) {
            rate.record(T0, 1);
        }
        rate.record(T0.plusSeconds(7), 1);

        assertThat(rate.perSecond(T0.plusSeconds(8))).isEqualTo(0.2);
        assertThat(rate.perSecond(T0.plusSeconds(60))).isZero();
    }

    @Test
    void aFrameOfSeveralMessagesCountsEachAndAFrameOfNoneCountsNothing() {
        var rate = new MessageRate(5);
        rate.record(T0, 10);
        rate.record(T0.plusMillis(10), 0);

        assertThat(rate.perSecond(T0.plusSeconds(1))).isEqualTo(2.0);
    }
}
