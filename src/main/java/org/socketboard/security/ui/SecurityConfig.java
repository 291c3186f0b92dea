package org.socketboard.security.ui;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.socketboard.security.ScrapeToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.io.IOException;

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
 * <p>
 * Headers, as defence in depth behind "every text is shown as text": a Content-Security-Policy
 * ({@link #UI_POLICY} for the UI, {@link #API_POLICY} for the JSON API), {@code X-Content-Type-Options:
 * nosniff} (Spring's default) and framing by this origin only ({@code frame-ancestors} and
 * {@code X-Frame-Options: SAMEORIGIN} for older browsers).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    /**
     * {@code /actuator/**}: the health probe for anyone (load balancers, Docker's health check);
     * {@code /actuator/prometheus} for admins or a scraper with the {@link ScrapeToken}; the rest
     * (index, metrics, info) for admins only, with HTTP Basic or the UI's session.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, ScrapeToken scrapeToken) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        var admins = AuthorityAuthorizationManager.<RequestAuthorizationContext>hasRole("ADMIN");
        return http.securityMatcher(paths.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**")).permitAll()
                        .requestMatchers(paths.matcher("/actuator/prometheus")).access((authentication, context) ->
                                scrapeToken.presentIn(context.getRequest())
                                        ? new AuthorizationDecision(true) : admins.check(authentication, context))
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfig::signInNeeded))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    /**
     * The UI's policy (CSP Level 3). Vaadin Flow needs {@code script-src 'unsafe-inline' 'unsafe-eval'}
     * even in production mode: the bootstrap page starts the client engine with an inline script, and
     * the engine runs the server's {@code executeJs} expressions as constructed functions; Vaadin's
     * components need {@code style-src 'unsafe-inline'}. What is forbidden regardless:
     * inline event handler attributes ({@code script-src-attr 'none'}: an {@code onerror=} that got into
     * the page does not run), scripts, styles, images, fonts and connections from other origins,
     * plugins, {@code <base>} elsewhere, forms posting elsewhere, and framing by other sites.
     */
    static final String UI_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "script-src-attr 'none'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    /** The JSON API's policy: its answers are data, nothing in them may load or run anything. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain restApi(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(paths.matcher("/api/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfig::signInNeeded))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> protectiveHeaders(headers, API_POLICY))
                .build();
    }

    /**
     * A path the firewall refuses ({@code ..}, {@code %2e%2e}, {@code %2F}, {@code ;}, {@code //}): a
     * problem with a plain reason rather than the container's error page. Spring Security picks this bean up.
     */
    @Bean
    RequestRejectedHandler rejectedPathAsProblem() {
        return (request, response, rejected) -> ProblemResponses.write(response, HttpStatus.BAD_REQUEST,
                "Rejected path", "This address is not allowed: it contains '..', an encoded '/', '.' or '%', "
                        + "a ';' or an empty segment ('//'). Use the plain path, e.g. /api/variables/prices");
    }

    /**
     * Tomcat refuses an encoded slash ({@code %2F}) itself, with its own error page; passed through, it
     * reaches the firewall above like every other rejected path, and gets the same problem.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashToTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** The API's 401: still asks for Basic (scripts rely on the challenge), with a problem as its body. */
    private static void signInNeeded(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException failure) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"SocketBoard\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Sign-in needed",
                "Sign in with HTTP Basic (user name and password) to use the API");
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
                        paths.matcher("/actuator/health/**")).permitAll())
                .headers(headers -> protectiveHeaders(headers, UI_POLICY));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    private static void protectiveHeaders(HeadersConfigurer<HttpSecurity> headers, String policy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin);
    }
}
