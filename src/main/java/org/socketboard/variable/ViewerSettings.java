package org.socketboard.variable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long an application variable stays open after its last viewer left
 * ({@code socketboard.variables.idle-grace}, default 60 s): a reload or a quick switch between
 * dashboards then keeps its connection and records instead of starting over.
 */
@ConfigurationProperties("socketboard.variables")
public record ViewerSettings(@DefaultValue("60s") Duration idleGrace) {

    public ViewerSettings {
        if (idleGrace == null || idleGrace.isNegative()) {
            throw new IllegalArgumentException("socketboard.variables.idle-grace must be 0 or more, not " + idleGrace);
        }
    }
}
