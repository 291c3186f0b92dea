package org.socketboard.security.account;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in over real HTTP against the running server: form login, HTTP Basic on the REST API, public paths. */
@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    UserService userService;
    @Autowired
    AppUserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void onTheFirstStartTheAdminSignsInWithTheDefaultPasswordAndIsAskedToChangeIt() throws Exception {
        var admin = users.findByUsername("admin").orElseThrow();
        assertThat(admin.getRoles()).containsExactly(Role.ADMIN);
        assertThat(admin.isMustChangePassword()).isTrue();
        assertThat(signIn("admin", "admin").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        var response = signIn("admin", "not-the-password");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightPasswordIsRefusedForAWhile() throws Exception {
        createUser("throttled", "right-password");
        assertThat(signedIn(signIn("throttled", "right-password"))).isTrue();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(signedIn(signIn("throttled", "wrong-password-" + attempt))).as("attempt %d", attempt).isFalse();
        }
        assertThat(signedIn(signIn("throttled", "right-password"))).isFalse();
        assertThat(signedIn(signIn("admin", "admin"))).as("other accounts are unaffected").isTrue();
    }

    @Test
    void anAnonymousRequestForAViewIsRedirectedToTheLoginPage() throws Exception {
        var response = http.send(HttpRequest.newBuilder(url("/users")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void theRestApiWantsHttpBasicAndChecksThePassword() throws Exception {
        var anonymous = http.send(HttpRequest.newBuilder(url("/api/services")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
        assertThat(apiGet("admin", "wrong-password").statusCode()).isEqualTo(401);
        // Signed in: past security (no REST endpoint exists yet, so whatever answers, it is not a refusal).
        assertThat(apiGet("admin", "admin").statusCode()).isNotIn(302, 401, 403);
    }

    @Test
    void theDemoFeedsAndTheHealthProbeArePublic() throws Exception {
        var health = http.send(HttpRequest.newBuilder(url("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        var feed = http.send(HttpRequest.newBuilder(url("/feeds/no-such-feed")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(feed.statusCode()).isNotIn(302, 401, 403);
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean signedIn(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").map(location -> !location.contains("/login")).orElse(false);
    }

    private HttpResponse<String> apiGet(String username, String password) throws Exception {
        var credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(url("/api/services")).header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void createUser(String username, String password) {
        var admin = List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null, admin));
        try {
            userService.create(username, password, EnumSet.of(Role.VIEWER));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
