package org.socketboard.upstream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where a redirect (RFC 9110 §15.4) of an opening handshake points. Tomcat 10.1's client follows
 * 301, 302, 303 and 307 itself but not 308, and keeps the answer's headers to itself, also of a redirect
 * it does not follow; so the same upgrade request (RFC 6455 §4.1) is sent once more on a plain socket
 * and only the status line and headers of the answer are read. An {@code http}/{@code https} target
 * becomes {@code ws}/{@code wss}; a relative one is resolved against the request's address.
 */
final class RedirectLocation {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final SecureRandom KEYS = new SecureRandom();

    private RedirectLocation() {
    }

    /**
     * @param address where {@code uri}'s host was checked to be (the name is not resolved again)
     * @param status  the redirect status the server answered (e.g. 308)
     * @return the target of the server's answer, or empty when it now answers otherwise or names none
     * @throws IOException when the server cannot be reached or answers no HTTP
     */
    static Optional<URI> location(URI uri, InetAddress address, Map<String, String> headers, SSLContext sslContext,
                                  Duration timeout, int status) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), millis);
            plain.setSoTimeout(millis);
            Socket socket = secure ? tls(plain, uri.getHost(), port, sslContext) : plain;
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, port, secure, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return locationIn(head(socket.getInputStream()), status).map(target -> asWebSocket(uri.resolve(target)));
        }
    }

    private static Socket tls(Socket plain, String host, int port, SSLContext sslContext) throws IOException {
        SSLSocket socket = (SSLSocket) sslContext.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String request(URI uri, int port, boolean secure, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        boolean defaultPort = port == (secure ? 443 : 80);
        byte[] key = new byte[16];
        KEYS.nextBytes(key);
        StringBuilder request = new StringBuilder("GET ").append(path).append(query).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** The status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Optional<String> locationIn(String head, int status) throws IOException {
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/")) {
            throw new IOException("The server did not answer in HTTP");
        }
        if (!lines[0].matches("HTTP/\\S+ " + status + "( .*)?")) {
            return Optional.empty();
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Location")) {
                String target = line.substring(colon + 1).trim();
                return target.isEmpty() ? Optional.empty() : Optional.of(target);
            }
        }
        return Optional.empty();
    }

    private static URI asWebSocket(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String mapped = switch (scheme) {
            case "http" -> "ws";
            case "https" -> "wss";
            default -> scheme;
        };
        return mapped.equals(scheme) ? target : URI.create(mapped + target.toString().substring(scheme.length()));
    }
}
