package org.socketboard.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The app's notifications: success and error look the same in every feature. */
public final class Notifications {

    private static final int SUCCESS_MILLIS = 3000;
    private static final int ERROR_MILLIS = 8000;

    private Notifications() {
    }

    public static Notification success(String message) {
        return show(message, NotificationVariant.LUMO_SUCCESS, SUCCESS_MILLIS);
    }

    /** An error the user can read and act on; callers pass a sentence, never a stack trace. */
    public static Notification error(String message) {
        return show(message, NotificationVariant.LUMO_ERROR, ERROR_MILLIS);
    }

    private static Notification show(String message, NotificationVariant variant, int millis) {
        var notification = Notification.show(message, millis, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
        return notification;
    }
}
