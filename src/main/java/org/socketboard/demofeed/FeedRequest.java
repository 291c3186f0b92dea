package org.socketboard.demofeed;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriTemplate;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The path and query parameters of one feed connection, decoded and checked. */
final class FeedRequest {

    /** Longest part of a rejected value that is echoed back: a close reason may carry 123 bytes at most. */
    private static final int ECHO_LIMIT = 20;

    private final Map<String, String> pathVariables;
    private final MultiValueMap<String, String> query;

    private FeedRequest(Map<String, String> pathVariables, MultiValueMap<String, String> query) {
        this.pathVariables = pathVariables;
        this.query = query;
    }

    /** Reads {@code uri} against the first of {@code templates} that matches its path. */
    static FeedRequest of(URI uri, List<UriTemplate> templates) {
        String path = uri.getRawPath();
        Map<String, String> variables = templates.stream()
                .filter(template -> template.matches(path))
                .findFirst()
                .map(template -> template.match(path))
                .orElse(Map.of());
        return new FeedRequest(variables, UriComponentsBuilder.fromUri(uri).build().getQueryParams());
    }

    /** A path variable matching {@code allowed}, or {@code fallback} when the path has none. */
    String pathVariable(String name, String fallback, Pattern allowed) {
        return checked(name, Optional.ofNullable(pathVariables.get(name)).map(FeedRequest::decode), allowed)
                .orElse(fallback);
    }

    /** A query parameter matching {@code allowed}, or {@code fallback} when absent. */
    String text(String name, String fallback, Pattern allowed) {
        return checked(name, text(name), allowed).orElse(fallback);
    }

    /** A query parameter as sent (decoded), if present. */
    Optional<String> text(String name) {
        return Optional.ofNullable(query.getFirst(name)).map(FeedRequest::decode);
    }

    /** A whole number query parameter within {@code [min, max]}, or {@code fallback} when absent. */
    int number(String name, int fallback, int min, int max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw new InvalidFeedRequestException(
                name + " must be a whole number from " + min + " to " + max + ", got '" + echo(raw.get()) + "'");
    }

    private static Optional<String> checked(String name, Optional<String> value, Pattern allowed) {
        value.filter(v -> !allowed.matcher(v).matches()).ifPresent(bad -> {
            throw new InvalidFeedRequestException(
                    name + " '" + echo(bad) + "' is not valid (expected " + allowed.pattern() + ")");
        });
        return value;
    }

    /** A rejected value, shortened and reduced to printable ASCII so that it fits in a close reason. */
    static String echo(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > ECHO_LIMIT ? printable.substring(0, ECHO_LIMIT) + "..." : printable;
    }

    private static String decode(String raw) {
        return UriUtils.decode(raw, StandardCharsets.UTF_8);
    }
}
