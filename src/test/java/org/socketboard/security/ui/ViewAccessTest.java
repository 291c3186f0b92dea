package org.socketboard.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.ui.DashboardEditorView;
import org.socketboard.dashboard.ui.DashboardListView;
import org.socketboard.dashboard.ui.DashboardView;
import org.socketboard.security.account.UserService;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ui.ServiceEditorView;
import org.socketboard.service.ui.ServiceListView;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.ui.VariableEditorView;
import org.socketboard.variable.ui.VariableListView;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewAccessTest extends KaribuTest {

    @Test
    void anAnonymousVisitorOfEveryProtectedRouteIsSentToTheLoginView() {
        logout();
        var protectedRoutes = routes().getRoutes().stream()
                .filter(view -> view.isAnnotationPresent(Route.class))
                .filter(view -> !view.isAnnotationPresent(AnonymousAllowed.class))
                .toList();
        assertThat(protectedRoutes).contains(UsersView.class, AuditView.class);
        for (var view : protectedRoutes) {
            UI.getCurrent().navigate(pathOf(view));
            assertThat(UI.getCurrent().getCurrentView()).as(view.getSimpleName()).isInstanceOf(LoginView.class);
            UI.getCurrent().navigate(""); // leave the login view so the next navigation is a real change
        }
    }

    // Refusals are checked by the exception's type: in production mode (as CI runs) Vaadin gives no message.
    @Test
    void aViewerCannotOpenTheUsersViewOrTheAuditLog() {
        loginAs("vera", Role.VIEWER);
        for (var path : new String[]{"users", "audit"}) {
            assertThatThrownBy(() -> UI.getCurrent().navigate(path)).as(path).hasStackTraceContaining("AccessDeniedException");
            _assertNone(UsersView.class);
            _assertNone(AuditView.class);
        }
    }

    @Test
    void aViewerCannotOpenAnyRouteRestrictedToAdminsOrEditors() {
        loginAs("vera", Role.VIEWER);
        var restricted = routes().getRoutes().stream()
                .filter(view -> view.isAnnotationPresent(Route.class) && view.isAnnotationPresent(RolesAllowed.class))
                .filter(view -> !Arrays.asList(view.getAnnotation(RolesAllowed.class).value()).contains("VIEWER"))
                .toList();
        assertThat(restricted).contains(UsersView.class);
        for (var view : restricted) {
            assertThatThrownBy(() -> UI.getCurrent().navigate(pathOf(view))).as(view.getSimpleName())
                    .hasStackTraceContaining("AccessDeniedException");
        }
    }

    @Test
    void theAdminOpensTheUsersView() {
        UI.getCurrent().navigate("users");
        _assertOne(UsersView.class);
    }

    @Test
    void anEditorIsAlsoAViewerButNoAdmin() {
        loginAs("eddie", Role.EDITOR);
        assertThatThrownBy(() -> UI.getCurrent().navigate("users")).hasStackTraceContaining("AccessDeniedException");
    }

    @Test
    void aViewerSeesNoAdminEntriesInTheMenu() {
        loginAs("vera", Role.VIEWER);
        assertThat(MenuConfiguration.getMenuEntries()).extracting(MenuEntry::title).doesNotContain("Users", "Audit log");
        loginAs("admin", Role.ADMIN);
        assertThat(MenuConfiguration.getMenuEntries()).extracting(MenuEntry::title).contains("Users", "Audit log");
    }

    @Test
    void userManagementIsRefusedOnTheServerToViewersAndToAnonymousCallers() {
        var users = context.getBean(UserService.class);
        loginAs("vera", Role.VIEWER);
        assertThatThrownBy(users::list).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.create("mallory", "long-enough", EnumSet.of(Role.ADMIN)))
                .isInstanceOf(AccessDeniedException.class);
        logout();
        assertThatThrownBy(users::list).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    /** The route's path with each parameter ({@code :id}) filled in, so that parameterised routes are checked too. */
    private static String pathOf(Class<?> view) {
        return view.getAnnotation(Route.class).value().replaceAll(":[^/]+", "1");
    }

    /** What a navigation ends in. */
    private enum Outcome { OPENS, LOGIN, DENIED, NOT_FOUND }

    /** The kinds of visitor, in the order of the outcomes in each row of the route table. */
    private enum Visitor { ANONYMOUS, VIEWER, OTHER_VIEWER, EDITOR, ADMIN }

    private record RouteRow(Class<?> view, String path, Outcome... outcomes) {
    }

    /**
     * Every route × every kind of visitor, as one table. "Viewer" has the dashboard shared with them by
     * name; "other viewer" does not, and finds it as missing as one that does not exist.
     */
    @Test
    void everyRouteAnswersEveryVisitorAsTheTableSays() {
        var services = context.getBean(ServiceCatalog.class);
        var service = new VariableFixtures(services, port).feed("/feeds/ticker");
        var variable = context.getBean(VariableCatalog.class)
                .save(VariableFixtures.variableOn(service, 10));
        var dashboard = new Dashboard("Shared with vera",
                VariableFixtures.uniqueName("shared"), null);
        dashboard.setSharedWithUsers(List.of("vera"));
        context.getBean(DashboardCatalog.class).save(dashboard);

        Outcome[] admins = {Outcome.LOGIN, Outcome.DENIED, Outcome.DENIED, Outcome.DENIED, Outcome.OPENS};
        Outcome[] editors = {Outcome.LOGIN, Outcome.DENIED, Outcome.DENIED, Outcome.OPENS, Outcome.OPENS};
        Outcome[] signedIn = {Outcome.LOGIN, Outcome.OPENS, Outcome.OPENS, Outcome.OPENS, Outcome.OPENS};
        var table = List.of(
                new RouteRow(LoginView.class, "login", Outcome.OPENS, Outcome.OPENS, Outcome.OPENS, Outcome.OPENS, Outcome.OPENS),
                new RouteRow(DashboardListView.class, "dashboards", signedIn),
                new RouteRow(DashboardView.class, "dashboards/" + dashboard.getSlug(),
                        Outcome.LOGIN, Outcome.OPENS, Outcome.NOT_FOUND, Outcome.OPENS, Outcome.OPENS),
                new RouteRow(DashboardEditorView.class, "dashboards/" + dashboard.getSlug() + "/edit", editors),
                new RouteRow(VariableListView.class, "variables", editors),
                new RouteRow(VariableEditorView.class, "variables/" + variable.getName(), editors),
                new RouteRow(ServiceListView.class, "services", admins),
                new RouteRow(ServiceEditorView.class, "services/" + service.getName(), admins),
                new RouteRow(UsersView.class, "users", admins),
                new RouteRow(AuditView.class, "audit", admins));
        assertThat(table).extracting(RouteRow::view).as("every route is in the table")
                .containsExactlyInAnyOrderElementsOf(routes().getRoutes().stream()
                        .filter(view -> view.isAnnotationPresent(Route.class)).toList());

        var answers = new ArrayList<String>();
        var expected = new ArrayList<String>();
        for (RouteRow row : table) {
            for (Visitor visitor : Visitor.values()) {
                switch (visitor) {
                    case ANONYMOUS -> logout();
                    case VIEWER -> loginAs("vera", Role.VIEWER);
                    case OTHER_VIEWER -> loginAs("otto", Role.VIEWER);
                    case EDITOR -> loginAs("eddie", Role.EDITOR);
                    case ADMIN -> loginAs("admin", Role.ADMIN);
                }
                expected.add(row.path() + " by " + visitor + ": " + row.outcomes()[visitor.ordinal()]);
                answers.add(row.path() + " by " + visitor + ": " + navigate(row.view(), row.path()));
            }
        }
        assertThat(answers).containsExactlyElementsOf(expected);
    }

    private static Outcome navigate(Class<?> view, String path) {
        UI.getCurrent().navigate("login"); // from elsewhere, so that each navigation is a real change
        try {
            UI.getCurrent().navigate(path);
        } catch (RuntimeException refused) {
            var trace = ExceptionUtils.getStackTrace(refused);
            if (trace.contains("AccessDeniedException")) {
                return Outcome.DENIED;
            }
            if (trace.contains("NotFoundException")) {
                return Outcome.NOT_FOUND;
            }
            throw refused;
        }
        var shown = UI.getCurrent().getCurrentView();
        if (view.isInstance(shown)) {
            return Outcome.OPENS;
        }
        if (shown instanceof LoginView) {
            return Outcome.LOGIN;
        }
        if (shown instanceof RouteNotFoundError) {
            return Outcome.NOT_FOUND;
        }
        throw new AssertionError(path + " showed " + shown.getClass().getSimpleName());
    }
}
