package org.socketboard;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.socketboard.security.domain.Role;
import org.socketboard.testsupport.SignedInAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Base of the view tests: a real Spring context with the embedded server on a random port (so the
 * built-in demo feeds are reachable on loopback at {@link #feedUrl(String)}), and Karibu's mocked
 * Vaadin environment for driving views as a user would.
 * <p>
 * Every test starts signed in as {@code admin} with the ADMIN role (which implies EDITOR and VIEWER),
 * so views carrying {@code @RolesAllowed} open as usual. Security tests switch with
 * {@link #loginAs(String, Role...)} and {@link #logout()}: both the view access checks (through the
 * mocked request's {@code getUserPrincipal}/{@code isUserInRole}) and the services' method security
 * (through Spring Security's {@code SecurityContextHolder}) then see that user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SignedInAs
public abstract class KaribuTest {

    private static final long PUSH_WAIT_MILLIS = 15_000;
    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @LocalServerPort
    protected int port;

    private Function1<FakeHttpSession, FakeRequest> plainRequests;

    @BeforeAll
    static void discoverRoutes() {
        // Route discovery scans the classpath: once per JVM is enough.
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.socketboard");
        }
    }

    /** The routes Karibu discovered (all views of the application). */
    protected static Routes routes() {
        return routes;
    }

    @BeforeEach
    void setUpVaadin() {
        plainRequests = MockVaadin.getMockRequestFactory();
        MockVaadin.setMockRequestFactory(SignedInRequest::new);
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
    }

    /**
     * Runs the pending pushes (as a browser's round trips would) until the page shows what is expected,
     * or fails after a bounded wait of {@value #PUSH_WAIT_MILLIS} ms.
     */
    protected static void awaitPushed(String what, BooleanSupplier shown) {
        awaitPushed(what, Duration.ofMillis(PUSH_WAIT_MILLIS), shown);
    }

    /** As {@link #awaitPushed(String, BooleanSupplier)}, failing after {@code within}. */
    protected static void awaitPushed(String what, Duration within, BooleanSupplier shown) {
        awaitPushed(what, within, shown, () -> { });
    }

    /**
     * As {@link #awaitPushed(String, Duration, BooleanSupplier)}, running {@code afterEachRoundTrip} after
     * every round trip (to record or check what the page showed on the way).
     */
    protected static void awaitPushed(String what, Duration within, BooleanSupplier shown, Runnable afterEachRoundTrip) {
        // In the test's own thread: Karibu's UI and session belong to it.
        await(what).atMost(within).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    MockVaadin.clientRoundtrip();
                    afterEachRoundTrip.run();
                    return shown.getAsBoolean();
                });
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        MockVaadin.setMockRequestFactory(plainRequests);
        SecurityContextHolder.clearContext();
    }

    /**
     * Signs in as {@code username} with {@code roles} (plus the roles they imply). The user need not
     * exist in the database unless the test calls something that looks the account up.
     */
    protected void loginAs(String username, Role... roles) {
        SecurityContextHolder.setContext(SignedInAs.Factory.contextFor(username, roles, context.getBean(RoleHierarchy.class)));
    }

    /** Continues anonymously: protected views then send the visitor to the login view. */
    protected void logout() {
        SecurityContextHolder.clearContext();
    }

    /** The URL of a built-in demo feed of the running test server, e.g. {@code feedUrl("/feeds/ticker")}. */
    protected String feedUrl(String pathAndQuery) {
        return "ws://localhost:" + port + pathAndQuery;
    }

    /**
     * A mocked request that answers who is signed in from the {@code SecurityContextHolder}, as Spring
     * Security's servlet filter does for a real request (Karibu runs no filters).
     */
    private static final class SignedInRequest extends FakeRequest {

        SignedInRequest(FakeHttpSession session) {
            super(session);
        }

        @Override
        public Principal getUserPrincipal() {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            return signedIn(auth) ? auth : null;
        }

        @Override
        public boolean isUserInRole(String role) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            return signedIn(auth) && auth.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .anyMatch(("ROLE_" + role)::equals);
        }

        private static boolean signedIn(Authentication auth) {
            return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        }
    }
}
