package org.socketboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17 in the browser: two production jars under the {@code redis} profile, sharing one PostgreSQL
 * schema and one Redis key prefix of this run's own, one loopback feed that counts. A dashboard open on
 * each instance shows the feed's last record, over exactly one upstream connection. Then the holder is
 * killed with SIGKILL (no lease released, no orderly close): the other instance takes over within 10 s
 * (the lease expires 5 s after its last renewal) and its dashboard and dataset go on without a record
 * twice. Skipped without Chromium, and without Redis or PostgreSQL on 127.0.0.1 ({@code .ci/run} starts
 * both).
 */
class TwoInstancesShowOneFeedIT {

    private static final String VALUE_CARD = "[data-widget-type='value'][data-widget-title='Counter']";
    private static final String POSTGRES = System.getProperty("socketboard.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final int LIMIT = 200;

    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private final String schema = "sb_it_" + run;
    private final String prefix = "sbit-" + run + ":";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountingFeed feed = new CountingFeed();

    @AfterEach
    void stopEverythingAndForgetTheSchemaAndKeys() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (feed.server == null) {
            return; // skipped before anything started
        }
        feed.server.close();
        try (var connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            var redis = connection.sync();
            ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*")).forEachRemaining(redis::del);
        } finally {
            client.shutdown();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aDashboardOnEachInstanceShowsTheSameLastRecordAndTheOtherTakesOverWhenTheHolderIsKilled() throws Exception {
        assumeTrue(Browser.available(), "Skipped: no /usr/bin/chromium and /usr/bin/chromedriver "
                + "(apt-get install chromium chromium-driver; .ci/run does that)");
        assumeTrue(listening(6379) && listening(5432), "Skipped: needs Redis on 127.0.0.1:6379 and PostgreSQL on "
                + "127.0.0.1:5432 (.ci/run starts both)");
        feed.start();

        long started = System.nanoTime();
        RunningApp a = instance("A");
        toClose.add(a);
        // B starts while A gets its definitions and its viewer (not together with A: both would create the admin).
        CompletableFuture<RunningApp> startingB = CompletableFuture.supplyAsync(() -> instance("B"));
        toClose.add(() -> {
            RunningApp instanceB = startingB.exceptionally(failed -> null).join();
            if (instanceB != null) {
                instanceB.close();
            }
        });
        define(a);
        Browser onA = browser(a);
        await().atMost(Browser.WAIT).until(() -> shown(onA) >= 0);
        RunningApp b = startingB.join();
        Browser onB = browser(b);
        System.out.printf("Two instances up, a dashboard open on each, after %d s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        // Both dashboards show the feed's last record, and the feed has one connection: A's.
        long last = feed.pause();
        onA.waitUntil(d -> shown(onA) == last);
        onB.waitUntil(d -> shown(onB) == last);
        assertThat(feed.accepted.get()).as("upstream connections opened").isEqualTo(1);
        assertThat(feed.server.openConnections()).as("upstream connections open").isEqualTo(1);
        assertThat(counters(b)).isEqualTo(counters(a));
        assertThat(onA.consoleErrors()).as("errors in A's browser console").isEmpty();
        onA.close();
        toClose.remove(onA);

        // A dies without letting go of its lease: B connects once the lease has expired.
        feed.resume();
        onB.waitUntil(d -> shown(onB) > last + 5);
        long atKill = shown(onB);
        long killedAt = System.nanoTime();
        a.kill();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> feed.accepted.get() == 2 && feed.server.openConnections() == 1);
        System.out.printf("The holder was killed; the other instance held the upstream connection %d ms later%n",
                Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        onB.waitUntil(d -> shown(onB) > atKill + 10);

        // B's dataset spans the takeover: every record once, in the feed's order, up to the feed's last.
        long end = feed.pause();
        onB.waitUntil(d -> shown(onB) == end);
        List<Long> counters = counters(b);
        assertThat(counters).as("the records on B").isSortedAccordingTo(Long::compare).doesNotHaveDuplicates()
                .endsWith(end).anyMatch(n -> n <= atKill);
        assertThat(feed.server.openConnections()).isEqualTo(1);
        assertThat(onB.consoleErrors()).as("errors in B's browser console").isEmpty();
    }

    private RunningApp instance(String name) {
        try {
            return RunningApp.start("--spring.profiles.active=postgres,redis", "--socketboard.demo.enabled=false",
                    "--spring.datasource.url=" + POSTGRES + "?currentSchema=" + schema, "--spring.datasource.username=postgres",
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                    "--socketboard.cluster.key-prefix=" + prefix, "--socketboard.cluster.instance-id=" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The counter feed, an application variable on it and a dashboard with a value card, saved on {@code app}. */
    private void define(RunningApp app) throws IOException, InterruptedException {
        put(app, "/api/services/counter", "{\"name\":\"counter\",\"url\":\"" + feed.server.uri("/count")
                + "\",\"sampleResponse\":\"{\\\"n\\\":1}\"}");
        put(app, "/api/variables/counter", "{\"name\":\"counter\",\"service\":\"counter\",\"scope\":\"APPLICATION\","
                + "\"connectOnLoad\":false,\"strategy\":\"ADD_LAST\",\"dataLimit\":" + LIMIT + "}");
        put(app, "/api/dashboards/counter", "{\"name\":\"Counter\",\"slug\":\"counter\",\"widgets\":[{\"type\":\"VALUE\","
                + "\"title\":\"Counter\",\"variable\":\"counter\",\"width\":1,\"height\":1,"
                + "\"config\":{\"value\":{\"field\":\"/n\",\"showChange\":false,\"sparkline\":false}}}]}");
    }

    private Browser browser(RunningApp app) throws IOException {
        Browser browser = new Browser();
        toClose.add(browser);
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/counter"));
        return browser;
    }

    /** The counter the value card shows (its data-value), or -1 before it shows one. */
    private static long shown(Browser browser) {
        try {
            var cards = browser.driver.findElements(By.cssSelector(VALUE_CARD));
            String value = cards.isEmpty() ? null : cards.get(0).getAttribute("data-value");
            return value == null || value.isEmpty() ? -1 : (long) Double.parseDouble(value);
        } catch (NumberFormatException | WebDriverException notYet) {
            return -1;
        }
    }

    /** The counters of the records the instance's dataset holds, oldest first. */
    private List<Long> counters(RunningApp app) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/variables/counter/dataset")))
                .header("Authorization", BASIC).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> counters = new ArrayList<>();
        for (JsonNode record : json.readTree(response.body()).path("records")) {
            counters.add(record.path("n").asLong());
        }
        return counters;
    }

    private void put(RunningApp app, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", BASIC)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isBetween(200, 201);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notThere) {
            return false;
        }
    }

    /**
     * A counter every 50 ms on each connection, one count for all of them (so a second connection would
     * show as gaps on both), which can be paused to know the last record sent.
     */
    private static final class CountingFeed {
        final AtomicInteger accepted = new AtomicInteger();
        private long next;
        private long lastSent = -1;
        private boolean paused;
        LoopbackWebSocketServer server;

        void start() throws IOException {
            server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
                @Override
                public void onOpen(LoopbackWebSocketServer.Peer peer) {
                    accepted.incrementAndGet();
                    Thread writer = new Thread(() -> write(peer), "counting-feed");
                    writer.setDaemon(true);
                    writer.start();
                }
            });
        }

        private void write(LoopbackWebSocketServer.Peer peer) {
            try {
                while (true) {
                    synchronized (this) {
                        if (!paused) {
                            peer.sendText("{\"n\":" + next + "}");
                            lastSent = next++;
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (RuntimeException | InterruptedException gone) {
                // A killed client's socket fails the next write: close ours, so that it no longer counts as open.
                peer.closeAbruptly(false);
            }
        }

        /** Stops sending; returns the last counter sent. */
        synchronized long pause() {
            paused = true;
            return lastSent;
        }

        synchronized void resume() {
            paused = false;
        }
    }
}
