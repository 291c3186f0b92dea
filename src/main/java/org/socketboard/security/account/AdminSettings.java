package org.socketboard.security.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socketboard.admin.password} (environment: {@code SOCKETBOARD_ADMIN_PASSWORD}): the password
 * of the {@code admin} account created on first start. Unset: {@code admin}, to be changed at once.
 */
@ConfigurationProperties("socketboard.admin")
public record AdminSettings(String password) {

    public static final String PASSWORD_PROPERTY = "socketboard.admin.password";

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
