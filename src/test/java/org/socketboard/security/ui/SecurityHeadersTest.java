package org.socketboard.security.ui;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protective headers on real HTTP answers of the running server: the sign-in page, an app page
 * that redirects to it, a static resource, the JSON API (signed in or refused).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<Void> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static List<String> directives(HttpResponse<?> response) {
        return Arrays.stream(response.headers().firstValue("Content-Security-Policy").orElseThrow().split(";"))
                .map(String::strip).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/dashboards", "/no-such-page"})
    void everyPageOfTheUiForbidsInlineEventHandlersOtherOriginsAndFramingBySomeoneElse(String path) throws Exception {
        var response = get(path);

        assertThat(directives(response)).contains("script-src-attr 'none'", "object-src 'none'",
                "frame-ancestors 'self'", "base-uri 'self'", "default-src 'self'", "form-action 'self'");
        // Vaadin's client engine needs these two (bootstrap inline script, executeJs as functions).
        assertThat(directives(response)).contains("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/services", "/api/dashboards/none"})
    void theApiAnswersMayLoadAndRunNothing(String path) throws Exception {
        var response = get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(directives(response)).containsExactly("default-src 'none'", "frame-ancestors 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
