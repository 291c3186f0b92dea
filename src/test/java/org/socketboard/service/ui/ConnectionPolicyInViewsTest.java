package org.socketboard.service.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.dashboard.DashboardFixtures;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.runtime.VariableEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import java.time.Duration;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection policy as production runs it (no private addresses, so not even this server's own
 * feeds on localhost) where users meet it: Test connection reports the refusal as its outcome, a live
 * variable fails with it in its event log; and a dashboard tab holds no more variables than allowed.
 */
@TestPropertySource(properties = {
        "socketboard.connect.allow-private=false",
        "socketboard.connect.max-dashboard-variables-per-ui=1"})
class ConnectionPolicyInViewsTest extends ServiceViewTest {

    @Autowired
    ServiceCatalog services;
    @Autowired
    VariableCatalog variables;
    @Autowired
    DashboardCatalog dashboards;
    @Autowired
    DashboardFixtures dashboardFixtures;

    /** Before ServiceViewTest deletes the services: their variables first. */
    @AfterEach
    void deleteTheVariables() {
        loginAs("admin", Role.ADMIN);
        variables.list().forEach(variable -> variables.delete(variable.getId()));
    }

    private String testOutcomeFor(String url) {
        openImportPage();
        type(field("service-name"), "upstream");
        type(field("service-url"), url);
        return runConnectionTest();
    }

    @Test
    void testConnectionReportsEachDeniedAddressAsItsOutcome() {
        assertThat(testOutcomeFor("ws://169.254.169.254/latest/meta-data"))
                .isEqualTo("Connections to 169.254.169.254 are not allowed: link-local / cloud metadata address");
        assertThat(testOutcomeFor("ws://169.254.10.20/feed"))
                .isEqualTo("Connections to 169.254.10.20 are not allowed: link-local address");
        assertThat(testOutcomeFor(feedUrl("/feeds/ticker")))
                .startsWith("Connections to localhost (")
                .endsWith(") are not allowed: loopback address (socketboard.connect.allow-private is off)");
        assertThat(errorNotifications()).anySatisfy(text -> assertThat(text).startsWith("Connection test failed"));
    }

    @Test
    void aLiveVariableOnADeniedHostFailsWithTheReasonInItsEventLog() {
        var service = new VariableFixtures(services, port).feed("/feeds/ticker");
        var definition = VariableFixtures.variableOn(service, 10);
        definition.setReconnectEnabled(false); // with reconnects, a refused attempt is retried (RECONNECTING)
        var variable = variables.save(definition);
        UI.getCurrent().navigate("variables/" + variable.getName());

        _click(_get(Button.class, spec -> spec.withId("variable-open")));

        @SuppressWarnings("unchecked")
        Grid<VariableEvent> events = _get(Grid.class, spec -> spec.withId("variable-events"));
        awaitPushed("the variable failed", Duration.ofSeconds(10), () -> stateText().startsWith("failed"));
        assertThat(stateText()).as("the state in words, with the reason").startsWith("failed: Not connected: Connections to localhost (");
        assertThat(GridKt._findAll(events)).extracting(VariableEvent::detail).anySatisfy(detail -> assertThat(detail)
                .startsWith("Not connected: Connections to localhost (")
                .endsWith("loopback address (socketboard.connect.allow-private is off)"));
    }

    @Test
    void aDashboardTabHoldsNoMoreVariablesThanAllowedAndSaysWhichAreLeftOut() {
        var service = dashboardFixtures.tickerService(feedUrl("/feeds/ticker"));
        var first = dashboardFixtures.variable(DashboardFixtures.unique("first"), service, null, false);
        var second = dashboardFixtures.variable(DashboardFixtures.unique("second"), service, null, false);
        var dashboard = new Dashboard("Two", DashboardFixtures.unique("two"), null);
        dashboard.addWidget(DashboardFixtures.valueCard("First", first.getName()));
        dashboard.addWidget(DashboardFixtures.valueCard("Second", second.getName()));
        String slug = dashboards.save(dashboard).getSlug();

        UI.getCurrent().navigate("dashboards/" + slug);

        assertThat(NotificationsKt.getNotifications()).extracting(ConnectionPolicyInViewsTest::text)
                .contains("This dashboard uses more live variables than a tab may hold; not connected: " + second.getName());
    }

    private static String stateText() {
        return _get(Span.class, spec -> spec.withId("variable-state")).getText();
    }

    private static String text(Notification notification) {
        return notification.getElement().getProperty("text", "");
    }
}
