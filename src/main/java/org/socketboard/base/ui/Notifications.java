package org.socketboard.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.FlexComponent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The app's notifications: success and error look the same in every feature. */
public final class Notifications {

    private static final int SUCCESS_MILLIS = 3000;
    private static final int ERROR_MILLIS = 8000;
    private static final int NEXT_STEP_MILLIS = 12000;

    private Notifications() {
    }

    public static Notification success(String message) {
        return show(message, NotificationVariant.LUMO_SUCCESS, SUCCESS_MILLIS);
    }

    /**
     * A success that offers the workflow's next step as a link, e.g. "Service ticker saved · Create a
     * variable on it"; it stays longer than a plain success so there is time to follow it.
     *
     * @param id   the link's id
     * @param href a route relative to the app, e.g. {@code variables/new?service=ticker}
     */
    public static Notification successWithNextStep(String message, String id, String linkText, String href) {
        var link = new Anchor(href, linkText);
        link.setId(id);
        // Lumo's link blue is unreadable on the success green: the link takes the notification's own text
        // colour (its contrast colour, in the light and the dark theme) and is told apart by its underline.
        link.getStyle().set("color", "inherit").set("text-decoration", "underline").set("font-weight", "600");
        // The link navigates away: the notification has done its job.
        var content = new HorizontalLayout(new Span(message), link);
        content.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var notification = new Notification(content);
        notification.setDuration(NEXT_STEP_MILLIS);
        notification.setPosition(Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        link.getElement().addEventListener("click", click -> notification.close());
        notification.open();
        return notification;
    }

    /** A query parameter's value, encoded for a link. */
    public static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
