package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15.3: a dashboard tab that closes lets go of its UI, its widgets' subscriptions and its push
 * flusher within 5 s (Vaadin's UNLOAD beacon on pagehide closes the UI), not at the heartbeat minutes
 * later. Read from the server's own meters on {@code /actuator/prometheus}.
 */
class ClosedTabIT extends BrowserTestBase {

    private static final Pattern SUBSCRIBERS = Pattern.compile("(?m)^socketboard_variable_subscribers\\{[^}]*} (\\S+)$");
    private static final Pattern UIS = Pattern.compile("(?m)^socketboard_push_uis (\\S+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void closingADashboardTabReleasesItsSubscriptionsAndFlusherWithinFiveSeconds() throws Exception {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/services")); // a page without widgets stays open in the first tab
        String first = browser.driver.getWindowHandle();
        double subscribersBefore = sum(SUBSCRIBERS);
        double uisBefore = sum(UIS);

        browser.driver.switchTo().newWindow(WindowType.TAB);
        // Not browser.open: with pushes arriving four times a second, Flow is never idle for long.
        browser.driver.get(app.url("/dashboards/demo"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sum(SUBSCRIBERS) > subscribersBefore);
        assertThat(sum(UIS)).isEqualTo(uisBefore + 1);

        browser.driver.close();
        long closedAt = System.nanoTime();
        browser.driver.switchTo().window(first);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> sum(SUBSCRIBERS) == subscribersBefore && sum(UIS) == uisBefore);
        System.out.printf("The closed tab's subscriptions and flusher were released %d ms after it closed%n",
                Duration.ofNanos(System.nanoTime() - closedAt).toMillis());
    }

    /** The sum of the samples {@code pattern} finds in a scrape, signed in as the admin. */
    private double sum(Pattern pattern) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/prometheus")))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        double sum = 0;
        Matcher sample = pattern.matcher(scrape.body());
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(1));
        }
        return sum;
    }
}
