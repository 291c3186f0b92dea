package org.socketboard.testsupport;

import org.socketboard.security.domain.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.test.context.support.WithSecurityContext;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * Runs a test (or every test of a class) signed in as {@link #value()} with {@link #roles()} and the
 * roles they imply, expanded by the application's own {@link RoleHierarchy} bean exactly as a real
 * sign-in is ({@code DatabaseUserDetailsService}). The account need not exist unless the test calls
 * something that looks it up.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@WithSecurityContext(factory = SignedInAs.Factory.class)
public @interface SignedInAs {

    /** The username. */
    String value() default "admin";

    Role[] roles() default Role.ADMIN;

    /** Builds the signed-in context; Spring creates it with the test's application context's beans. */
    final class Factory implements WithSecurityContextFactory<SignedInAs> {

        private final RoleHierarchy roleHierarchy;

        public Factory(RoleHierarchy roleHierarchy) {
            this.roleHierarchy = roleHierarchy;
        }

        @Override
        public SecurityContext createSecurityContext(SignedInAs signedIn) {
            return contextFor(signedIn.value(), signedIn.roles(), roleHierarchy);
        }

        /** A security context for {@code username} with {@code roles} expanded through {@code roleHierarchy}. */
        public static SecurityContext contextFor(String username, Role[] roles, RoleHierarchy roleHierarchy) {
            var granted = Arrays.stream(roles).map(Role::authority).map(SimpleGrantedAuthority::new).toList();
            var authorities = roleHierarchy.getReachableGrantedAuthorities(granted);
            var user = User.withUsername(username).password("unused").authorities(authorities).build();
            var security = SecurityContextHolder.createEmptyContext();
            security.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
            return security;
        }
    }
}
