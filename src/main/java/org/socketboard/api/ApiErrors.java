package org.socketboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.base.JsonProblems;
import org.socketboard.dashboard.InvalidDashboardException;
import org.socketboard.dashboard.transfer.ImportConflictsException;
import org.socketboard.dashboard.transfer.InvalidBundleException;
import org.socketboard.service.ServiceInUseException;
import org.socketboard.service.ServiceValidationException;
import org.socketboard.variable.InvalidVariableException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error of the API as an RFC 7807 problem ({@code application/problem+json}) with a reason for
 * people and, for bad definitions, {@code errors}: field → message. Never a stack trace.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String reason = ex.getMostSpecificCause() instanceof JsonProcessingException json
                ? JsonProblems.describe(json)
                : "The request body is missing or is not JSON";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed JSON", reason));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getRejectedValue() == null ? "is missing" : error.getDefaultMessage());
        }
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> serviceRefused(ServiceValidationException refused) {
        return ResponseEntity.badRequest().body(invalid(byName(refused.errors())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> variableRefused(InvalidVariableException refused) {
        return ResponseEntity.badRequest().body(invalid(byName(refused.errors())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> dashboardRefused(InvalidDashboardException refused) {
        return ResponseEntity.badRequest().body(invalid(byName(refused.errors())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bundleRefused(InvalidBundleException refused) {
        return ResponseEntity.badRequest().body(invalid(refused.errors()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownReference(UnknownReferenceException unknown) {
        return ResponseEntity.badRequest().body(invalid(Map.of(unknown.field(), unknown.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> nameMismatch(DefinitionNameMismatchException mismatch) {
        return ResponseEntity.badRequest().body(invalid(Map.of(mismatch.field(), mismatch.getMessage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> serviceInUse(ServiceInUseException inUse) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Service in use", inUse.getMessage());
        problem.setProperty("variables", inUse.variables());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> nameClashes(ImportConflictsException clashes) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Name clashes", clashes.getMessage());
        problem.setProperty("conflicts", clashes.conflicts());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * Two replaces of one definition at once: the version each read is stale for all but the first to
     * commit (optimistic locking), and the others are told to reload instead of overwriting it.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> changedMeanwhile(ConcurrencyFailureException stale) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Changed meanwhile",
                "Someone else changed this definition meanwhile: reload it and try again"));
    }

    /** A role the caller lacks (method security in the services); signing in is the filter chain's 401. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException denied) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this"));
    }

    /** Anything else is our fault: logged here with its trace, answered without it. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException failure) {
        log.error("The API failed unexpectedly", failure);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Server error",
                "The server failed to handle this request; the details are in its log"));
    }

    private static ProblemDetail invalid(Map<String, String> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid definition",
                errors.size() == 1 ? errors.values().iterator().next() : "Some fields are invalid: see errors");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> byName(Map<? extends Enum<?>, String> errors) {
        Map<String, String> named = new LinkedHashMap<>();
        errors.forEach((field, message) -> named.put(field.name(), message));
        return named;
    }

    private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
