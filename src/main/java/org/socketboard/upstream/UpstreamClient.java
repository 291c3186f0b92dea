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
import org.socketboard.upstream.domain.UpstreamReason;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.nio.channels.UnresolvedAddressException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>Every hop connects to the address the {@link AddressPolicy} checked: the URL's host is replaced by
 * that address, while the {@code Host} header, TLS server name (SNI) and certificate check keep the name,
 * so a name is resolved once per hop and a DNS answer that changes after the check (DNS rebinding) is
 * never used. Redirects (300–303, 305 and 307 as Tomcat reports them, 308 read by
 * {@link RedirectLocation}) are followed here, not by Tomcat, up to {@code maxRedirects} hops, each
 * checked and pinned the same way. Handshakes block, so they run on a small pool of daemon threads;
 * messages arrive on Tomcat's I/O threads.
 */
public final class UpstreamClient implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("\\[(\\d{3})]");

    /** How a refusal with a 2xx answer begins: the address serves something, but not WebSocket. */
    public static final String NO_WEBSOCKET = "No WebSocket service at this address";
    /** Tomcat's "Cyclic Location header [target] detected / reached max number of redirects ..." (an IPv6 target holds ']'). */
    private static final Pattern REDIRECT_TARGET = Pattern.compile("Location header \\[(.*?)] detected");
    /** A Location is the server's text: shown, but not at any length. */
    private static final int MAX_SHOWN_TARGET = 200;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(305, "Use Proxy"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(426, "Upgrade Required"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final WsWebSocketContainer container = new WsWebSocketContainer();
    private final SSLContext sslContext;
    private final AddressPolicy addressPolicy;
    private final int maxRedirects;
    private final Duration connectTimeout;
    private final ExecutorService handshakes;

    /**
     * Checks a connection target right before its request is sent and names the address to connect to:
     * the name is resolved by this check alone.
     */
    @FunctionalInterface
    public interface AddressPolicy {
        /**
         * @return an address of {@code target}'s host that may be connected to
         * @throws RuntimeException whose message says why {@code target} may not be connected to
         */
        InetAddress addressFor(URI target);
    }

    /**
     * @param sslContext     TLS trust of {@code wss://} connections
     * @param addressPolicy  asked for the first URL and every redirect target before its request is sent
     * @param maxRedirects   redirect hops followed at most (0 = none)
     * @param connectTimeout the longest any step of a handshake may take (Tomcat has one I/O timeout for
     *                       TCP connect, TLS, request and answer); a handshake's own limit may be shorter
     */
    public UpstreamClient(SSLContext sslContext, AddressPolicy addressPolicy, int maxRedirects, Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy");
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

    /**
     * For tests: {@code check} throws to refuse a target; what it lets through connects to the first
     * address the JDK resolves its host to.
     */
    public UpstreamClient(SSLContext sslContext, Consumer<URI> check, int maxRedirects, Duration connectTimeout) {
        this(sslContext, target -> {
            check.accept(target);
            return firstAddressOf(target);
        }, maxRedirects, connectTimeout);
    }

    private static InetAddress firstAddressOf(URI target) {
        try {
            return InetAddress.getByName(target.getHost());
        } catch (UnknownHostException unknown) {
            throw new CompletionException(unknown);
        }
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
            InetAddress address = addressOf(current.uri(), null);
            Set<URI> visited = new HashSet<>(Set.of(current.uri()));
            for (int redirects = 0; ; redirects++) {
                URI target;
                try {
                    return connectOnce(endpoint, current, address);
                } catch (Redirected redirected) {
                    target = redirected.target;
                }
                if (redirects == maxRedirects) {
                    throw new HandshakeFailedException("Too many redirects: more than " + maxRedirects
                            + " (or a loop); the last one led to " + hostAndPort(target), 0, true);
                }
                if (!visited.add(target)) {
                    throw new HandshakeFailedException("Too many redirects: the server redirects in a loop (last hop: "
                            + hostAndPort(target) + ")", 0, true);
                }
                address = addressOf(target, current.uri());
                current = new Handshake(target, current.headers(), current.subprotocols(), current.ioTimeout(),
                        current.sendTimeout());
            }
        }, handshakes);
    }

    /** The policy's address for a hop; {@code from} is the hop that redirected here (null for the first). */
    private InetAddress addressOf(URI target, URI from) {
        try {
            return addressPolicy.addressFor(target);
        } catch (CompletionException unresolved) {
            throw unresolved;
        } catch (RuntimeException refused) {
            throw new HandshakeFailedException(from == null ? refused.getMessage() : "Redirected to " + hostAndPort(target)
                    + ", which may not be connected to: " + refused.getMessage(), 0, true);
        }
    }

    /** Thrown by one hop whose server redirects: the next hop is checked and counted by {@link #connect}. */
    private static final class Redirected extends RuntimeException {
        private final transient URI target;

        Redirected(URI target) {
            super(null, null, false, false);
            this.target = target;
        }
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

    /**
     * One request, to {@code address}: Tomcat gets the URL with the address in place of the host, so it
     * resolves nothing; the Host header and the TLS engine get the name back. Tomcat follows no redirect.
     */
    private Session connectOnce(Endpoint endpoint, Handshake handshake, InetAddress address) {
        Hops hops = new Hops(handshake, address);
        String name = handshake.uri().getHost();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(handshake.subprotocols())
                .configurator(hops)
                .sslContext(PinnedTls.naming(sslContext, name.startsWith("[") ? name.substring(1, name.length() - 1) : name))
                .build();
        Map<String, Object> properties = config.getUserProperties();
        properties.put(Constants.IO_TIMEOUT_MS_PROPERTY, Long.toString(ioTimeoutOf(handshake).toMillis()));
        properties.put(Constants.MAX_REDIRECTIONS_PROPERTY, "0");
        properties.put(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, handshake.sendTimeout().toMillis());
        try {
            return container.connectToServer(endpoint, config, withHost(handshake.uri(), literal(address)));
        } catch (HandshakeFailedException | Redirected failed) {
            throw failed;
        } catch (DeploymentException | RuntimeException e) {
            RuntimeException explained = hops.explain(e);
            throw explained instanceof HandshakeFailedException || explained instanceof Redirected ? explained
                    : new CompletionException(explained);
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

    /** A sentence for people saying why an open connection failed (a send, a ping): no class names. */
    public static String describe(Throwable error) {
        return describe(error, null, null);
    }

    /**
     * The one wording of upstream failures, for the runtime and Test connection alike: a sentence for
     * people, no class names. The most specific cause wins wherever it stands in the chain.
     *
     * @param target           the URL being opened, named in the sentence (host, host and port); null when unknown
     * @param handshakeTimeout the handshake's time limit, named when it ran out; null when no handshake was under way
     */
    public static String describe(Throwable error, URI target, Duration handshakeTimeout) {
        Throwable cause = unwrap(error);
        HandshakeFailedException refused = find(cause, HandshakeFailedException.class);
        if (refused != null) {
            return refused.getMessage();
        }
        if (find(cause, UnresolvedAddressException.class) != null || find(cause, UnknownHostException.class) != null) {
            return target == null ? "Unknown host (the name does not resolve)" : "Unknown host: " + target.getHost();
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return describeTls(tls);
        }
        if (find(cause, TimeoutException.class) != null) {
            return handshakeTimeout == null ? "No answer within the time limit"
                    : "Timed out after " + UpstreamReason.duration(handshakeTimeout) + " waiting for the handshake";
        }
        if (find(cause, ConnectException.class) != null) {
            return target == null ? "Could not connect (connection refused or unreachable)"
                    : "Connection refused by " + hostAndDefaultPort(target);
        }
        if (find(cause, EOFException.class) != null) {
            return "The server closed the connection during the handshake";
        }
        if (cause instanceof java.io.IOException io) {
            return "Connection failed" + (io.getMessage() == null ? "" : ": " + io.getMessage());
        }
        return cause.getMessage() == null ? "The connection failed" : "The connection failed: " + cause.getMessage();
    }

    /** The handshake's refusal (an HTTP status, a subprotocol mismatch, a redirect not followed) anywhere among the causes. */
    public static Optional<HandshakeFailedException> refusalIn(Throwable error) {
        return Optional.ofNullable(find(error, HandshakeFailedException.class));
    }

    /** Whether the server closed the connection before answering the upgrade (it has no handler at that path). */
    public static boolean droppedDuringHandshake(Throwable error) {
        return find(error, EOFException.class) != null;
    }

    /** "host:port", the scheme's port when the URL names none. */
    private static String hostAndDefaultPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
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
        // The JDK reports a certificate for another name as a CertificateException too: asked first.
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "TLS failure: the server's certificate is for another host name";
        }
        if (find(tls, CertificateException.class) != null || message.contains("PKIX") || message.contains("certificate")) {
            return "TLS failure: the server's certificate is not trusted (self-signed or an unknown issuer; "
                    + "its CA can be added with socketboard.connect.extra-ca)";
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

    /** An address as a URL host: IPv6 in brackets. */
    private static String literal(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    /** {@code uri} with another host (port, path and query kept as written; a fragment is never sent). */
    private static URI withHost(URI uri, String host) {
        return URI.create(uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * One request: asks by name, adds our headers, checks the server's subprotocol, and explains a failure
     * (a redirect becomes {@link Redirected} for {@link #connect} to follow).
     */
    private final class Hops extends ClientEndpointConfig.Configurator {

        private final Handshake handshake;
        private final InetAddress address;

        Hops(Handshake handshake, InetAddress address) {
            this.handshake = handshake;
            this.address = address;
        }

        /** Tomcat wrote the address as Host (it was given the address); the server is asked by name. */
        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            URI uri = handshake.uri();
            boolean defaultPort = uri.getPort() < 0 || uri.getPort() == ("wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
            headers.put(Constants.HOST_HEADER_NAME, List.of(defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
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
            String message = failure.getMessage() == null ? "" : failure.getMessage();
            Matcher redirect = REDIRECT_TARGET.matcher(message);
            if (redirect.find()) {
                // Tomcat's words for a redirect it may not follow (its limit is 0): its status is not given,
                // the target is, resolved against the address Tomcat was given.
                URI target = byName(URI.create(redirect.group(1)));
                if (maxRedirects > 0) {
                    return new Redirected(target);
                }
                return new HandshakeFailedException("The server answered with a redirect to " + shortened(target.toString())
                        + ", which is not followed: following redirects is switched off (max-redirects is 0)", 0, true);
            }
            Matcher status = STATUS.matcher(message);
            if (!status.find()) {
                return new HandshakeFailedException("The handshake failed: " + message, 0, false);
            }
            int code = Integer.parseInt(status.group(1));
            String reason = reasonOf(code);
            String answered = "The server answered HTTP " + code + (reason.isEmpty() ? "" : " " + reason);
            if (code == 308 && maxRedirects > 0) {
                Optional<URI> target = permanentTarget();
                if (target.isPresent()) {
                    return new Redirected(target.get());
                }
            }
            if (code / 100 == 3) {
                // Tomcat reports 300-303, 305 and 307 with their target, 308 is read above; what reaches here
                // had no Location, or is not followed.
                boolean followed = maxRedirects > 0 && code <= 307 && code != 304 && code != 306;
                return new HandshakeFailedException(answered + (followed ? " without a Location to follow"
                        : ", a redirect that is not followed" + locationOf(code)), code, true);
            }
            boolean permanent = code == 401 || code == 403 || code == 404;
            if (code / 100 == 2) {
                // An ordinary answer (most often a web page): nothing at this address speaks WebSocket.
                return new HandshakeFailedException(NO_WEBSOCKET + ": the server answered with an ordinary web response (HTTP "
                        + code + (reason.isEmpty() ? "" : " " + reason) + ") instead of accepting a WebSocket connection",
                        code, permanent);
            }
            return new HandshakeFailedException(answered + " instead of accepting a WebSocket connection", code, permanent);
        }

        /** A relative Location was resolved by Tomcat against the address: it means the name. */
        private URI byName(URI target) {
            URI pinned = withHost(handshake.uri(), literal(address));
            boolean sameAuthority = Objects.equals(target.getHost(), pinned.getHost()) && target.getPort() == pinned.getPort();
            return sameAuthority ? withHost(target, handshake.uri().getHost()) : target;
        }

        /** The target of a 308, asked again at the same address (Tomcat keeps the headers of an answer it does not take). */
        private Optional<URI> permanentTarget() {
            try {
                return RedirectLocation.location(handshake.uri(), address, handshake.headers(), sslContext, ioTimeoutOf(handshake), 308);
            } catch (IOException | RuntimeException unreadable) {
                // A Location that is no URI, or a server gone meanwhile: the status alone must do.
                return Optional.empty();
            }
        }

        /** " (Location: <target>)" of a redirect that is not followed, asked again; "" when it names none now. */
        private String locationOf(int status) {
            try {
                return RedirectLocation.location(handshake.uri(), address, handshake.headers(), sslContext, ioTimeoutOf(handshake), status)
                        .map(target -> " (Location: " + shortened(target.toString()) + ")").orElse("");
            } catch (IOException | RuntimeException unreadable) {
                // A Location that is no URI, or a server gone meanwhile: the status alone must do.
                return "";
            }
        }
    }
}
