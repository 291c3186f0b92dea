package org.socketboard.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.security.AuditLog;
import org.socketboard.security.account.UserService;
import org.socketboard.security.account.UserSummary;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.EnumSet;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class UsersViewTest extends KaribuTest {

    private AppUserRepository users;
    private PasswordEncoder passwordEncoder;

    @BeforeEach
    void openUsersView() {
        users = context.getBean(AppUserRepository.class);
        passwordEncoder = context.getBean(PasswordEncoder.class);
        UI.getCurrent().navigate("users");
    }

    @Test
    void thePageIsHeadedUsersAboveTheListLikeTheOtherAdminPages() {
        var heading = _get(H2.class, spec -> spec.withId("users-heading"));
        assertThat(heading.getText()).isEqualTo("Users");
        assertThat(_get(H2.class, spec -> spec.withText("Users"))).as("the one page heading").isSameAs(heading);
        assertThat(_get(H3.class, spec -> spec.withText("New user"))).as("the form's title under it").isNotNull();
    }

    @Test
    void theAdminCreatesAUserWhoIsListedAndAudited() {
        fill("carol", "carol-password", EnumSet.of(Role.EDITOR));
        _click(_get(Button.class, spec -> spec.withId("user-save")));

        expectNotifications("User created");
        var carol = users.findByUsername("carol").orElseThrow();
        assertThat(carol.getRoles()).containsExactly(Role.EDITOR);
        assertThat(passwordEncoder.matches("carol-password", carol.getPasswordHash())).isTrue();
        assertThat(gridItems()).extracting(UserSummary::username).contains("carol");
        var newest = context.getBean(AuditLog.class).newestFirst(PageRequest.of(0, 1)).get(0);
        assertThat(newest.getAction()).isEqualTo(AuditAction.CREATED);
        assertThat(newest.getKind()).isEqualTo(AuditKind.USER);
        assertThat(newest.getTarget()).isEqualTo("carol");
        assertThat(newest.getActor()).isEqualTo("admin");
        assertThat(newest.getDetail()).doesNotContain("carol-password");
    }

    @Test
    void badInputIsMarkedOnTheFieldAndNothingIsSaved() {
        fill("dan", "short", EnumSet.of(Role.VIEWER));
        _click(_get(Button.class, spec -> spec.withId("user-save")));
        assertThat(field("user-password", PasswordField.class).isInvalid()).isTrue();
        assertThat(field("user-password", PasswordField.class).getErrorMessage()).contains("At least 8 characters");

        fill("no spaces allowed", "long-enough", EnumSet.of(Role.VIEWER));
        _click(_get(Button.class, spec -> spec.withId("user-save")));
        assertThat(field("user-username", TextField.class).isInvalid()).isTrue();

        fill("admin", "long-enough", EnumSet.of(Role.VIEWER));
        _click(_get(Button.class, spec -> spec.withId("user-save")));
        assertThat(field("user-username", TextField.class).getErrorMessage()).isEqualTo("A user named admin already exists");

        fill("dan", "long-enough", EnumSet.noneOf(Role.class));
        _click(_get(Button.class, spec -> spec.withId("user-save")));
        assertThat(field("user-roles", CheckboxGroup.class).isInvalid()).isTrue();

        assertThat(users.findByUsername("dan")).isEmpty();
        assertThat(users.findByUsername("no spaces allowed")).isEmpty();
    }

    @Test
    void theAdminDisablesAndEnablesAUser() {
        var erin = createUser("erin");
        select(erin);
        _click(_get(Button.class, spec -> spec.withId("user-toggle-enabled").withText("Disable")));
        assertThat(users.findByUsername("erin").orElseThrow().isEnabled()).isFalse();

        _click(_get(Button.class, spec -> spec.withId("user-toggle-enabled").withText("Enable")));
        assertThat(users.findByUsername("erin").orElseThrow().isEnabled()).isTrue();
    }

    @Test
    void theAdminResetsAPasswordWhichTheUserThenHasToChange() {
        var frank = createUser("frank");
        select(frank);
        _setValue(field("user-password", PasswordField.class), "temporary-1");
        _click(_get(Button.class, spec -> spec.withId("user-reset-password")));

        var stored = users.findByUsername("frank").orElseThrow();
        assertThat(passwordEncoder.matches("temporary-1", stored.getPasswordHash())).isTrue();
        assertThat(stored.isMustChangePassword()).isTrue();
    }

    @Test
    void theAdminAssignsRoles() {
        var grace = createUser("grace");
        select(grace);
        _setValue(field("user-roles", CheckboxGroup.class), EnumSet.of(Role.EDITOR, Role.VIEWER));
        _click(_get(Button.class, spec -> spec.withId("user-save")));
        assertThat(users.findByUsername("grace").orElseThrow().getRoles()).containsExactlyInAnyOrder(Role.EDITOR, Role.VIEWER);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabled() {
        select(gridItems().stream().filter(user -> user.username().equals("admin")).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("user-toggle-enabled")));
        expectNotifications("Cannot disable for admin: it is the last enabled admin");
        assertThat(users.findByUsername("admin").orElseThrow().isEnabled()).isTrue();
    }

    private UserSummary createUser(String username) {
        var created = context.getBean(UserService.class).create(username, username + "-password", EnumSet.of(Role.VIEWER));
        UI.getCurrent().navigate("audit"); // reopen the users view so that its grid lists the new user
        UI.getCurrent().navigate("users");
        return created;
    }

    private void fill(String username, String password, Set<Role> roles) {
        _click(_get(Button.class, spec -> spec.withId("users-new")));
        _setValue(field("user-username", TextField.class), username);
        _setValue(field("user-password", PasswordField.class), password);
        _setValue(field("user-roles", CheckboxGroup.class), roles);
    }

    @SuppressWarnings("unchecked")
    private java.util.List<UserSummary> gridItems() {
        Grid<UserSummary> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        return grid.getListDataView().getItems().toList();
    }

    @SuppressWarnings("unchecked")
    private void select(UserSummary user) {
        Grid<UserSummary> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        grid.select(gridItems().stream().filter(item -> item.id() == user.id()).findFirst().orElseThrow());
    }

    private static <T extends com.vaadin.flow.component.Component> T field(String id, Class<T> type) {
        return _get(type, spec -> spec.withId(id));
    }
}
