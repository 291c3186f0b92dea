package org.socketboard.security.ui;

import com.vaadin.flow.component.HasValidation;
import org.socketboard.base.ui.Notifications;
import org.socketboard.security.account.UserValidationException;

import java.util.Map;

/** Shows a refused user change on the field it is about, or as a notification when it concerns no field. */
final class FieldErrors {

    private final Map<UserValidationException.Field, HasValidation> fields;

    FieldErrors(Map<UserValidationException.Field, HasValidation> fields) {
        this.fields = fields;
    }

    void clear() {
        fields.values().forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
    }

    void show(UserValidationException refusal) {
        var field = fields.get(refusal.field());
        if (field == null) {
            Notifications.error(refusal.getMessage());
        } else {
            field.setErrorMessage(refusal.getMessage());
            field.setInvalid(true);
        }
    }
}
