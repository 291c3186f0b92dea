package org.socketboard.demofeed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code socketboard.feeds.*}: who may use the built-in feeds and how much, so that they stay a demo
 * and not free load for anyone who finds the server.
 *
 * @param enabled                  whether {@code /feeds/…} answers at all; defaults to
 *                                 {@code socketboard.demo.enabled} (see application.properties). Off: the
 *                                 handshake is refused with 404
 * @param maxRate                  the highest {@code rate} (messages per second per connection) accepted;
 *                                 above it the connection closes with 1008 and the accepted range
 * @param maxConnections           feed connections open at once, in total
 * @param maxConnectionsPerClient  feed connections open at once from one remote address (the server's own
 *                                 variables connect from loopback and count as one client)
 */
@ConfigurationProperties("socketboard.feeds")
public record FeedSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int maxRate,
        @DefaultValue("64") int maxConnections,
        @DefaultValue("16") int maxConnectionsPerClient) {

    /** The {@code rate} parameter as this server accepts it: {@link RangedParameter#RATE} capped at {@link #maxRate}. */
    RangedParameter rate() {
        return RangedParameter.RATE.cappedAt(maxRate);
    }
}
