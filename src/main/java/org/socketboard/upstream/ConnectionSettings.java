package org.socketboard.upstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code socketboard.connect.*}: where and how much the server may connect upstream on a user's behalf.
 *
 * @param allowedHosts          when not empty, only these hosts (exact or glob such as {@code *.example.com})
 * @param deniedHosts           never these hosts (exact or glob); wins over the allow-list
 * @param allowPrivate          whether loopback and private ranges (10/8, 172.16/12, 192.168/16, fc00::/7,
 *                              127/8, ::1) may be reached: on for the embedded default so the built-in demo
 *                              feeds work; set {@code false} in production
 * @param connectTimeout        TCP connect timeout of upstream connections
 * @param handshakeTimeout      WebSocket opening handshake timeout
 * @param maxMessageSize        largest assembled upstream message accepted
 * @param maxConnections        most upstream connections open at once, in total
 * @param maxConnectionsPerVariable most upstream connections open at once for one variable
 *                              (dashboard-scoped variables open one per dashboard tab)
 * @param maxDashboardVariablesPerUi most live variables one browser tab may hold
 * @param extraCa               a PEM file of additional CA certificates to trust besides the JDK's
 * @param pingInterval          keep-alive pings of live variables; a connection that has not answered by
 *                              the next ping is dropped and reconnected (finds half-open connections)
 * @param maxRedirects          redirect hops followed in an opening handshake, each checked against this policy
 * @param stableAfter           how long a connection must stay up before the reconnect backoff starts
 *                              again from its initial delay (so a server that accepts and drops at once
 *                              is not hammered)
 * @param permanentFailureAttempts attempts in a row that end in a refusal that will not change on retry
 *                              (close code 1002, 1003, 1008, 4000-4999; HTTP 401, 403, 404; a subprotocol
 *                              mismatch) before the variable gives up (FAILED until opened again)
 */
@ConfigurationProperties("socketboard.connect")
public record ConnectionSettings(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue List<String> deniedHosts,
        @DefaultValue("true") boolean allowPrivate,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration handshakeTimeout,
        @DefaultValue("1MB") DataSize maxMessageSize,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerVariable,
        @DefaultValue("20") int maxDashboardVariablesPerUi,
        Path extraCa,
        @DefaultValue("30s") Duration pingInterval,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("30s") Duration stableAfter,
        @DefaultValue("3") int permanentFailureAttempts) {

    @ConstructorBinding
    public ConnectionSettings {
    }

    /** With the defaults of the connection lifecycle (pings every 30 s, 5 redirects, stable after 30 s, 3 attempts). */
    public ConnectionSettings(List<String> allowedHosts, List<String> deniedHosts, boolean allowPrivate,
                              Duration connectTimeout, Duration handshakeTimeout, DataSize maxMessageSize,
                              int maxConnections, int maxConnectionsPerVariable, int maxDashboardVariablesPerUi,
                              Path extraCa) {
        this(allowedHosts, deniedHosts, allowPrivate, connectTimeout, handshakeTimeout, maxMessageSize, maxConnections,
                maxConnectionsPerVariable, maxDashboardVariablesPerUi, extraCa, Duration.ofSeconds(30), 5,
                Duration.ofSeconds(30), 3);
    }
}
