package org.socketboard.api;

import org.socketboard.base.InvalidDefinitionException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.base.JsonProblems;
import org.socketboard.dashboard.transfer.ImportConflictsException;
import org.socketboard.dashboard.transfer.InvalidBundleException;
import org.socketboard.service.ServiceInUseException;
import org.socketboard.service.inference.ReadProblems;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error of the API as an RFC 7807 problem ({@code application/problem+json}) with a reason for
 * people and, for bad definitions, {@code errors}: field → message. Never a stack trace.
 * <p>
 * Not limited to the API's controllers: a wrong method (405), content type (415) or an unknown path
 * (404) is found before any controller is chosen, and would otherwise get Spring Boot's error body.
 * The only other Spring MVC handlers are actuator's and the static resources; the UI is Vaadin's
 * servlet, whose errors do not pass here, and {@code vaadin.exclude-urls} keeps it off {@code /api/**}.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        // Jackson's own exception is the direct cause (the most specific one may be a record's check).
        // Broken syntax is worded as a sample's is, with an excerpt; a value of the wrong kind names its field.
        JsonParseException syntax = syntaxOf(ex.getCause());
        String reason = syntax != null
                ? ReadProblems.jsonDocument(syntax, RequestBodyKeeper.readSoFar(request))
                : ex.getCause() instanceof JsonProcessingException json
                ? JsonProblems.describe(json)
                : "The request body is missing or is not JSON";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed JSON", reason));
    }

    /** Broken syntax, also when Jackson wraps it in a mapping problem (a broken UTF-8 byte inside a field). */
    private static JsonParseException syntaxOf(Throwable cause) {
        if (cause instanceof JsonParseException syntax) {
            return syntax;
        }
        return cause instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonParseException syntax
                ? syntax : null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        String allowed = ex.getSupportedHttpMethods() == null ? "" : ex.getSupportedHttpMethods().stream()
                .map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .body(problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", ex.getMethod() + " is not allowed here"
                        + (allowed.isEmpty() ? "" : ": this address answers " + allowed)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = ex.getContentType() == null ? "no content type" : "a body of type " + ex.getContentType();
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                        "The request has " + sent + ": send JSON with Content-Type: application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .body(problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
                        "This address answers JSON only: accept application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return nothingAt("/" + ex.getResourcePath());
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return nothingAt(ex.getRequestURL());
    }

    private static ResponseEntity<Object> nothingAt(String path) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
                "There is nothing at " + path + ": the API has /api/services, /api/variables and /api/dashboards"));
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

    /** A service, variable or dashboard refused by its catalog: every field's reason, in form order. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> definitionRefused(InvalidDefinitionException refused) {
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
