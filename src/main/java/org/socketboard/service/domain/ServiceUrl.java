package org.socketboard.service.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The URL of a WebSocket service as the admin typed it: {@code ws://} or {@code wss://}, with
 * optional path parameters written as {@code {name}} in the path and query parameters whose values
 * in the URL are their defaults, e.g. {@code wss://example.com/quotes/{symbol}?interval=1s}.
 * <p>
 * {@link #parse(String)} refuses anything that could not be connected to, with a sentence the admin
 * can act on; {@link #resolve(Map)} turns the template and parameter values into the URI to open.
 */
public final class ServiceUrl {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|passw|api[-_]?key|auth|credential).*|key|sig|signature");
    private static final String EXAMPLE = "e.g. wss://example.com/feed";
    private static final String UNBALANCED_BRACES =
            "The braces in the path do not match: write each path parameter as {name}.";

    private final String raw;
    private final boolean secure;
    /** {@code scheme://authority}, exactly as typed. */
    private final String origin;
    /** The path as typed, placeholders included. */
    private final String pathTemplate;
    private final List<String> pathParameterNames;
    private final Map<String, String> queryParameters;

    private ServiceUrl(String raw, boolean secure, String origin, String pathTemplate,
                       List<String> pathParameterNames, Map<String, String> queryParameters) {
        this.raw = raw;
        this.secure = secure;
        this.origin = origin;
        this.pathTemplate = pathTemplate;
        this.pathParameterNames = List.copyOf(pathParameterNames);
        this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
    }

    /**
     * Reads a service URL; surrounding blanks are ignored.
     *
     * @throws InvalidServiceUrlException with a user-facing sentence when the URL cannot be used
     */
    public static ServiceUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("Enter the service URL, " + EXAMPLE + ".");
        }
        String url = raw.strip();
        if (url.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("The URL contains a space; write spaces as %20.");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw invalid("Start the URL with ws:// or wss://, " + EXAMPLE + ".");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw invalid("Use ws:// or wss:// instead of " + url.substring(0, schemeEnd + 3)
                    + ": a WebSocket service has a ws:// or wss:// URL.");
        }
        String rest = url.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String afterAuthority = rest.substring(authorityEnd);
        int pathEnd = indexOfAny(afterAuthority, "?#");
        String path = afterAuthority.substring(0, pathEnd);
        String queryAndFragment = afterAuthority.substring(pathEnd);

        if (authority.isEmpty()) {
            throw invalid("The URL has no host, " + EXAMPLE + ".");
        }
        if (authority.contains("@")) {
            // Never quoted back: the part before @ is a password.
            throw invalid("The URL contains a user name or password (user:password@host), which would be stored "
                    + "and shown in plain text. Remove it and give the credentials as a secret parameter instead: "
                    + "a header such as Authorization, or a query parameter marked secret.");
        }
        if (queryAndFragment.contains("#")) {
            throw invalid("A WebSocket URL cannot have a #fragment; remove the part from #.");
        }
        if (containsBrace(authority) || containsBrace(queryAndFragment)) {
            throw invalid("Placeholders like {name} are only allowed in the path; "
                    + "give query parameters as ?name=value.");
        }
        List<String> names = placeholderNames(path);
        URI uri = syntaxChecked(url);
        if (uri.getHost() == null) {
            throw invalid("The URL has no valid host name, " + EXAMPLE + ".");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw invalid("The port must be between 1 and 65535.");
        }
        return new ServiceUrl(url, scheme.equals("wss"), url.substring(0, schemeEnd + 3) + authority,
                path, names, decodeQuery(uri.getRawQuery()));
    }

    /** The URI of the service's origin ({@code ws://host:port/}), e.g. for the connection policy. */
    public URI originUri() {
        return URI.create(origin + "/");
    }

    /** True for {@code wss://}: the connection is encrypted. */
    public boolean isSecure() {
        return secure;
    }

    /** The URL as typed (without surrounding blanks). */
    public String raw() {
        return raw;
    }

    /** The names of the {@code {name}} placeholders of the path, in order, each once. */
    public List<String> pathParameterNames() {
        return pathParameterNames;
    }

    /** The query parameters of the URL with their decoded values, in order (the first wins when repeated). */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /**
     * The URI to open: values naming a path parameter replace its placeholder (URL-encoded, so a value
     * stays one path segment); every other non-null value sets or overrides the query parameter of that
     * name. Header parameters must therefore not be passed here.
     *
     * @throws InvalidServiceUrlException naming a path parameter that has no (or an empty) value
     */
    public URI resolve(Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(pathTemplate);
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                throw invalid("Enter a value for the path parameter {" + name + "}.");
            }
            placeholder.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
        }
        placeholder.appendTail(path);

        Map<String, String> query = new LinkedHashMap<>(queryParameters);
        values.forEach((name, value) -> {
            if (value != null && !pathParameterNames.contains(name)) {
                query.put(name, value);
            }
        });
        return URI.create(origin + path + queryString(query));
    }

    /**
     * The URL as typed without the named query parameters: a secret's value must not stay in the URL,
     * which is stored and shown as it is (the parameter supplies it when the URL is resolved).
     */
    public String withoutQueryParameters(Collection<String> names) {
        if (names.stream().noneMatch(queryParameters::containsKey)) {
            return raw;
        }
        Map<String, String> kept = new LinkedHashMap<>(queryParameters);
        kept.keySet().removeAll(names);
        return origin + pathTemplate + queryString(kept);
    }

    /** "?a=1&b=2", or "" without parameters. */
    private static String queryString(Map<String, String> query) {
        String joined = query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return joined.isEmpty() ? "" : "?" + joined;
    }

    /**
     * The parameters the URL itself declares: its path placeholders (required, no default) and its
     * query parameters (optional, the value in the URL as default). All are text; names that look like
     * credentials (token, api_key, secret, …) are marked secret so that views mask them.
     */
    public List<ServiceParam> detectedParameters() {
        List<ServiceParam> params = new ArrayList<>();
        pathParameterNames.forEach(name -> params.add(
                new ServiceParam(name, ParamLocation.PATH, FieldType.STRING, null, true, looksSecret(name))));
        queryParameters.forEach((name, value) -> params.add(
                new ServiceParam(name, ParamLocation.QUERY, FieldType.STRING, value, false, looksSecret(name))));
        return params;
    }

    private static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    private static List<String> placeholderNames(String path) {
        int depth = 0;
        for (char c : path.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth < 0 || depth > 1) {
                throw invalid(UNBALANCED_BRACES);
            }
        }
        if (depth != 0) {
            throw invalid(UNBALANCED_BRACES);
        }
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(path);
        while (placeholder.find()) {
            String name = placeholder.group(1);
            if (name.isEmpty()) {
                throw invalid("The path has an empty placeholder {}: name it, e.g. {symbol}.");
            }
            if (!PLACEHOLDER_NAME.matcher(name).matches()) {
                throw invalid("The path parameter {" + name + "} may only use letters, digits, '_', '.' and '-'.");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Checks the syntax with every placeholder replaced by as many letters, so positions stay those typed. */
    private static URI syntaxChecked(String url) {
        String candidate = PLACEHOLDER.matcher(url).replaceAll(match -> "x".repeat(match.group().length()));
        try {
            return new URI(candidate);
        } catch (URISyntaxException e) {
            throw invalid("This is not a valid URL: " + e.getReason() + " at character " + (e.getIndex() + 1) + ".");
        }
    }

    private static Map<String, String> decodeQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, value);
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        // URLEncoder writes form encoding; %20 is the space that is right in paths and queries alike.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean containsBrace(String text) {
        return text.indexOf('{') >= 0 || text.indexOf('}') >= 0;
    }

    private static InvalidServiceUrlException invalid(String message) {
        return new InvalidServiceUrlException(message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceUrl url && url.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw);
    }

    @Override
    public String toString() {
        return raw;
    }
}
