package org.socketboard.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every browser test class shares: one start of the production jar per class (a fresh H2
 * database, the demo seeded as on a first install), a fresh Chromium per test, and a check after each
 * test that the browser console stayed free of errors. A failed test leaves a screenshot under
 * {@code target/screenshots/} and prints the app's log.
 */
abstract class BrowserTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static RunningApp app;
    Browser browser;

    @BeforeAll
    static void startTheApp() throws IOException, InterruptedException {
        assumeTrue(Browser.available(), "Skipped: no /usr/bin/chromium and /usr/bin/chromedriver "
                + "(apt-get install chromium chromium-driver; .ci/run does that)");
        app = RunningApp.start();
    }

    @AfterAll
    static void stopTheApp() throws InterruptedException {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @BeforeEach
    void openABrowser() throws IOException {
        browser = new Browser();
    }

    /** Runs before {@code @AfterEach}, while the browser still shows what went wrong. */
    @RegisterExtension
    final AfterTestExecutionCallback recordFailures = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            var shot = browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + "-failed");
            System.err.println("Failed at " + browser.driver.getCurrentUrl() + "; screenshot " + shot
                    + "\n--- app log ---\n" + app.log());
        }
    };

    @AfterEach
    void noConsoleErrorsAndCloseTheBrowser() {
        try {
            // Nothing is filtered: the production bundle, push and the charts must run without a console error.
            assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
        } finally {
            browser.close();
        }
    }

    /** Sends a request to the app's REST API as the admin; fails unless it is answered with a 2xx. */
    static JsonNode api(String method, String path, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
