package org.socketboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token a Prometheus scraper may send instead of an admin's sign-in
 * ({@code socketboard.metrics.scrape-token}; empty or unset: none is accepted), as
 * {@code Authorization: Bearer <token>} (RFC 6750 §2.1). It grants {@code /actuator/prometheus} only.
 */
@ConfigurationProperties("socketboard.metrics")
public record ScrapeToken(String scrapeToken) {

    private static final String BEARER = "Bearer ";

    /**
     * Whether the request carries the token. Compared in constant time over SHA-256 digests, so that
     * neither the time taken nor an early exit tells how much of a guess was right, nor its length.
     */
    public boolean presentIn(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (scrapeToken == null || scrapeToken.isBlank() || header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(sha256(header.substring(BEARER.length()).strip()), sha256(scrapeToken));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }
}
