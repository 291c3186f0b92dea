package org.socketboard.security.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.security.account.UserService;
import org.springframework.context.annotation.Scope;

/**
 * A strip asking the signed-in user to change a default (or admin-reset) password, with the button
 * that does it; invisible otherwise. Inject it (prototype scope) and add it to a layout.
 */
@SpringComponent
@Scope("prototype")
public class DefaultPasswordBanner extends Div {

    static final String TEXT = "You are using the default password — change it.";

    private final UserService users;

    public DefaultPasswordBanner(UserService users) {
        this.users = users;
        setId("default-password-banner");
        addClassNames(LumoUtility.Background.WARNING_10, LumoUtility.TextColor.BODY,
                LumoUtility.Padding.SMALL, LumoUtility.Display.FLEX, LumoUtility.AlignItems.CENTER,
                LumoUtility.Gap.MEDIUM);
        var change = new Button("Change password", click -> new ChangePasswordDialog(users, () -> setVisible(false)).open());
        change.setId("default-password-change");
        change.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add(new Span(TEXT), change);
        setVisible(false);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        setVisible(users.signedInUserMustChangePassword());
    }
}
