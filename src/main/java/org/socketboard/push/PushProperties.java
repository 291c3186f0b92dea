package org.socketboard.push;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often dirty UIs are flushed ({@code socketboard.push.interval}, 250 ms: at most four pushes a
 * second per tab) and how many threads run the flushes ({@code socketboard.push.threads}), so that one
 * slow tab holds at most one of them.
 */
@ConfigurationProperties("socketboard.push")
public record PushProperties(@DefaultValue("250ms") Duration interval, @DefaultValue("4") int threads) {

    public PushProperties {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("socketboard.push.interval must be positive, not " + interval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("socketboard.push.threads must be at least 1, not " + threads);
        }
    }
}
