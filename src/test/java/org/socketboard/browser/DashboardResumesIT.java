package org.socketboard.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10.2 in the browser: a feed whose connection dies without a close frame (a reset or a plain
 * drop, as a killed process or a cut network leaves it) is followed by the dashboard each time: the
 * value card on the feed's counter moves on again after every kill, without a reload.
 */
class DashboardResumesIT extends BrowserTestBase {

    private static final int KILLS = 10;
    private static final String VALUE_CARD = "[data-widget-type='value'][data-widget-title='Counter']";

    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackWebSocketServer feed;

    @AfterEach
    void stopTheFeed() throws IOException {
        if (feed != null) {
            feed.close();
        }
    }

    /** A counter every 20 ms on each connection, from its own thread, until the socket is gone. */
    private static LoopbackWebSocketServer countingFeed() throws IOException {
        return new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            private long next;

            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                Thread writer = new Thread(() -> {
                    try {
                        while (true) {
                            synchronized (this) {
                                peer.sendText("{\"n\":" + next++ + "}");
                            }
                            Thread.sleep(20);
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

    @Test
    void aDashboardResumesAfterEachOfTenKillsOfItsFeed() throws Exception {
        feed = countingFeed();
        put("/api/services/counter", "{\"name\":\"counter\",\"url\":\"" + feed.uri("/count")
                + "\",\"sampleResponse\":\"{\\\"n\\\":1}\"}");
        put("/api/variables/counter", "{\"name\":\"counter\",\"service\":\"counter\",\"scope\":\"APPLICATION\","
                + "\"strategy\":\"ADD_LAST\",\"dataLimit\":20,"
                + "\"reconnect\":{\"enabled\":true,\"initialDelayMs\":200,\"maxDelayMs\":1000,\"maxAttempts\":0}}");
        put("/api/dashboards/resumes", "{\"name\":\"Resumes\",\"slug\":\"resumes\",\"widgets\":[{\"type\":\"VALUE\","
                + "\"title\":\"Counter\",\"variable\":\"counter\",\"width\":1,\"height\":1,"
                + "\"config\":{\"value\":{\"field\":\"/n\",\"showChange\":false,\"sparkline\":false}}}]}");
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/resumes"));

        for (int kill = 1; kill <= KILLS; kill++) {
            LoopbackWebSocketServer.Peer peer = feed.nextPeer();
            double before = shownCounter();
            browser.waitUntil(d -> shownCounter() > before + 5);
            peer.closeAbruptly(kill % 2 == 0);
            double atKill = shownCounter();
            long killedAt = System.nanoTime();
            browser.waitUntil(d -> shownCounter() > atKill + 5);
            System.out.printf("Kill %d: the dashboard moved on again after %d ms%n", kill,
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        }
        // The state line follows at the next push tick after the data: open again (no data-state attribute).
        browser.waitUntil(d -> d.findElement(By.cssSelector(VALUE_CARD)).getAttribute("data-state") == null);
    }

    /** The counter the value card shows (its data-value), or -1 before it shows one. */
    private double shownCounter() {
        try {
            var cards = browser.driver.findElements(By.cssSelector(VALUE_CARD));
            String value = cards.isEmpty() ? null : cards.get(0).getAttribute("data-value");
            return value == null || value.isEmpty() ? -1 : Double.parseDouble(value);
        } catch (NumberFormatException | WebDriverException notYet) {
            return -1;
        }
    }

    private void put(String path, String body) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isBetween(200, 201);
    }
}
