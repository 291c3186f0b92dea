package org.socketboard.upstream;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.AuthenticationException;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.nio.channels.UnresolvedAddressException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens upstream WebSockets with Tomcat's JSR-356 client ({@link WsWebSocketContainer}). Chosen over
 * the JDK's {@code java.net.http.WebSocket}, which loses the end of a connection that breaks while a
 * message is being handled (see docs/design-notes.md): Tomcat reads the next bytes only after a message
 * handler has returned (so a slow consumer slows the socket) and reports the end of the stream as a
 * 1006 close every time.
 *
 * <p>Redirects (301, 302, 303, 307 by Tomcat; 308, which Tomcat 10.1 does not follow, by
 * {@link RedirectLocation}) are followed up to {@code maxRedirects} hops each way; every hop is
 * checked against the connection policy again before its request is sent. Handshakes block, so they run on a
 * small pool of daemon threads; messages arrive on Tomcat's I/O threads.
 */
public final class UpstreamClient implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("\\[(\\d{3})]");
    /** Tomcat's "Cyclic Location header [target] detected / reached max number of redirects ...". */
    private static final Pattern REDIRECT_TARGET = Pattern.compile("Location header \\[([^\\]]*)]");
    /** A Location is the server's text: shown, but not at any length. */
    private static final int MAX_SHOWN_TARGET = 200;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(305, "Use Proxy"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(426, "Upgrade Required"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final WsWebSocketContainer container = new WsWebSocketContainer();
    private final SSLContext sslContext;
    private final Consumer<URI> redirectPolicy;
    private final int maxRedirects;
    private final Duration connectTimeout;
    private final ExecutorService handshakes;

    /**
     * @param sslContext     TLS trust of {@code wss://} connections
     * @param redirectPolicy asked for every redirect target before its request is sent; throws a
     *                       runtime exception whose message says why not
     * @param maxRedirects   redirect hops followed at most (0 = none)
     * @param connectTimeout the longest any step of a handshake may take (Tomcat has one I/O timeout for
     *                       TCP connect, TLS, request and answer); a handshake's own limit may be shorter
     */
    public UpstreamClient(SSLContext sslContext, Consumer<URI> redirectPolicy, int maxRedirects, Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.redirectPolicy = Objects.requireNonNull(redirectPolicy, "redirectPolicy");
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("The maximum number of redirects must be 0 or more");
        }
        this.maxRedirects = maxRedirects;
        AtomicInteger threads = new AtomicInteger();
        // Idle handshake threads end after a minute; no queue, a new thread when all are busy.
        this.handshakes = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "upstream-handshake-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The JDK's trusted CAs, every redirect allowed up to 5 hops, 10 s per handshake step: for tests and benches. */
    public static UpstreamClient withDefaults() {
        try {
            return new UpstreamClient(SSLContext.getDefault(), uri -> { }, 5, Duration.ofSeconds(10));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no default TLS context", e);
        }
    }

    /**
     * What to ask for in one opening handshake.
     *
     * @param headers      sent with the upgrade request (names the client manages are refused earlier)
     * @param subprotocols offered in order of preference; the server must choose one of these or none
     * @param ioTimeout    for each step of the handshake (TCP connect, TLS, request, response)
     * @param sendTimeout  how long a blocking send (close, ping) may wait before the socket is dropped
     */
    public record Handshake(URI uri, Map<String, String> headers, List<String> subprotocols, Duration ioTimeout,
                            Duration sendTimeout) {
        public Handshake {
            Objects.requireNonNull(uri, "uri");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
            Objects.requireNonNull(ioTimeout, "ioTimeout");
            Objects.requireNonNull(sendTimeout, "sendTimeout");
        }
    }

    /**
     * Connects on a handshake thread. {@code endpoint.onOpen} runs before the future completes, and may
     * already receive the first messages. Fails with the cause; {@link #describe} turns it into words.
     */
    public CompletableFuture<Session> connect(Endpoint endpoint, Handshake handshake) {
        return CompletableFuture.supplyAsync(() -> {
            Handshake current = handshake;
            for (int permanentRedirects = 0; ; permanentRedirects++) {
                try {
                    return connectOnce(endpoint, current);
                } catch (HandshakeFailedException failed) {
                    if (failed.status() != 308 || maxRedirects == 0) {
                        throw failed;
                    }
                    if (permanentRedirects == maxRedirects) {
                        throw new HandshakeFailedException("Too many redirects: more than " + maxRedirects
                                + " (or a loop); the last one led to " + hostAndPort(current.uri()), 0, true);
                    }
                    current = followPermanentRedirect(current, failed);
                }
            }
        }, handshakes);
    }

    /** The same handshake at the target of a 308, checked against the policy like every other hop. */
    private Handshake followPermanentRedirect(Handshake handshake, HandshakeFailedException redirect) {
        URI target;
        try {
            target = RedirectLocation.location(handshake.uri(), handshake.headers(), sslContext, ioTimeoutOf(handshake), 308)
                    .orElseThrow(() -> redirect);
        } catch (IOException unreachable) {
            throw redirect;
        }
        try {
            redirectPolicy.accept(target);
        } catch (RuntimeException refused) {
            throw new HandshakeFailedException("Redirected to " + target.getHost() + ", which may not be connected to: "
                    + refused.getMessage(), 308, true);
        }
        return new Handshake(target, handshake.headers(), handshake.subprotocols(), handshake.ioTimeout(), handshake.sendTimeout());
    }

    private static String shortened(String target) {
        return target.length() <= MAX_SHOWN_TARGET ? target : target.substring(0, MAX_SHOWN_TARGET) + "…";
    }

    private static String hostAndPort(URI uri) {
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }

    private Duration ioTimeoutOf(Handshake handshake) {
        return handshake.ioTimeout().compareTo(connectTimeout) < 0 ? handshake.ioTimeout() : connectTimeout;
    }

    private Session connectOnce(Endpoint endpoint, Handshake handshake) {
        Hops hops = new Hops(handshake);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(handshake.subprotocols())
                .configurator(hops)
                .sslContext(sslContext)
                .build();
        Map<String, Object> properties = config.getUserProperties();
        properties.put(Constants.IO_TIMEOUT_MS_PROPERTY, Long.toString(ioTimeoutOf(handshake).toMillis()));
        properties.put(Constants.MAX_REDIRECTIONS_PROPERTY, Integer.toString(maxRedirects));
        properties.put(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, handshake.sendTimeout().toMillis());
        try {
            return container.connectToServer(endpoint, config, handshake.uri());
        } catch (HandshakeFailedException failed) {
            throw failed;
        } catch (DeploymentException | RuntimeException e) {
            RuntimeException explained = hops.explain(e);
            throw explained instanceof HandshakeFailedException ? explained : new CompletionException(explained);
        }
    }

    /**
     * Sends the close frame and drops the socket without waiting for the server's answer, on a pool
     * thread: sending may block (up to the handshake's send timeout) when the server reads nothing, and
     * callers include UI threads. The session's endpoint hears {@code onClose} with {@code reason}.
     */
    public CompletableFuture<Void> close(Session session, CloseReason reason) {
        return CompletableFuture.runAsync(() -> {
            if (session instanceof WsSession tomcat) {
                tomcat.doClose(reason, reason, true);
            } else {
                try {
                    session.close(reason);
                } catch (java.io.IOException alreadyGone) {
                    // The connection is gone either way.
                }
            }
        }, handshakes);
    }

    /** Sessions still open are closed by their owners; this ends the handshake threads and Tomcat's I/O group. */
    @Override
    public void close() {
        handshakes.shutdownNow();
        container.destroy();
    }

    /** The standard reason phrase of an HTTP status ("Forbidden"), or "" when it has none we know. */
    static String reasonOf(int status) {
        return REASONS.getOrDefault(status, "");
    }

    /** A sentence for people saying why a connection attempt or connection failed: no class names. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof HandshakeFailedException handshake) {
            return handshake.getMessage();
        }
        if (find(cause, UnresolvedAddressException.class) != null || find(cause, UnknownHostException.class) != null) {
            return "Unknown host (the name does not resolve)";
        }
        if (find(cause, ConnectException.class) != null) {
            return "Could not connect (connection refused or unreachable)";
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return describeTls(tls);
        }
        if (find(cause, TimeoutException.class) != null) {
            return "No answer within the time limit";
        }
        if (find(cause, EOFException.class) != null) {
            return "The server closed the connection during the handshake";
        }
        if (cause instanceof java.io.IOException io) {
            return "Connection failed" + (io.getMessage() == null ? "" : ": " + io.getMessage());
        }
        return cause.getMessage() == null ? "The connection failed" : "The connection failed: " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * "TLS failure: " and the reason in plain words: the JDK's own texts ("Unrecognized SSL message,
     * plaintext connection?", "PKIX path building failed: …") name its internals, so the usual causes
     * get a sentence of their own and anything else only the fact.
     */
    public static String describeTls(SSLException tls) {
        String message = String.valueOf(tls.getMessage());
        if (message.contains("Unrecognized SSL message") || message.contains("plaintext connection")) {
            return "TLS failure: the server does not speak TLS on this port (use ws:// for a plain server)";
        }
        if (find(tls, CertificateException.class) != null || message.contains("PKIX") || message.contains("certificate")) {
            return "TLS failure: the server's certificate is not trusted (self-signed or an unknown issuer; "
                    + "its CA can be added with socketboard.connect.extra-ca)";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "TLS failure: the server's certificate is for another host name";
        }
        if (find(tls, EOFException.class) != null || message.contains("closed") || message.contains("Remote host terminated")) {
            return "TLS failure: the server closed the connection during the TLS handshake";
        }
        return "TLS failure: the TLS handshake with the server failed";
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * One handshake's requests: adds our headers, checks every redirect target against the policy,
     * checks the server's subprotocol, and knows the hops for explaining a failure.
     */
    private final class Hops extends ClientEndpointConfig.Configurator {

        private final Handshake handshake;
        private int requests;
        private String lastHost;

        Hops(Handshake handshake) {
            this.handshake = handshake;
            this.lastHost = handshake.uri().getHost();
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            requests++;
            if (requests > 1) {
                List<String> host = headers.get(Constants.HOST_HEADER_NAME);
                lastHost = host == null || host.isEmpty() ? "" : host.get(0);
                URI target = URI.create("ws://" + lastHost + "/");
                try {
                    redirectPolicy.accept(target);
                } catch (RuntimeException refused) {
                    throw new HandshakeFailedException("Redirected to " + lastHost + ", which may not be connected to: "
                            + refused.getMessage(), 0, true);
                }
            }
            handshake.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            List<String> chosen = response.getHeaders().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(Constants.WS_PROTOCOL_HEADER_NAME))
                    .flatMap(header -> header.getValue().stream()).toList();
            if (!chosen.isEmpty() && !handshake.subprotocols().contains(chosen.get(0).trim())) {
                String offered = handshake.subprotocols().isEmpty() ? "none" : String.join(", ", handshake.subprotocols());
                throw new HandshakeFailedException("Subprotocol mismatch: the server chose \"" + chosen.get(0).trim()
                        + "\", which was not offered (offered: " + offered + ")", 101, true);
            }
        }

        /** Tomcat states an HTTP status only inside its message ("[403]"); everything else is in the cause. */
        RuntimeException explain(Exception failure) {
            if (failure.getCause() instanceof AuthenticationException) {
                return new HandshakeFailedException("The server answered HTTP 401 Unauthorized: it wants credentials", 401, true);
            }
            if (!(failure instanceof DeploymentException) || failure.getCause() != null) {
                return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
            }
            if (requests > maxRedirects && maxRedirects > 0) {
                return new HandshakeFailedException("Too many redirects: more than " + maxRedirects
                        + " (or a loop); the last one led to " + lastHost, 0, true);
            }
            String message = failure.getMessage() == null ? "" : failure.getMessage();
            if (maxRedirects == 0 && message.contains("max number of redirects")) {
                // Tomcat's words when it may follow no redirect at all; its status is not given, the target is.
                Matcher target = REDIRECT_TARGET.matcher(message);
                return new HandshakeFailedException("The server answered with a redirect"
                        + (target.find() ? " to " + shortened(target.group(1)) : "")
                        + ", which is not followed: following redirects is switched off (max-redirects is 0)", 0, true);
            }
            if (message.contains("Cyclic Location") || message.contains("max number of redirects")) {
                // Tomcat's own words for a redirect loop or its hop limit: retrying cannot help.
                return new HandshakeFailedException("Too many redirects: the server redirects in a loop (last hop: "
                        + lastHost + ")", 0, true);
            }
            Matcher status = STATUS.matcher(message);
            if (!status.find()) {
                return new HandshakeFailedException("The handshake failed: " + message, 0, false);
            }
            int code = Integer.parseInt(status.group(1));
            String reason = reasonOf(code);
            String answered = "The server answered HTTP " + code + (reason.isEmpty() ? "" : " " + reason);
            if (code / 100 == 3) {
                // Tomcat follows 300-303, 305 and 307 itself, connect() follows 308; what reaches here had no
                // Location, or is not followed.
                boolean followed = maxRedirects > 0 && code <= 307 && code != 304 && code != 306;
                return new HandshakeFailedException(answered + (followed ? " without a Location to follow"
                        : ", a redirect that is not followed" + locationOf(code)), code, true);
            }
            boolean permanent = code == 401 || code == 403 || code == 404;
            return new HandshakeFailedException(answered + " instead of switching protocols", code, permanent);
        }

        /** " to <target>" of a redirect Tomcat answered but did not follow, asked again; "" when it names none now. */
        private String locationOf(int status) {
            try {
                return RedirectLocation.location(handshake.uri(), handshake.headers(), sslContext, ioTimeoutOf(handshake), status)
                        .map(target -> " (Location: " + shortened(target.toString()) + ")").orElse("");
            } catch (IOException | RuntimeException unreadable) {
                // A Location that is no URI, or a server gone meanwhile: the status alone must do.
                return "";
            }
        }
    }
}
