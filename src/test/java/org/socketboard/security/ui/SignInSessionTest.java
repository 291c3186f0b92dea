package org.socketboard.security.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10.3: sign-in lands on the page that was asked for. Signing in changes the session id
 * (session fixation protection) while the login page may still have requests under way with the old
 * id, or a page left behind may send one with no cookie at all; none of them may create a session,
 * whose cookie would replace the signed-in one in the browser. The test plays the browser over HTTP:
 * one session cookie, replaced by every {@code Set-Cookie} that comes back, whichever request it answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInSessionTest {

    /** A protected page (admin only): the demo dashboard is not seeded in tests. */
    private static final String ASKED = "/services";
    /**
     * Protected too, and answered by Spring without rendering a Vaadin page (which would start a
     * frontend build in this non-production test): 200 when the session is signed in, else a redirect.
     */
    private static final String SIGNED_IN_PROBE = "/actuator/info";
    private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The browser's session id; null before the first one. */
    private String browserSession;

    /**
     * Requests a page sends on its own, by Vaadin's client and its push connection (the UI and push
     * ids do not matter: a request without a valid session is answered before they are looked at).
     */
    enum BackgroundRequest {
        UIDL_EVENT("POST", "/?v-r=uidl&v-uiId=0"),
        HEARTBEAT("POST", "/?v-r=heartbeat&v-uiId=0"),
        PUSH_CLOSE("POST", "/VAADIN/push?v-r=push&v-uiId=0&v-pushId=0&X-Atmosphere-Transport=close"
                + "&X-Atmosphere-tracking-id=0&X-atmo-protocol=true"),
        PUSH_LONG_POLLING("GET", "/VAADIN/push?v-r=push&v-uiId=0&v-pushId=0&X-Atmosphere-Transport=long-polling"
                + "&X-Atmosphere-tracking-id=0&X-atmo-protocol=true");

        final String method;
        final String path;

        BackgroundRequest(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    @ParameterizedTest
    @EnumSource(BackgroundRequest.class)
    void aBackgroundRequestWithThePreSignInSessionIdCreatesNoSessionAndTheBrowserStaysSignedIn(BackgroundRequest kind)
            throws IOException, InterruptedException {
        String loginPage = askForAProtectedPage();
        String signedIn = signIn();
        assertThat(signedIn).as("sign-in changes the session id").isNotEqualTo(loginPage);

        var stale = send(kind, loginPage);

        assertThat(sessionCookieOf(stale)).as("session cookie in the answer to the stale " + kind).isEmpty();
        assertThat(browserSession).isEqualTo(signedIn);
        assertThat(send("GET", SIGNED_IN_PROBE).statusCode()).as("signed in").isEqualTo(200);
    }

    @Test
    void aPushRequestWithoutAnySessionCookieCreatesNoSessionAndSignInStillLandsOnTheAskedPage()
            throws IOException, InterruptedException {
        String loginPage = askForAProtectedPage();

        // A page left open after its cookie was cleared (or its session ended) closes its push connection.
        var cookieless = send(BackgroundRequest.PUSH_CLOSE, "");

        assertThat(sessionCookieOf(cookieless)).isEmpty();
        assertThat(browserSession).isEqualTo(loginPage);
        signIn();
        assertThat(send("GET", SIGNED_IN_PROBE).statusCode()).isEqualTo(200);
    }

    /** Asks for a protected page without a session: sent to the login page; returns the session it got. */
    private String askForAProtectedPage() throws IOException, InterruptedException {
        browserSession = null;
        var ask = send("GET", ASKED);
        assertThat(ask.statusCode()).isEqualTo(302);
        assertThat(ask.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(browserSession).isNotNull();
        return browserSession;
    }

    /**
     * Posts admin/admin as the login form does (Vaadin's security configurer exempts the login post
     * from CSRF) and checks that it is sent on to the asked page; returns the signed-in session id.
     */
    private String signIn() throws IOException, InterruptedException {
        var post = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin")), null);
        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(post.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith(ASKED + "?continue"));
        return browserSession;
    }

    /** Sends the background request with this session id (the empty string: no cookie at all). */
    private HttpResponse<InputStream> send(BackgroundRequest kind, String cookie) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(kind.path))
                .header("Content-Type", "application/json; charset=UTF-8")
                .method(kind.method, kind.method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"csrfToken\":\"0\",\"rpc\":[],\"syncId\":0,\"clientId\":0}"));
        var response = send(request, cookie);
        // A long-polling answer stays open: its headers are all that matters.
        response.body().close();
        return response;
    }

    private HttpResponse<InputStream> send(String method, String path) throws IOException, InterruptedException {
        var response = send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()), null);
        response.body().close();
        return response;
    }

    /**
     * Sends with the browser's cookie, or with the given one (the empty string: none); like a browser,
     * keeps whatever session cookie the answer sets.
     */
    private HttpResponse<InputStream> send(HttpRequest.Builder request, String cookie) throws IOException, InterruptedException {
        String sent = cookie != null ? cookie : browserSession;
        if (sent != null && !sent.isEmpty()) {
            request.header("Cookie", "JSESSIONID=" + sent);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        sessionCookieOf(response).ifPresent(set -> browserSession = set);
        return response;
    }

    private static Optional<String> sessionCookieOf(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION_COOKIE::matcher)
                .filter(Matcher::find)
                .map(found -> found.group(1))
                .findFirst();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
