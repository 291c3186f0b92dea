package org.socketboard.demofeed;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PacingTest {

    private static final long START = 1_000_000_000L;

    @Test
    void aLowRateSendsOneMessageAtOnceAndThenOnePerPeriod() {
        Pacing pacing = Pacing.steady(2);

        assertThat(pacing.initialDelayNanos()).isZero();
        assertThat(pacing.due(START)).isEqualTo(1);
        assertThat(pacing.nextDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(pacing.due(START + TimeUnit.MILLISECONDS.toNanos(500))).isEqualTo(1);
    }

    @Test
    void aHighRateSendsABatchEveryTenMilliseconds() {
        Pacing pacing = Pacing.steady(5_000);
        long tick = pacing.nextDelayNanos();

        assertThat(tick).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        int sent = 0;
        for (int i = 0; i <= 100; i++) {
            sent += pacing.due(START + i * tick);
        }
        assertThat(sent).isEqualTo(5_001); // one at once, then 5000 over one second
    }

    @Test
    void aLateTickCatchesUpAtMostOneTenthOfASecondInsteadOfBursting() {
        Pacing pacing = Pacing.steady(5_000);
        pacing.due(START);

        assertThat(pacing.due(START + TimeUnit.MILLISECONDS.toNanos(30))).isEqualTo(150);
        assertThat(pacing.due(START + TimeUnit.SECONDS.toNanos(2))).isEqualTo(500);
        assertThat(pacing.due(START + TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(10))).isEqualTo(50);
    }

    @Test
    void anIrregularPaceSendsOneMessageAfterEachGapWithinItsBounds() {
        Duration min = Duration.ofMillis(250);
        Duration max = Duration.ofSeconds(1);
        Pacing pacing = Pacing.irregular(min, max, new Random(42));

        assertThat(pacing.initialDelayNanos()).isBetween(min.toNanos(), max.toNanos());
        for (int i = 0; i < 100; i++) {
            assertThat(pacing.due(START)).isEqualTo(1);
            assertThat(pacing.nextDelayNanos()).isBetween(min.toNanos(), max.toNanos());
        }
    }
}
