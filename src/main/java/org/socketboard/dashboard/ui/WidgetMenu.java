package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A widget's menu for editors, in its header on the dashboard: Edit ({@value #EDIT_ID}: the widget
 * dialog, prefilled) and Duplicate ({@value #DUPLICATE_ID}). The editor's rows carry buttons with the
 * same ids. Buttons in the header are not drag handles (dashboard-grid.ts).
 */
final class WidgetMenu extends Span {

    static final String EDIT_ID = "widget-edit";
    static final String DUPLICATE_ID = "widget-duplicate";

    WidgetMenu(Runnable edit, Runnable duplicate) {
        addClassName("sb-widget-menu");
        add(iconButton(EDIT_ID, VaadinIcon.EDIT, "Edit", edit),
                iconButton(DUPLICATE_ID, VaadinIcon.COPY_O, "Duplicate", duplicate));
    }

    static Button iconButton(String id, VaadinIcon icon, String label, Runnable action) {
        var button = new Button(icon.create(), click -> action.run());
        button.setId(id);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return button;
    }
}
