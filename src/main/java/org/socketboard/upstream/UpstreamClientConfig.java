package org.socketboard.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one WebSocket client of all upstream connections (connection tests and live variables): TLS
 * verified against the JDK's CAs plus {@code socketboard.connect.extra-ca}, the first URL and every
 * redirect hop checked against the connection policy and connected to at the address it checked,
 * {@code socketboard.connect.connect-timeout} bounding each handshake step.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClientConfig {

    @Bean(destroyMethod = "close")
    UpstreamClient upstreamClient(TlsContextFactory tls, ConnectionPolicy policy, ConnectionSettings settings) {
        UpstreamClient.AddressPolicy checkedAddress = policy::check;
        return new UpstreamClient(tls.sslContext(), checkedAddress, settings.maxRedirects(), settings.connectTimeout());
    }
}
