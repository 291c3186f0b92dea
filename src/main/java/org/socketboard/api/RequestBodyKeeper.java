package org.socketboard.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Keeps what an API request's body was read as, up to {@value #KEPT} bytes, so that a body that is not
 * JSON is answered with an excerpt of where it went wrong ({@link ApiErrors}); nothing else reads it.
 */
@Component
class RequestBodyKeeper extends OncePerRequestFilter {

    /** Definitions are a few kB; a longer body is answered without an excerpt. */
    static final int KEPT = 64 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new ContentCachingRequestWrapper(request, KEPT), response);
    }

    /**
     * The body as read so far, as UTF-8 (broken bytes as U+FFFD); null when it was not kept or was
     * longer than {@value #KEPT} bytes (an excerpt could miss the place).
     */
    static String readSoFar(WebRequest request) {
        ContentCachingRequestWrapper kept = request instanceof ServletWebRequest servlet
                ? WebUtils.getNativeRequest(servlet.getRequest(), ContentCachingRequestWrapper.class) : null;
        if (kept == null || kept.getContentAsByteArray().length >= KEPT) {
            return null;
        }
        return new String(kept.getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
