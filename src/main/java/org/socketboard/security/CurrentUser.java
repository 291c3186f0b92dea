package org.socketboard.security;

import org.socketboard.security.domain.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is signed in on the current thread (a request or a UI access), read from Spring Security.
 * Roles are the effective ones: every sign-in expands them through the role hierarchy, so an ADMIN
 * also has EDITOR and VIEWER.
 */
@Component
public class CurrentUser {

    /** The username, empty when nobody is signed in. */
    public Optional<String> username() {
        return authentication().map(Authentication::getName);
    }

    /** The effective roles (including the implied ones), empty when nobody is signed in. */
    public Set<Role> roles() {
        var roles = EnumSet.noneOf(Role.class);
        authentication().ifPresent(auth -> auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .forEach(authority -> Arrays.stream(Role.values())
                        .filter(role -> role.authority().equals(authority))
                        .forEach(roles::add)));
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles().contains(role);
    }

    private static Optional<Authentication> authentication() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(auth);
    }
}
