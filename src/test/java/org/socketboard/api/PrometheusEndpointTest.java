package org.socketboard.api;

import org.junit.jupiter.api.Test;
import org.socketboard.security.domain.Role;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socketboard.api.Definitions.unique;

/**
 * {@code /actuator/prometheus} after a built-in feed has delivered: the variable's meters are there with
 * values that fit what the feed sent; admins and a scraper with the token read it, nobody else.
 */
class PrometheusEndpointTest extends MetricsExportTestBase {

    @Test
    void aFeedsVariableShowsItsMessagesRecordsStateAndDatasetSizeInTheScrape() {
        String service = unique("metrics-svc");
        String variable = unique("metrics-var");
        assertThat(api.put("/api/services/" + service, Definitions.service(service, port)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // Connect on load: it opens when saved, so the ticker (20 msg/s) feeds it without a viewer.
        assertThat(api.put("/api/variables/" + variable, Definitions.variable(variable, service, true)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String tag = "variable=\"" + variable + "\"";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(value(scrapeWithToken(), "socketboard_variable_messages_total", tag)).isGreaterThanOrEqualTo(10));
        String scrape = scrapeWithToken();

        double messages = value(scrape, "socketboard_variable_messages_total", tag);
        double frames = value(scrape, "socketboard_variable_frames_total", tag);
        double records = value(scrape, "socketboard_variable_records_total", tag);
        assertThat(frames).isGreaterThanOrEqualTo(messages);
        assertThat(records).as("one record per ticker message").isBetween(messages - 1, messages + 1);
        assertThat(value(scrape, "socketboard_variable_decode_errors_total", tag)).isZero();
        assertThat(value(scrape, "socketboard_variable_skipped_total", tag)).isZero();
        assertThat(value(scrape, "socketboard_variable_reconnects_total", tag)).isZero();
        assertThat(value(scrape, "socketboard_variable_state", tag, "state=\"OPEN\"")).isEqualTo(1);
        assertThat(value(scrape, "socketboard_variable_state", tag, "state=\"FAILED\"")).isZero();
        assertThat(value(scrape, "socketboard_variable_dataset_size_records", tag)).isBetween(1.0, 50.0);
        assertThat(value(scrape, "socketboard_variable_subscribers", tag)).as("no tab shows it").isZero();
        assertThat(scrape).contains("socketboard_push_uis ", "socketboard_push_flush_seconds_count ",
                "socketboard_push_dropped_total ");
    }

    @Test
    void adminsAndTheTokenMayScrapeAnonymousCallersViewersAndWrongTokensMayNot() {
        String viewer = unique("metrics-viewer");
        signedIn(viewer, Role.VIEWER);

        assertThat(scrape(null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape("Bearer wrong-" + TOKEN).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape("Bearer " + TOKEN.substring(1)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape("Basic " + basic(viewer, PASSWORD)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(scrape("Basic " + basic(ADMIN, ADMIN_PASSWORD)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape("Bearer " + TOKEN).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.exchange("/actuator/metrics", HttpMethod.GET, withAuthorization("Bearer " + TOKEN), String.class)
                .getStatusCode()).as("the token opens the scrape only").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private String scrapeWithToken() {
        ResponseEntity<String> answer = scrape("Bearer " + TOKEN);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<String> scrape(String authorization) {
        return rest.exchange("/actuator/prometheus", HttpMethod.GET, withAuthorization(authorization), String.class);
    }

    private static HttpEntity<Void> withAuthorization(String authorization) {
        var headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return new HttpEntity<>(headers);
    }

    private static String basic(String user, String password) {
        return HttpHeaders.encodeBasicAuth(user, password, null);
    }

    /** The sample {@code name{...labels...} value} that has all {@code labels}; fails when there is none. */
    private static double value(String scrape, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (sample.find()) {
            String found = sample.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no " + name + " with " + Arrays.toString(labels) + " in the scrape:\n" + scrape);
    }
}
