package org.socketboard.upstream;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A TLS server on loopback with a freshly generated self-signed certificate (keytool of the running JDK). */
class TlsContextFactoryTest {

    @TempDir
    Path dir;
    private SSLServerSocket server;
    private Thread acceptor;

    @BeforeEach
    void startTlsServerWithASelfSignedCertificate() throws Exception {
        keytool("-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,dns:feed.invalid", "-validity", "2",
                "-keystore", dir.resolve("server.p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", dir.resolve("server.p12").toString(),
                "-storepass", "changeit", "-file", dir.resolve("ca.pem").toString());

        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
            keyStore.load(in, "changeit".toCharArray());
        }
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        var serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0);
        acceptor = new Thread(this::acceptAndHandshake, "tls-test-server");
        acceptor.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    @Test
    void aServerWithAnUnknownCertificateIsRefusedByDefault() {
        var factory = new TlsContextFactory(settings(null));
        assertThatThrownBy(() -> handshake(factory.sslContext())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theExtraCaMakesItsCertificatesTrustedAndHostNamesAreStillVerified() throws Exception {
        var factory = new TlsContextFactory(settings(dir.resolve("ca.pem")));
        assertThatCode(() -> handshake(factory.sslContext())).doesNotThrowAnyException();
        assertThat(factory.sslContext().getSocketFactory()).isNotNull();
    }

    @Test
    void theUpstreamWebSocketClientUsesThisTrust() throws Exception {
        URI uri = URI.create("wss://localhost:" + server.getLocalPort() + "/feed");
        var endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }
        };
        var handshake = new UpstreamClient.Handshake(uri, Map.of(), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (var untrusting = new UpstreamClient(new TlsContextFactory(settings(null)).sslContext(), any -> { }, 5, Duration.ofSeconds(5));
             var trusting = new UpstreamClient(new TlsContextFactory(settings(dir.resolve("ca.pem"))).sslContext(), any -> { }, 5, Duration.ofSeconds(5))) {
            assertThat(failureOf(untrusting.connect(endpoint, handshake))).startsWith("TLS failure: the server's certificate is not trusted");
            // Trusted: TLS succeeds; this server then hangs up instead of answering the upgrade request.
            assertThat(failureOf(trusting.connect(endpoint, handshake))).doesNotStartWith("TLS failure");
        }
    }

    /**
     * A connection pinned to the checked address (issue 11 §5) still sends the name as SNI and checks the
     * certificate against it: the certificate names feed.invalid and localhost, not the address.
     */
    @Test
    void aConnectionToTheCheckedAddressVerifiesTheCertificateForTheName() throws Exception {
        var endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }
        };
        UpstreamClient.AddressPolicy loopback = target -> InetAddress.getLoopbackAddress();
        var named = new UpstreamClient.Handshake(URI.create("wss://feed.invalid:" + server.getLocalPort() + "/feed"),
                Map.of(), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1));
        var otherName = new UpstreamClient.Handshake(URI.create("wss://other.invalid:" + server.getLocalPort() + "/feed"),
                Map.of(), List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (var trusting = new UpstreamClient(new TlsContextFactory(settings(dir.resolve("ca.pem"))).sslContext(), loopback, 5,
                Duration.ofSeconds(5))) {
            // TLS succeeds; this server then hangs up instead of answering the upgrade request.
            assertThat(failureOf(trusting.connect(endpoint, named))).doesNotStartWith("TLS failure");
            assertThat(failureOf(trusting.connect(endpoint, otherName))).isEqualTo("TLS failure: the server's certificate is for another host name");
        }
    }

    private static String failureOf(CompletableFuture<?> connecting) {
        try {
            connecting.get(10, TimeUnit.SECONDS);
            throw new AssertionError("The handshake succeeded against a server that speaks no WebSocket");
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            return UpstreamClient.describe(e);
        }
    }

    @Test
    void anUnreadableExtraCaStopsWithAClearMessage() throws IOException {
        Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> new TlsContextFactory(settings(dir.resolve("missing.pem"))))
                .hasMessageStartingWith("socketboard.connect.extra-ca: cannot read the CA certificates in");
        assertThatThrownBy(() -> new TlsContextFactory(settings(dir.resolve("empty.pem"))))
                .hasMessageContaining("no certificate in");
    }

    private void handshake(SSLContext context) throws IOException {
        try (var socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.getLocalPort())) {
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // as the JDK HttpClient does
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
        }
    }

    private void acceptAndHandshake() {
        while (!server.isClosed()) {
            try (var client = (SSLSocket) server.accept()) {
                client.setSoTimeout(5000);
                client.startHandshake();
            } catch (IOException closedOrRefused) {
                // a refused handshake is what some tests expect; a closed server ends the loop
            }
        }
    }

    private static ConnectionSettings settings(Path extraCa) {
        return new ConnectionSettings(List.of(), List.of(), true, Duration.ofSeconds(10), Duration.ofSeconds(10),
                DataSize.ofMegabytes(1), 200, 50, 20, extraCa);
    }

    private static void keytool(String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
