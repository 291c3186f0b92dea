package org.socketboard.push;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often a UI may be flushed ({@code socketboard.push.interval}, 250 ms: at most four pushes a
 * second per tab), how many threads run the flushes ({@code socketboard.push.threads}), so that one
 * slow tab holds at most one of them, whether the first change after a quiet interval is pushed at
 * once ({@code socketboard.push.immediate-first-flush}, true; false waits for the next tick of the
 * interval, as before issue 15, which the push benchmark uses as its baseline), and how long a UI may
 * stay behind (a flush handed to its session and not begun, or its push connection down) before it is dropped
 * ({@code socketboard.push.drop-after}, 15 s).
 */
@ConfigurationProperties("socketboard.push")
public record PushProperties(@DefaultValue("250ms") Duration interval, @DefaultValue("4") int threads,
                             @DefaultValue("true") boolean immediateFirstFlush,
                             @DefaultValue("15s") Duration dropAfter) {

    public PushProperties {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("socketboard.push.interval must be positive, not " + interval);
        }
        if (dropAfter == null || dropAfter.isZero() || dropAfter.isNegative()) {
            throw new IllegalArgumentException("socketboard.push.drop-after must be positive, not " + dropAfter);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("socketboard.push.threads must be at least 1, not " + threads);
        }
    }
}
