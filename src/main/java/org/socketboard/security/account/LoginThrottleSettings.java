package org.socketboard.security.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code socketboard.login.*}: after {@code maxFailures} wrong passwords for one username (or
 * {@code maxFailuresPerAddress} from one client address) within {@code failureWindow}, sign-in is
 * refused for {@code lockout}, doubling with each further failure up to {@code maxLockout}.
 */
@ConfigurationProperties("socketboard.login")
public record LoginThrottleSettings(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("30s") Duration lockout,
        @DefaultValue("15m") Duration maxLockout) {
}
