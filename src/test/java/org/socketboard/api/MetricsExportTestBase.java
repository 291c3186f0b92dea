package org.socketboard.api;

import org.socketboard.security.account.UserService;
import org.socketboard.security.domain.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

import java.util.Set;

/**
 * Base of the API tests that need metrics export on (tests leave it out otherwise), so that
 * {@code /actuator/prometheus} exists and a scraper may read it with {@link #TOKEN}. One set of
 * settings for all of them, so one application context serves them all.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "socketboard.metrics.scrape-token=" + MetricsExportTestBase.TOKEN)
abstract class MetricsExportTestBase extends ApiTestBase {

    static final String TOKEN = "scrape-4c1e9b7d2a";
    static final String PASSWORD = "long-enough-password";

    @Autowired
    UserService users;

    /** Creates the account {@code name} with {@code role} (password {@link #PASSWORD}); a client signed in as it. */
    ApiClient signedIn(String name, Role role) {
        users.create(name, PASSWORD, Set.of(role));
        return new ApiClient(rest, name, PASSWORD);
    }
}
