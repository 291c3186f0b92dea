package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 12 part 7: handshakes that fail say why, redirects are followed under the policy, storms are avoided. */
class HandshakeAndCloseTest {

    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ZERO);
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(200), 0);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<LiveVariable> variables = new ArrayList<>();
    private final List<LoopbackWebSocketServer> servers = new ArrayList<>();
    private UpstreamClient client = UpstreamClient.withDefaults();

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        for (LoopbackWebSocketServer server : servers) {
            server.close();
        }
        scheduler.shutdownNow();
    }

    private LoopbackWebSocketServer serve(LoopbackWebSocketServer.Behaviour behaviour) throws IOException {
        var server = new LoopbackWebSocketServer(behaviour);
        servers.add(server);
        return server;
    }

    private LiveVariable variable(URI uri, List<String> subprotocols) {
        var spec = new LiveVariableSpec("handshake", uri, Map.of(), subprotocols, "", InsertStrategy.ADD_LAST, 100,
                null, "", List.of(), QUICK, LIMITS);
        var variable = new LiveVariable(spec, client, uri1 -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        return variable;
    }

    private static List<String> errors(LiveVariable variable) {
        return variable.events().stream().filter(event -> event.type() == VariableEvent.Type.ERROR).map(VariableEvent::detail).toList();
    }

    @Test
    void aServerThatAcceptsSendsOneMessageAndClosesWith4001IsTriedAFewTimesThenTheVariableFails() throws Exception {
        var connections = new AtomicInteger();
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("{\"seq\":" + connections.incrementAndGet() + "}");
                peer.sendClose(4001, "token expired");
            }
        });
        var variable = variable(server.uri("/feed"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(connections.get()).isEqualTo(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
        assertThat(variable.dataset().size()).isEqualTo(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS);
        assertThat(variable.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Gave up after 3 attempts: the server closed with 4001 token expired"));
        assertThat(variable.hasPendingReconnect()).isFalse();
        assertThat(variable.stats().reconnectsLastMinute()).isEqualTo(2);

        // Opening again starts afresh: another full round of attempts, then FAILED again (with short
        // delays the new round may end before a poll sees it running, so count its connections instead).
        variable.open();
        int twice = 2 * ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS;
        await().atMost(Duration.ofSeconds(5)).until(() -> connections.get() >= twice && variable.state() == VariableState.FAILED);
        assertThat(connections.get()).as("opening again starts afresh").isEqualTo(twice);
    }

    @Test
    void aServersCloseReasonIsShownAsOneCleanLine() throws Exception {
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendClose(4001, "org.acme.AuthException: token \u202Eexpired\u200F\r\n\tat org.acme.Auth.check(Auth.java:9)");
            }
        });
        var variable = variable(server.uri("/feed"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(variable.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the server closed with 4001 token expired (this will not change on retry"));
        assertThat(variable.events()).filteredOn(event -> event.type() == VariableEvent.Type.CLOSE)
                .extracting(VariableEvent::detail).containsOnly("4001 token expired");
    }

    @Test
    void theBackoffStartsAgainOnlyAfterAConnectionStayedUpTheStablePeriod() throws Exception {
        for (Duration stableAfter : List.of(Duration.ofSeconds(30), Duration.ZERO)) {
            var connections = new AtomicInteger();
            var server = serve(new LoopbackWebSocketServer.Behaviour() {
                @Override
                public void onOpen(LoopbackWebSocketServer.Peer peer) {
                    connections.incrementAndGet();
                    peer.sendClose(1001, "going away"); // a close that may well change on retry
                }
            });
            var spec = new LiveVariableSpec("stable", server.uri("/feed"), Map.of(), List.of(), "", InsertStrategy.ADD_LAST, 100,
                    null, "", List.of(), new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(40), 0, stableAfter, 3), LIMITS);
            var variable = new LiveVariable(spec, client, uri -> () -> { }, Clock.systemUTC(), scheduler);
            variables.add(variable);

            variable.open();
            await().atMost(Duration.ofSeconds(5)).until(() -> connections.get() >= 4);

            List<String> attempts = variable.events().stream().filter(event -> event.type() == VariableEvent.Type.RECONNECT)
                    .map(event -> event.detail().split(" ")[1]).toList();
            if (stableAfter.isZero()) {
                assertThat(attempts).as("every connection counts as stable").containsOnly("1");
            } else {
                assertThat(attempts).as("newest first: the attempts keep counting up").contains("3", "2", "1");
            }
            variable.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedHandshakesNameTheStatusAndStopAfterAFewAttempts() throws Exception {
        for (int status : new int[]{401, 403, 404}) {
            var attempts = new AtomicInteger();
            var server = serve(new LoopbackWebSocketServer.Behaviour() {
                @Override
                public int handshakeStatus(String path) {
                    attempts.incrementAndGet();
                    return status;
                }
            });
            var variable = variable(server.uri("/private"), List.of());

            variable.open();

            await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
            assertThat(attempts.get()).as("HTTP %d", status).isEqualTo(3);
            String reason = switch (status) {
                case 401 -> "401 Unauthorized";
                case 403 -> "403 Forbidden";
                default -> "404 Not Found";
            };
            assertThat(errors(variable)).contains("The server answered HTTP " + reason + " instead of accepting a WebSocket connection");
            assertThat(variable.failure()).hasValueSatisfying(failure -> assertThat(failure).contains(reason));
        }
    }

    /** Redirects /hop/1 → /hop/2 … → /hop/{last}, which accepts. */
    private LoopbackWebSocketServer redirecting(int status, int last) throws IOException {
        return serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return hop(path) < last ? status : 101;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return hop(path) < last ? Map.of("Location", "/hop/" + (hop(path) + 1)) : Map.of();
            }

            private int hop(String path) {
                return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            }
        });
    }

    @Test
    void redirectsAreFollowedUpToFiveHops() throws Exception {
        for (int status : new int[]{301, 302, 307, 308}) {
            var server = redirecting(status, 3);
            var variable = variable(server.uri("/hop/1"), List.of());

            variable.open();

            await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.OPEN);
            assertThat(server.nextPeer().path).as("HTTP %d", status).isEqualTo("/hop/3");
        }
    }

    @Test
    void moreThanFiveRedirectsFailWithTheReason() throws Exception {
        var server = redirecting(302, 8);
        var variable = variable(server.uri("/hop/1"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(errors(variable)).anySatisfy(error -> assertThat(error).startsWith("Too many redirects: more than 5"));
    }

    @Test
    void moreThanFivePermanentRedirectsFailWithTheReason() throws Exception {
        var server = redirecting(308, 8);
        var variable = variable(server.uri("/hop/1"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(errors(variable)).anySatisfy(error -> assertThat(error)
                .startsWith("Too many redirects: more than 5"));
    }

    @Test
    void aRedirectLoopFailsWithTheReasonInPlainWords() throws Exception {
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return 301;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return Map.of("Location", path);
            }
        });
        var variable = variable(server.uri("/loop"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(errors(variable)).allSatisfy(error -> assertThat(error).doesNotContain("Cyclic", "Location header", "["))
                .anySatisfy(error -> assertThat(error).startsWith("Too many redirects: the server redirects in a loop"));
    }

    /** A variable on a server that answers every handshake with {@code status} to {@code location}, opened with no redirect followed. */
    private LiveVariable failedOnRedirect(int status, String location) throws Exception {
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return status;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return Map.of("Location", location);
            }
        });
        client = new UpstreamClient(javax.net.ssl.SSLContext.getDefault(), uri -> { }, 0, Duration.ofSeconds(10));
        var variable = variable(server.uri("/feed"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        return variable;
    }

    /**
     * Issue 11 §5: the name is resolved by the policy alone. ".invalid" never resolves (RFC 6761), so the
     * variable opens only if the client connected to the policy's address and resolved nothing itself;
     * the server is still asked by name, also after a relative redirect.
     */
    @Test
    void theClientConnectsToTheAddressThePolicyCheckedAndAsksTheServerByName() throws Exception {
        var asked = new CopyOnWriteArrayList<URI>();
        client = new UpstreamClient(javax.net.ssl.SSLContext.getDefault(), (UpstreamClient.AddressPolicy) target -> {
            asked.add(target);
            return InetAddress.getLoopbackAddress();
        }, 5, Duration.ofSeconds(10));
        var server = redirecting(302, 2);
        var variable = variable(URI.create("ws://rebinding.invalid:" + server.port() + "/hop/1"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.OPEN);
        var peer = server.nextPeer();
        assertThat(peer.path).isEqualTo("/hop/2");
        assertThat(peer.headers.get("host")).isEqualTo("rebinding.invalid:" + server.port());
        assertThat(asked).extracting(URI::getHost).containsExactly("rebinding.invalid", "rebinding.invalid");
        client.close();
    }

    @Test
    void aRedirectThatIsNotFollowedNamesItsLocation() throws Exception {
        var variable = failedOnRedirect(300, "wss://elsewhere.example/feed");

        assertThat(errors(variable)).allSatisfy(error -> assertThat(error).doesNotContain("Cyclic", "Location header", "["))
                .anySatisfy(error -> assertThat(error).isEqualTo("The server answered with a redirect to wss://elsewhere.example/feed,"
                        + " which is not followed: following redirects is switched off (max-redirects is 0)"));
    }

    @Test
    void aPermanentRedirectThatIsNotFollowedNamesItsLocationAsAWebSocketAddress() throws Exception {
        var variable = failedOnRedirect(308, "https://elsewhere.example/v2/feed");

        assertThat(errors(variable)).contains("The server answered HTTP 308 Permanent Redirect, a redirect that is not followed"
                + " (Location: wss://elsewhere.example/v2/feed)");
    }

    @Test
    void aRedirectToAHostThePolicyRefusesIsNotFollowed() throws Exception {
        client = new UpstreamClient(javax.net.ssl.SSLContext.getDefault(), uri -> {
            if (uri.getHost().equals("localhost")) {
                throw new ConnectionDeniedException("Connections to localhost are not allowed");
            }
        }, 5, Duration.ofSeconds(10));
        var reached = new AtomicInteger();
        var target = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                reached.incrementAndGet();
                return 101;
            }
        });
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return 302;
            }

            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return Map.of("Location", "ws://localhost:" + target.port() + "/inside");
            }
        });
        var variable = variable(server.uri("/outside"), List.of());

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(errors(variable)).contains("Redirected to localhost:" + target.port()
                + ", which may not be connected to: Connections to localhost are not allowed");
        assertThat(reached.get()).as("the refused host was never asked").isZero();
        client.close();
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsNamedWithTheOffer() throws Exception {
        var server = serve(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public Map<String, String> handshakeHeaders(String path) {
                return Map.of("Sec-WebSocket-Protocol", "ticker.v9");
            }
        });
        var variable = variable(server.uri("/feed"), List.of("ticker.v2", "ticker.v3"));

        variable.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> variable.state() == VariableState.FAILED);
        assertThat(errors(variable)).contains(
                "Subprotocol mismatch: the server chose \"ticker.v9\", which was not offered (offered: ticker.v2, ticker.v3)");
    }
}
