package org.socketboard.security;

import org.socketboard.upstream.UpstreamClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;

/**
 * The one JDK HTTP client of all upstream WebSockets (connection tests and live variables): TLS
 * verified against the JDK's CAs plus {@code socketboard.connect.extra-ca}, the TCP connect timeout of
 * {@code socketboard.connect.connect-timeout}. One for the server because on Java 17 a client cannot
 * be closed and keeps a selector thread.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamHttpClientConfig {

    @Bean
    HttpClient upstreamHttpClient(TlsContextFactory tls, ConnectionSettings settings) {
        return HttpClient.newBuilder()
                .sslContext(tls.sslContext())
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * The WebSocket client of live variables: the same TLS trust; every redirect hop passes the
     * connection policy.
     */
    @Bean(destroyMethod = "close")
    UpstreamClient upstreamClient(TlsContextFactory tls, ConnectionPolicy policy, ConnectionSettings settings) {
        return new UpstreamClient(tls.sslContext(), policy::check, settings.maxRedirects());
    }
}
