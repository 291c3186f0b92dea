package org.socketboard.upstream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of one pinned connection: Tomcat's client creates its engine for the host of the URL it
 * is given, which is the checked IP address; this context creates it for the server's name instead, so
 * that SNI (RFC 6066 §3) and the certificate check (RFC 6125, via endpoint identification "HTTPS") use the
 * name the user wrote. Everything else is the shared context's.
 */
final class PinnedTls extends SSLContext {

    private PinnedTls(SSLContext shared, String serverName) {
        super(new Spi(shared, serverName), shared.getProvider(), shared.getProtocol());
    }

    /** @param serverName the URL's host without IPv6 brackets (an address literal gets no SNI, as usual) */
    static SSLContext naming(SSLContext shared, String serverName) {
        return new PinnedTls(shared, serverName);
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext shared;
        private final String serverName;

        Spi(SSLContext shared, String serverName) {
            this.shared = shared;
            this.serverName = serverName;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("A pinned connection's TLS context is set up from the shared one");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String ignoredAddress, int port) {
            return shared.createSSLEngine(serverName, port);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return shared.createSSLEngine();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return shared.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return shared.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return shared.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return shared.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return shared.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return shared.getSupportedSSLParameters();
        }
    }
}
