package org.socketboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13.7: behind a reverse proxy that ends TLS, the app sees https. A real request from 127.0.0.1
 * (one of Tomcat's usual internal proxies) with {@code X-Forwarded-Proto: https} is a secure request:
 * the sign-in redirect Tomcat builds from it says https.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedHeadersTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aRequestFromALoopbackProxyWithForwardedProtoHttpsIsServedAsHttps() throws Exception {
        var response = signInRedirect("https");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("https://").endsWith("/login"));
    }

    @Test
    void withoutTheHeaderTheSameRequestStaysPlainHttp() throws Exception {
        var response = signInRedirect(null);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("http://localhost:" + port + "/").endsWith("/login"));
    }

    /** An unauthenticated page request, as the proxy passes it on: Spring Security answers with the sign-in page. */
    private HttpResponse<Void> signInRedirect(String forwardedProto) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/services"))
                .header("Accept", "text/html");
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.discarding());
    }
}
