package org.socketboard.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a connection test from the import page may take (defaults as in ConnectionTestRequest).
 *
 * @param connectTimeout   for the TCP connect and the opening handshake each
 * @param firstMessageWait how long to wait for the first message once connected
 */
@ConfigurationProperties("socketboard.services.test")
public record ConnectionTestSettings(@DefaultValue("10s") Duration connectTimeout,
                                     @DefaultValue("5s") Duration firstMessageWait) {
}
