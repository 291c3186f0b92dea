package org.socketboard.security.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

/**
 * Writes an RFC 7807 problem ({@code application/problem+json}) straight to a servlet response, for
 * the refusals that happen before Spring MVC (the security filters: a rejected path, a missing
 * sign-in), in the same shape as the API's own problems. Here rather than in base: base depends on security.
 */
final class ProblemResponses {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    /** Sets status and content type and writes {@code {"type", "title", "status", "detail"}}. */
    static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
