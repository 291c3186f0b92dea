package org.socketboard.security.ui;

import com.vaadin.flow.component.button.Button;
import org.socketboard.base.ui.Notifications;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.socketboard.security.account.UserService;
import org.socketboard.security.account.UserSummary;
import org.socketboard.security.account.UserValidationException;
import org.socketboard.security.account.UserValidationException.Field;
import org.socketboard.security.domain.Role;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Admins manage accounts: the grid lists them; the form beside it creates a user, or for the selected
 * one changes the roles, disables/enables it or resets its password.
 */
@Route("users")
@PageTitle("Users · SocketBoard")
@Menu(title = "Users", order = 5, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class UsersView extends HorizontalLayout {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final UserService users;
    private final Clock clock;
    private final Grid<UserSummary> grid = new Grid<>();
    private final H3 formTitle = new H3();
    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField();
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
    private final Button save = new Button();
    private final Button toggleEnabled = new Button();
    private final Button resetPassword = new Button("Reset password");
    private final FieldErrors errors = new FieldErrors(Map.of(Field.USERNAME, username, Field.PASSWORD, password, Field.ROLES, roles));
    /** The selected user, or null while creating a new one. */
    private UserSummary editing;

    public UsersView(UserService users, Clock clock) {
        this.users = users;
        this.clock = clock;
        setSizeFull();
        add(gridColumn(), form());
        refresh();
        startCreating();
    }

    private VerticalLayout gridColumn() {
        grid.setId("users-grid");
        grid.addColumn(UserSummary::username).setHeader("Username").setKey("username");
        grid.addColumn(user -> Role.words(user.roles())).setHeader("Roles").setKey("roles");
        grid.addColumn(user -> user.enabled() ? "enabled" : "disabled").setHeader("Status").setKey("status");
        grid.addColumn(user -> user.mustChangePassword() ? "must change" : "").setHeader("Password").setKey("password");
        grid.addColumn(user -> CREATED.format(user.createdAt().atZone(clock.getZone()))).setHeader("Created").setKey("created");
        grid.asSingleSelect().addValueChangeListener(event -> {
            if (event.getValue() != null) {
                startEditing(event.getValue());
            } else if (event.isFromClient()) {
                startCreating();
            }
        });
        var create = new Button("New user", click -> grid.asSingleSelect().clear());
        create.setId("users-new");
        // Titled like the other admin pages (Services, Variables, Audit log); the form has its own.
        var heading = new H2("Users");
        heading.setId("users-heading");
        var header = new HorizontalLayout(heading, create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        var column = new VerticalLayout(header, grid);
        column.setSizeFull();
        return column;
    }

    private VerticalLayout form() {
        username.setId("user-username");
        password.setId("user-password");
        password.setHelperText("At least " + UserService.MIN_PASSWORD_LENGTH + " characters");
        roles.setId("user-roles");
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(Role::withDuties);
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        toggleEnabled.setId("user-toggle-enabled");
        toggleEnabled.addClickListener(click -> toggleEnabled());
        resetPassword.setId("user-reset-password");
        resetPassword.addClickListener(click -> resetPassword());
        var form = new VerticalLayout(formTitle, new FormLayout(username, password, roles),
                new HorizontalLayout(save, toggleEnabled, resetPassword));
        form.setWidth("28rem");
        return form;
    }

    private void startCreating() {
        editing = null;
        errors.clear();
        formTitle.setText("New user");
        username.setReadOnly(false);
        username.clear();
        password.setLabel("Password");
        password.clear();
        roles.setValue(EnumSet.of(Role.VIEWER));
        save.setText("Create user");
        toggleEnabled.setVisible(false);
        resetPassword.setVisible(false);
    }

    private void startEditing(UserSummary user) {
        editing = user;
        errors.clear();
        formTitle.setText(user.username());
        username.setValue(user.username());
        username.setReadOnly(true);
        password.setLabel("New password (for a reset)");
        password.clear();
        roles.setValue(user.roles());
        save.setText("Save roles");
        toggleEnabled.setText(user.enabled() ? "Disable" : "Enable");
        toggleEnabled.setVisible(true);
        resetPassword.setVisible(true);
    }

    private void save() {
        if (editing == null) {
            act(() -> users.create(username.getValue(), password.getValue(), roles.getValue()), "User created");
        } else {
            act(() -> users.changeRoles(editing.id(), roles.getValue()), "Roles saved");
        }
    }

    private void toggleEnabled() {
        boolean enable = !editing.enabled();
        act(() -> users.setEnabled(editing.id(), enable), enable ? "User enabled" : "User disabled");
    }

    private void resetPassword() {
        act(() -> users.resetPassword(editing.id(), password.getValue()),
                "Password reset: " + editing.username() + " must change it at the next sign-in");
    }

    /** Runs one change; on success shows the result selected in the grid, on refusal marks the field. */
    private void act(Supplier<UserSummary> change, String done) {
        errors.clear();
        UserSummary changed;
        try {
            changed = change.get();
        } catch (UserValidationException refused) {
            errors.show(refused);
            return;
        }
        Notifications.success(done);
        refresh();
        grid.select(changed);
        startEditing(changed);
    }

    private void refresh() {
        grid.setItems(users.list());
    }
}
