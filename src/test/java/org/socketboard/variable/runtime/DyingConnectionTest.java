package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10: an upstream that dies without a close frame is seen at once, and one that goes silent
 * (half-open) within the ping interval. Pings are off where they would hide the first kind.
 * Tagged {@code process-wide}: it counts the JVM's threads and sockets, so it runs in a JVM of its own.
 */
@Tag("process-wide")
class DyingConnectionTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(200), 0);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private LiveVariable variable;
    private LoopbackWebSocketServer server;

    @AfterEach
    void cleanUp() throws Exception {
        if (variable != null) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        scheduler.shutdownNow();
    }

    /** A feed that streams a record every 2 ms from its own thread, as a ticker does. */
    private static LoopbackWebSocketServer streamingFeed() throws IOException {
        return new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                Thread writer = new Thread(() -> {
                    try {
                        for (long n = 0; !peer.isClosed(); n++) {
                            peer.sendText("{\"n\":" + n + "}");
                            Thread.sleep(2); // the feed's pace, not a wait
                        }
                    } catch (RuntimeException | InterruptedException gone) {
                        // The test killed the connection.
                    }
                });
                writer.setDaemon(true);
                writer.start();
            }
        });
    }

    private LiveVariable variable(ConnectionLimits limits) {
        var spec = new LiveVariableSpec("dying", server.uri("/feed"), Map.of(), List.of(), "", InsertStrategy.ADD_LAST, 100,
                null, "", List.of(), QUICK, limits);
        return new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
    }

    @Test
    void aFeedKilledMidStreamFiftyTimesIsSeenLostWithinASecondAndDeliversAgainWithinTheBackoff() throws Exception {
        server = streamingFeed();
        variable = variable(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ZERO));
        variable.onStateChange(state -> {
            if (state == VariableState.RECONNECTING) {
                lostAt.set(System.nanoTime());
            }
        });
        variable.open();
        killAndResume(0);
        long threads = threadCount();
        long sockets = socketCount();

        for (int kill = 1; kill <= 50; kill++) {
            killAndResume(kill);
        }

        assertThat(variable.events()).extracting(VariableEvent::detail).contains("1006 connection lost");
        variable.close().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(threadCount()).as("threads").isLessThanOrEqualTo(threads);
            assertThat(socketCount()).as("sockets").isLessThanOrEqualTo(sockets);
        });
    }

    /** Waits for data on a fresh connection, destroys the socket (RST or FIN, no close frame) and times the loss. */
    private void killAndResume(int kill) throws Exception {
        var peer = server.nextPeer();
        long before = variable.stats().messagesReceived();
        await().atMost(Duration.ofSeconds(2)).until(() -> variable.stats().messagesReceived() > before + 5);
        long killedAt = System.nanoTime();
        peer.closeAbruptly(kill % 2 == 0); // every other kill a reset
        await().atMost(Duration.ofSeconds(1)).until(() -> lostAt.get() > killedAt);
        // RECONNECTING within 1 s of the kill, then data again within the backoff (200 ms at most) and a handshake.
        assertThat(Duration.ofNanos(lostAt.get() - killedAt)).as("kill %d seen", kill).isLessThan(Duration.ofSeconds(1));
        long afterLoss = variable.stats().messagesReceived();
        await().atMost(Duration.ofSeconds(1)).until(() -> variable.stats().messagesReceived() > afterLoss);
    }

    private final AtomicLong lostAt = new AtomicLong();

    @Test
    void aFeedRestartedTwentyTimesIsFollowedEachTimeAndLeavesNoThreadOrSocketBehind() throws Exception {
        server = streamingFeed();
        variable = variable(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, Duration.ZERO));
        variable.open();
        server.nextPeer();
        await().atMost(Duration.ofSeconds(2)).until(() -> variable.stats().messagesReceived() > 0);
        long threads = threadCount();
        long sockets = socketCount();

        for (int restart = 1; restart <= 20; restart++) {
            server.stop(); // the process is gone: no close frames, the port refuses for a while
            await().atMost(Duration.ofSeconds(1)).until(() -> variable.state() == VariableState.RECONNECTING);
            Thread.sleep(restart % 3 * 100L); // the feed stays down 0, 100 or 200 ms: part of the scenario
            server.start();
            server.nextPeer();
            long before = variable.stats().messagesReceived();
            await().atMost(Duration.ofSeconds(2)).until(() -> variable.state() == VariableState.OPEN
                    && variable.stats().messagesReceived() > before);
        }

        variable.close().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(threadCount()).as("threads").isLessThanOrEqualTo(threads);
            assertThat(socketCount()).as("sockets").isLessThanOrEqualTo(sockets);
        });
    }

    @Test
    void aHalfOpenConnectionIsFoundWithinThePingInterval() throws Exception {
        var silent = new CountDownLatch(1);
        server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                peer.sendText("{\"n\":1}");
                try {
                    // Neither reads nor writes again, and keeps the socket open: a half-open connection.
                    silent.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Duration interval = Duration.ofMillis(300);
        variable = variable(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 64 * 1024, interval));
        var lost = new AtomicLong();
        variable.onStateChange(state -> {
            if (state == VariableState.RECONNECTING) {
                lost.compareAndSet(0, System.nanoTime());
            }
        });
        try {
            variable.open();
            await().atMost(Duration.ofSeconds(2)).until(() -> variable.dataset().size() == 1);
            long lastHeard = System.nanoTime();

            await().atMost(Duration.ofSeconds(3)).until(() -> lost.get() != 0);

            // A ping goes out at most one interval after the last message; unanswered by the next, the connection ends.
            assertThat(Duration.ofNanos(lost.get() - lastHeard)).isLessThan(interval.multipliedBy(2).plusMillis(200));
            assertThat(variable.events()).extracting(VariableEvent::detail)
                    .anySatisfy(detail -> assertThat(detail).startsWith("No answer to a ping within 300 ms"));
        } finally {
            silent.countDown();
        }
    }

    /**
     * Live threads, without the pools that keep idle threads by design and grow with whatever else the
     * test JVM runs: the upstream client's handshake pool (idle threads end after a minute, so an
     * overlapping reconnect leaves one for a while) and other contexts' push flush pools. A connection
     * left behind still shows here (its reader) and in the sockets.
     */
    private static long threadCount() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("upstream-handshake-")
                        && !thread.getName().startsWith("ui-flush-"))
                .count();
    }

    /** Open sockets of this process (Linux: /proc/self/fd links named socket:[…]). */
    private static long socketCount() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
