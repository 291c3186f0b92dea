package org.socketboard.security;

import org.socketboard.security.domain.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs startup and background work (connect-on-load, demo seeding) as the internal
 * {@value AuditLog#SYSTEM} principal with every role, so that it passes the services' method security
 * and the audit log names it. The caller's own security context is restored afterwards.
 */
public final class SystemAuthentication {

    private SystemAuthentication() {
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var system = SecurityContextHolder.createEmptyContext();
        // All roles spelled out: the role hierarchy is not consulted for a token made by hand.
        var authorities = Arrays.stream(Role.values()).map(Role::authority).map(SimpleGrantedAuthority::new).toList();
        system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(AuditLog.SYSTEM, null, authorities));
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
