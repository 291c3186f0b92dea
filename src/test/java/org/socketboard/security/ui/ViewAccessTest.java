package org.socketboard.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.security.account.UserService;
import org.socketboard.security.domain.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

import java.util.Arrays;
import java.util.EnumSet;

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
}
