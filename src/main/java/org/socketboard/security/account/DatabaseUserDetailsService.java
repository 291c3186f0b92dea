package org.socketboard.security.account;

import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Loads accounts from the database for sign-in. The authorities are the effective roles (ADMIN also
 * gets EDITOR and VIEWER), because the servlet {@code isUserInRole} that Vaadin's view access check
 * uses does not know the role hierarchy. Used by {@link ThrottledAuthenticationProvider} only.
 */
class DatabaseUserDetailsService implements UserDetailsService {

    private final AppUserRepository users;
    private final RoleHierarchy roleHierarchy;

    DatabaseUserDetailsService(AppUserRepository users, RoleHierarchy roleHierarchy) {
        this.users = users;
        this.roleHierarchy = roleHierarchy;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = users.findByUsername(Usernames.normalize(username))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        var granted = user.getRoles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList();
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .authorities(roleHierarchy.getReachableGrantedAuthorities(granted))
                .disabled(!user.isEnabled())
                .build();
    }
}
