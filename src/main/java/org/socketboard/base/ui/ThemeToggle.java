package org.socketboard.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * The light/dark switch of the top bar ({@code theme-toggle}). The choice is the user's and lives in
 * the browser (localStorage, per user name, {@code frontend/components/theme-mode.ts}); without one
 * the page follows the system's prefers-color-scheme. The button shows the mode it switches to and
 * carries the mode shown as {@code data-theme} ("light" or "dark").
 */
@JsModule("./components/theme-mode.ts")
public final class ThemeToggle extends Button {

    static final String MODE_ATTRIBUTE = "data-theme";

    private final String user;

    /** @param user the signed-in user's name, whose choice this is */
    public ThemeToggle(String user) {
        this.user = user;
        setId("theme-toggle");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        show("light");
        addClickListener(click -> getElement().executeJs("return window.sbTheme.toggle($0)", user)
                .then(String.class, this::show));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs("return window.sbTheme.applyFor($0)", user).then(String.class, this::show);
    }

    /** Shows the mode the page is in now, as the browser reported it. */
    void show(String mode) {
        boolean dark = "dark".equals(mode);
        getElement().setAttribute(MODE_ATTRIBUTE, dark ? "dark" : "light");
        setIcon((dark ? VaadinIcon.SUN_O : VaadinIcon.MOON_O).create());
        String action = dark ? "Switch to the light theme" : "Switch to the dark theme";
        setAriaLabel(action);
        setTooltipText(action);
    }
}
