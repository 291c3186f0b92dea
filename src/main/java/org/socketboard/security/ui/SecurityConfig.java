package org.socketboard.security.ui;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two filter chains. {@code /api/**}: REST for scripts, HTTP Basic on every request, no session and
 * so no CSRF token (no cookie to ride on); roles are checked by the services' method security.
 * Everything else: the Vaadin UI with the login view and view access annotations
 * ({@code @RolesAllowed}, {@code @PermitAll}, {@code @AnonymousAllowed}; a view without one is denied),
 * except the public demo feeds and the health probe.
 * <p>
 * Method security is {@code @PreAuthorize} only: with JSR-250 switched on, Spring would wrap every
 * view carrying {@code @RolesAllowed} in a CGLIB proxy (and fail on final classes such as the layout),
 * so {@code @RolesAllowed} stays Vaadin's view annotation and services use {@code @PreAuthorize("hasRole('ADMIN')")}.
 * <p>
 * Vaadin 24.9 deprecates extending {@code VaadinWebSecurity}; {@link VaadinSecurityConfigurer} is
 * its replacement and does the same (login view, CSRF for Vaadin's own requests, navigation access control).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    /**
     * {@code /actuator/**}: the health probe for anyone (load balancers, Docker's health check); the
     * rest (index, metrics, info) for admins only, with HTTP Basic or the UI's session.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(paths.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**")).permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain restApi(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(paths.matcher("/api/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain vaadinUi(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> requests
                // The container's error dispatch (e.g. the 401 of the REST chain) must render, not redirect to login.
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(
                        paths.matcher("/feeds/**"),
                        paths.matcher("/actuator/health"),
                        paths.matcher("/actuator/health/**")).permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
