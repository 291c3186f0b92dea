package org.socketboard.upstream;

import org.springframework.stereotype.Component;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/**
 * The TLS settings of upstream {@code wss://} connections: certificates are always verified against
 * the JDK's trusted CAs, plus the CA certificates of {@code socketboard.connect.extra-ca} (a PEM file)
 * when set, e.g. for an internal CA. There is deliberately no way to trust everything.
 */
@Component
public class TlsContextFactory {

    private final SSLContext sslContext;

    public TlsContextFactory(ConnectionSettings settings) {
        this.sslContext = settings.extraCa() == null ? defaultContext() : trustingAlso(settings.extraCa());
    }

    /** For the upstream WebSocket client ({@code UpstreamClientConfig}). */
    public SSLContext sslContext() {
        return sslContext;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no default TLS context", e);
        }
    }

    private static SSLContext trustingAlso(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (var issuer : jdkTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jdk-" + index++, issuer);
            }
            var extra = CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (extra.isEmpty()) {
                throw new IllegalStateException("socketboard.connect.extra-ca: no certificate in " + pemFile);
            }
            for (var certificate : extra) {
                trusted.setCertificateEntry("extra-" + index++, certificate);
            }
            var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("socketboard.connect.extra-ca: cannot read the CA certificates in "
                    + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JDK has no X.509 trust manager");
    }
}
