package org.socketboard.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * The sign-in page. The form posts to Spring Security's form login ({@code /login}); a refused
 * attempt comes back with {@code ?error}.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · SocketBoard")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    public LoginView() {
        addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.AlignItems.CENTER,
                LumoUtility.JustifyContent.CENTER, LumoUtility.Height.FULL);
        login.setId("login");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(messages());
        add(new H1("SocketBoard"), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    private static LoginI18n messages() {
        var i18n = LoginI18n.createDefault();
        var error = new LoginI18n.ErrorMessage();
        error.setTitle("Sign-in refused");
        error.setMessage("Wrong username or password, or the account is disabled. After repeated failures, "
                + "sign-in is paused for a while: wait and try again.");
        i18n.setErrorMessage(error);
        return i18n;
    }
}
