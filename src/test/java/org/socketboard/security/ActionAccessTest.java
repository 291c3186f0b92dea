package org.socketboard.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.ui.DashboardListView;
import org.socketboard.dashboard.ui.DashboardView;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceTestRunner;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change is checked on the server, whatever the views show: each action of the service,
 * variable and dashboard services is refused to a viewer (and to an anonymous caller), the service
 * actions also to an editor; and the views do not offer a viewer what would be refused.
 */
class ActionAccessTest extends KaribuTest {

    @Autowired
    ServiceCatalog services;
    @Autowired
    ServiceTestRunner testRunner;
    @Autowired
    VariableCatalog variables;
    @Autowired
    DashboardCatalog dashboards;

    private String sharedSlug;

    @BeforeEach
    void storeADashboardSharedWithViewers() {
        var dashboard = new Dashboard("Shared", "shared-" + System.nanoTime(), null);
        dashboard.setSharedWithRoles(List.of(Role.VIEWER.name()));
        sharedSlug = dashboards.save(dashboard).getSlug();
    }

    private Map<String, ThrowingCallable> serviceActions() {
        return Map.of(
                "save service", () -> services.save(new SocketService()),
                "delete service", () -> services.delete("any"),
                "test connection", () -> testRunner.test(new SocketService()));
    }

    private Map<String, ThrowingCallable> variableAndDashboardActions() {
        var widget = new Widget(WidgetType.VALUE, "Price", "prices", 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", null, true, false)));
        return Map.of(
                "save variable", () -> variables.save(new Variable()),
                "delete variable", () -> variables.delete(1L),
                "save dashboard", () -> dashboards.save(new Dashboard("Mine", "mine", null)),
                "add widget", () -> dashboards.addWidget(sharedSlug, widget),
                "edit widget", () -> dashboards.replaceWidget(sharedSlug, 1L, widget),
                "duplicate widget", () -> dashboards.duplicateWidget(sharedSlug, 1L),
                "arrange widgets", () -> dashboards.arrangeWidgets(sharedSlug,
                        Map.of(1L, new GridLayout.Placement(0, 0, 2, 2))),
                "remove widget", () -> dashboards.removeWidget(sharedSlug, 1L),
                "delete dashboard", () -> dashboards.delete(sharedSlug));
    }

    private static void assertAllRefused(Map<String, ThrowingCallable> actions, Class<? extends Exception> refusal) {
        actions.forEach((name, action) -> assertThatThrownBy(action).as(name).isInstanceOf(refusal));
    }

    @Test
    void aViewerIsRefusedEveryChangeOfServicesVariablesAndDashboards() {
        loginAs("vera", Role.VIEWER);
        assertAllRefused(serviceActions(), AccessDeniedException.class);
        assertAllRefused(variableAndDashboardActions(), AccessDeniedException.class);
        loginAs("admin", Role.ADMIN);
        assertThat(dashboards.findBySlug(sharedSlug)).as("the refused delete left it").isPresent();
    }

    @Test
    void anEditorChangesDashboardsButIsRefusedEveryServiceAction() {
        loginAs("eddie", Role.EDITOR);
        assertAllRefused(serviceActions(), AccessDeniedException.class);
        var saved = dashboards.save(new Dashboard("Eddie's", "eddies-" + System.nanoTime(), null));
        dashboards.delete(saved.getSlug());
        assertThat(dashboards.findBySlug(saved.getSlug())).isEmpty();
    }

    @Test
    void anAnonymousCallerIsRefusedEveryChange() {
        logout();
        assertAllRefused(serviceActions(), AuthenticationCredentialsNotFoundException.class);
        assertAllRefused(variableAndDashboardActions(), AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aViewerIsOfferedNeitherANewDashboardNorTheEditor() {
        loginAs("vera", Role.VIEWER);
        // The dashboard first: the start page (the list) was built for the admin of the set-up.
        UI.getCurrent().navigate("dashboards/" + sharedSlug);
        _assertOne(DashboardView.class);
        _assertNone(Button.class, spec -> spec.withId("dashboard-edit"));
        UI.getCurrent().navigate("dashboards");
        _assertOne(DashboardListView.class);
        _assertNone(Button.class, spec -> spec.withId("dashboard-new"));
    }

    @Test
    void anEditorIsOfferedANewDashboardAndTheEditor() {
        loginAs("eddie", Role.EDITOR);
        UI.getCurrent().navigate("dashboards/" + sharedSlug);
        _get(Button.class, spec -> spec.withId("dashboard-edit"));
        UI.getCurrent().navigate("dashboards");
        _get(Button.class, spec -> spec.withId("dashboard-new"));
    }
}
