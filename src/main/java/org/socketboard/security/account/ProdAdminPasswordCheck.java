package org.socketboard.security.account;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start under the {@code prod} profile without {@code SOCKETBOARD_ADMIN_PASSWORD}, before
 * anything else starts, so a production instance never comes up with the well-known default login.
 * Registered in {@code META-INF/spring.factories}.
 */
public class ProdAdminPasswordCheck implements EnvironmentPostProcessor {

    static final String MESSAGE = "The prod profile requires SOCKETBOARD_ADMIN_PASSWORD (property "
            + AdminSettings.PASSWORD_PROPERTY + "): set it to the password of the first admin account.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var password = environment.getProperty(AdminSettings.PASSWORD_PROPERTY);
        if (environment.acceptsProfiles(Profiles.of("prod")) && (password == null || password.isBlank())) {
            throw new IllegalStateException(MESSAGE);
        }
    }
}
