package org.socketboard.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.account.UserService;
import org.springframework.context.annotation.Scope;

/** The signed-in user's name with "Change password" and "Sign out", for the top bar of the main layout. */
@SpringComponent
@Scope("prototype")
public class UserMenu extends HorizontalLayout {

    public UserMenu(CurrentUser currentUser, UserService users, AuthenticationContext authentication) {
        setId("user-menu");
        setAlignItems(Alignment.CENTER);
        var name = new Span(currentUser.username().orElse(""));
        name.setId("user-menu-name");
        var changePassword = new Button("Change password", click -> new ChangePasswordDialog(users, () -> { }).open());
        changePassword.setId("user-menu-change-password");
        changePassword.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var signOut = new Button("Sign out", click -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(name, changePassword, signOut);
    }
}
