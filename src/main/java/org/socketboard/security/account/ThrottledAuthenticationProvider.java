package org.socketboard.security.account;

import org.socketboard.security.domain.AppUserRepository;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username and password sign-in (form login and HTTP Basic) against the database, refused without
 * even checking the password while the {@link LoginThrottle} holds the username or address locked.
 */
@Component
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwordCheck;
    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(AppUserRepository users, RoleHierarchy roleHierarchy,
                                           PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.passwordCheck = new DaoAuthenticationProvider(passwordEncoder);
        this.passwordCheck.setUserDetailsService(new DatabaseUserDetailsService(users, roleHierarchy));
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        var username = attempt.getName();
        var address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.lockoutRemaining(username, address).ifPresent(wait -> {
            throw new LockedException("Too many failed sign-ins. Try again in " + Math.max(1, wait.toSeconds()) + " s.");
        });
        try {
            var result = passwordCheck.authenticate(attempt);
            throttle.recordSuccess(username);
            return result;
        } catch (BadCredentialsException wrongUserOrPassword) {
            throttle.recordFailure(username, address);
            throw wrongUserOrPassword;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
