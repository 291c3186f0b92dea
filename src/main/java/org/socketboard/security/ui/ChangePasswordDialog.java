package org.socketboard.security.ui;

import com.vaadin.flow.component.button.Button;
import org.socketboard.base.ui.Notifications;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import org.socketboard.security.account.UserService;
import org.socketboard.security.account.UserValidationException;
import org.socketboard.security.account.UserValidationException.Field;

import java.util.Map;

/** Lets the signed-in user replace their own password (current password, new one twice). */
public class ChangePasswordDialog extends Dialog {

    private final UserService users;
    private final Runnable onChanged;
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField replacement = new PasswordField("New password");
    private final PasswordField confirmation = new PasswordField("New password again");
    private final FieldErrors errors = new FieldErrors(Map.of(Field.CURRENT_PASSWORD, current, Field.PASSWORD, replacement));

    /** {@code onChanged} runs after a successful change (e.g. to hide the default-password banner). */
    public ChangePasswordDialog(UserService users, Runnable onChanged) {
        this.users = users;
        this.onChanged = onChanged;
        setId("change-password-dialog");
        setHeaderTitle("Change password");
        current.setId("change-password-current");
        replacement.setId("change-password-new");
        replacement.setHelperText("At least " + UserService.MIN_PASSWORD_LENGTH + " characters");
        confirmation.setId("change-password-confirm");
        add(new FormLayout(current, replacement, confirmation));

        var save = new Button("Change password", click -> save());
        save.setId("change-password-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
    }

    private void save() {
        errors.clear();
        confirmation.setInvalid(false);
        if (!replacement.getValue().equals(confirmation.getValue())) {
            confirmation.setErrorMessage("The two new passwords differ");
            confirmation.setInvalid(true);
            return;
        }
        try {
            users.changeOwnPassword(current.getValue(), replacement.getValue());
        } catch (UserValidationException refused) {
            errors.show(refused);
            return;
        }
        Notifications.success("Password changed");
        close();
        onChanged.run();
    }
}
