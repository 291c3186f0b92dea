package org.socketboard.push;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often a UI may be flushed ({@code socketboard.push.interval}, 250 ms: at most four pushes a
 * second per tab), how many threads run the flushes ({@code socketboard.push.threads}), so that one
 * slow tab holds at most one of them, and whether the first change after a quiet interval is pushed
 * at once ({@code socketboard.push.immediate-first-flush}, true; false waits for the next tick of
 * the interval, as before issue 15, which the push benchmark uses as its baseline).
 */
@ConfigurationProperties("socketboard.push")
public record PushProperties(@DefaultValue("250ms") Duration interval, @DefaultValue("4") int threads,
                             @DefaultValue("true") boolean immediateFirstFlush) {

    public PushProperties {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("socketboard.push.interval must be positive, not " + interval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("socketboard.push.threads must be at least 1, not " + threads);
        }
    }
}
