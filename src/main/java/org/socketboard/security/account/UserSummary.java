package org.socketboard.security.account;

import org.socketboard.security.domain.AppUser;
import org.socketboard.security.domain.Role;

import java.time.Instant;
import java.util.Set;

/** What the users view shows of an account (never the password hash). */
public record UserSummary(long id, String username, Set<Role> roles, boolean enabled, boolean mustChangePassword,
                          Instant createdAt) {

    static UserSummary of(AppUser user) {
        return new UserSummary(user.getId(), user.getUsername(), user.getRoles(), user.isEnabled(),
                user.isMustChangePassword(), user.getCreatedAt());
    }
}
