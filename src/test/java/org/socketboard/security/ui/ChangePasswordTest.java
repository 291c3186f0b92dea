package org.socketboard.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.security.account.UserService;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.Role;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.EnumSet;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ChangePasswordTest extends KaribuTest {

    @Test
    void aUserWithAResetPasswordSeesTheBannerAndChangesThePasswordThroughIt() {
        var userService = context.getBean(UserService.class);
        var helen = userService.create("helen", "first-password", EnumSet.of(Role.VIEWER));
        userService.resetPassword(helen.id(), "reset-password");
        loginAs("helen", Role.VIEWER);

        // A fresh page as helen: the main layout decides at creation whether to show the banner.
        UI.getCurrent().getPage().reload();
        var banner = _get(DefaultPasswordBanner.class);
        assertThat(banner.isVisible()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("default-password-change")));
        _setValue(_get(PasswordField.class, spec -> spec.withId("change-password-current")), "reset-password");
        _setValue(_get(PasswordField.class, spec -> spec.withId("change-password-new")), "my-own-password");
        _setValue(_get(PasswordField.class, spec -> spec.withId("change-password-confirm")), "my-own-password");
        _click(_get(Button.class, spec -> spec.withId("change-password-save")));

        _assertNone(ChangePasswordDialog.class);
        assertThat(banner.isVisible()).isFalse();
        var stored = context.getBean(AppUserRepository.class).findByUsername("helen").orElseThrow();
        assertThat(context.getBean(PasswordEncoder.class).matches("my-own-password", stored.getPasswordHash())).isTrue();
        assertThat(stored.isMustChangePassword()).isFalse();
    }

    @Test
    void aWrongCurrentPasswordOrADifferingConfirmationIsRefusedOnTheField() {
        context.getBean(UserService.class).create("ivan", "ivans-password", EnumSet.of(Role.VIEWER));
        loginAs("ivan", Role.VIEWER);
        new ChangePasswordDialog(context.getBean(UserService.class), () -> { }).open();

        var current = _get(PasswordField.class, spec -> spec.withId("change-password-current"));
        var confirm = _get(PasswordField.class, spec -> spec.withId("change-password-confirm"));
        _setValue(current, "guessed-password");
        _setValue(_get(PasswordField.class, spec -> spec.withId("change-password-new")), "new-password-1");
        _setValue(confirm, "new-password-2");
        _click(_get(Button.class, spec -> spec.withId("change-password-save")));
        assertThat(confirm.isInvalid()).isTrue();

        _setValue(confirm, "new-password-1");
        _click(_get(Button.class, spec -> spec.withId("change-password-save")));
        assertThat(current.isInvalid()).isTrue();
        assertThat(current.getErrorMessage()).isEqualTo("This is not your current password");
        var stored = context.getBean(AppUserRepository.class).findByUsername("ivan").orElseThrow();
        assertThat(context.getBean(PasswordEncoder.class).matches("ivans-password", stored.getPasswordHash())).isTrue();
    }
}
