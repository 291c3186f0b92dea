package org.socketboard;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Base of the view tests: a real Spring context with the embedded server on a random port (so the
 * built-in demo feeds are reachable on loopback at {@link #feedUrl(String)}), and Karibu's mocked
 * Vaadin environment for driving views as a user would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class KaribuTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void discoverRoutes() {
        // Route discovery scans the classpath: once per JVM is enough.
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.socketboard");
        }
    }

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    /** The URL of a built-in demo feed of the running test server, e.g. {@code feedUrl("/feeds/ticker")}. */
    protected String feedUrl(String pathAndQuery) {
        return "ws://localhost:" + port + pathAndQuery;
    }
}
