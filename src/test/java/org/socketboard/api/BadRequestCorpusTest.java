package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketboard.dashboard.DashboardSummary;
import org.socketboard.service.ServiceSummary;
import org.socketboard.variable.domain.Variable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus (issue 11.4): each row a bad request of one kind, sent as a script would send
 * it; each must answer its status with an RFC 7807 problem whose reason names the field (or the
 * element, or the path) and says what is wrong, with no Java names, and must store nothing.
 */
class BadRequestCorpusTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One stored service for the variable rows, made once per context. */
    private static String storedService;

    /** A bad request and what its answer must say. */
    record Case(String sentence, String method, Function<Fixture, String> path, String contentType,
                Function<Fixture, String> body, boolean signedIn, int status, String field, List<String> says) {
        @Override
        public String toString() {
            return sentence;
        }
    }

    /** What the rows build on: the stored service and a fresh name per request. */
    record Fixture(int port, String service, String name) {
    }

    @BeforeEach
    void aServiceForTheVariables() {
        if (storedService == null) {
            String name = Definitions.unique("corpus");
            assertThat(api.put("/api/services/" + name, Definitions.service(name, port)).getStatusCode().value()).isEqualTo(201);
            storedService = name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBadRequestIsAnsweredWithAProblemNamingTheFieldAndTheReasonAndStoresNothing(Case bad) throws Exception {
        Fixture fixture = new Fixture(port, storedService, Definitions.unique("bad"));
        List<String> before = stored();

        HttpResponse<String> answer = send(bad, fixture);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(bad.status());
        assertThat(answer.headers().firstValue("Content-Type")).as("content type of " + answer.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        String reason = bad.field() == null ? problem.path("detail").asText()
                : problem.path("errors").path(bad.field()).asText();
        assertThat(reason).as("the reason in " + answer.body()).isNotBlank();
        bad.says().forEach(words -> assertThat(reason).as(answer.body()).containsIgnoringCase(words));
        assertThat(answer.body()).doesNotContain("Exception", "\tat ", "org.socketboard", "java.", "com.fasterxml",
                "<html", "Whitelabel", "Tomcat", "Another variable is already called");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aBodyWithABrokenUtf8ByteIsAnsweredInPlainWords() throws Exception {
        byte[] body = "{\"name\": \"a\u00FE\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/services/x"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();

        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("detail").asText())
                .startsWith("Invalid JSON at line 1, column ").contains("not valid UTF-8", "near “{\"name\": \"a");
        assertThat(answer.body()).doesNotContain("UTF-8 start byte", "0xfe", "Jackson", "JSON String, Number");
    }

    private HttpResponse<String> send(Case bad, Fixture fixture) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + bad.path().apply(fixture)));
        String body = bad.body() == null ? null : bad.body().apply(fixture);
        request.method(bad.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        if (bad.signedIn()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The names of every stored service, variable and dashboard. */
    private List<String> stored() {
        List<String> names = new ArrayList<>();
        services.list().stream().map(ServiceSummary::name).forEach(names::add);
        variables.list().stream().map(Variable::getName).forEach(names::add);
        dashboards.listVisible().stream().map(DashboardSummary::slug).forEach(names::add);
        return names;
    }

    // ---- the corpus --------------------------------------------------------------------------------------

    static Stream<Case> corpus() {
        return Stream.of(serviceCases(), variableCases(), dashboardCases(), protocolCases()).flatMap(List::stream);
    }

    private static List<Case> serviceCases() {
        return List.of(
                service("A header parameter whose name holds CR LF", "PARAMS",
                        s -> header(s, "X-Desk\r\nX-Injected", "a"), "line break"),
                service("A header parameter whose value holds a line feed", "PARAMS",
                        s -> header(s, "X-Desk", "a\nX-Injected: b"), "line break"),
                service("A header parameter whose value holds a NUL", "PARAMS",
                        s -> header(s, "X-Desk", "a\u0000b"), "control character"),
                service("A Host header parameter", "PARAMS", s -> header(s, "Host", "evil.example"), "Host"),
                service("A Connection header parameter", "PARAMS", s -> header(s, "connection", "close"), "handshake"),
                service("An Upgrade header parameter", "PARAMS", s -> header(s, "Upgrade", "h2c"), "handshake"),
                service("A Sec-WebSocket-Key header parameter", "PARAMS",
                        s -> header(s, "Sec-WebSocket-Key", "x"), "Sec-WebSocket-"),
                service("A Content-Length header parameter", "PARAMS", s -> header(s, "Content-Length", "5"), "handshake"),
                service("A header name with a space and a colon", "PARAMS", s -> header(s, "X Desk:", "a"), "letters"),
                service("A URL with user name and password", "URL",
                        s -> s.put("url", "ws://user:pa55word@localhost:1/feeds/ticker"), "secret parameter"),
                service("A URL with a user name only", "URL",
                        s -> s.put("url", "wss://token@example.com/feed"), "user name or password"),
                service("A URL to the cloud metadata address", "URL",
                        s -> s.put("url", "ws://169.254.169.254/latest"), "metadata"),
                service("A URL to the metadata address written as a decimal number", "URL",
                        s -> s.put("url", "ws://2852039166/latest"), "metadata"),
                service("A URL to Alibaba Cloud's metadata address", "URL",
                        s -> s.put("url", "ws://100.100.100.200/latest"), "metadata"),
                service("A URL to AWS's IPv6 metadata address", "URL",
                        s -> s.put("url", "ws://[fd00:ec2::254]/latest"), "metadata"),
                service("A URL to an IPv4-mapped metadata address", "URL",
                        s -> s.put("url", "ws://[::ffff:169.254.169.254]/latest"), "metadata"),
                service("A URL to an IPv4-compatible IPv6 address", "URL",
                        s -> s.put("url", "ws://[::7f00:1]/feed"), "::/96"),
                service("A URL to a metadata host name", "URL",
                        s -> s.put("url", "ws://metadata.google.internal/x"), "metadata"),
                service("A URL to the unspecified address", "URL", s -> s.put("url", "ws://0.0.0.0:1/x"), "unspecified"),
                service("A URL to a link-local address", "URL", s -> s.put("url", "ws://169.254.1.1/x"), "link-local"),
                service("A URL to a multicast address", "URL", s -> s.put("url", "ws://224.0.0.1/x"), "multicast"),
                service("A URL with a space in its host", "URL", s -> s.put("url", "ws://exa mple.com/x"), "space"),
                service("A URL whose IPv6 host is not closed", "URL", s -> s.put("url", "ws://[::1"), "not a valid URL"),
                service("A URL with port 99999", "URL", s -> s.put("url", "wss://host:99999/"), "between 1 and 65535"),
                service("A URL whose host is a broken escape", "URL", s -> s.put("url", "ws://%zz/"), "not a valid URL"),
                service("A URL of 2049 characters", "URL",
                        s -> s.put("url", "ws://localhost:1/" + "a".repeat(2049 - 17)), "at most 2048"),
                service("A description of 1001 characters", "DESCRIPTION",
                        s -> s.put("description", "d".repeat(1001)), "at most 1000"),
                service("A record path of 1001 characters", "RECORD_PATH",
                        s -> s.put("recordPath", "/" + "r".repeat(1000)), "at most 1000"),
                service("A parameter name of 201 characters", "PARAMS",
                        s -> header(s, "X" + "n".repeat(200), "a"), "at most 200"),
                service("A parameter value of 4097 characters", "PARAMS",
                        s -> header(s, "X-Desk", "v".repeat(4097)), "at most 4096"),
                service("A subprotocol with a space", "SUBPROTOCOLS",
                        s -> s.putArray("subprotocols").add("v1 json"), "not a valid subprotocol"),
                new Case("A service name of 65 characters", "PUT", f -> "/api/services/" + "n".repeat(65),
                        "application/json", f -> serviceJson(f, s -> s.put("name", "n".repeat(65))), true, 400, "NAME",
                        List.of("64")),
                new Case("A null among the subprotocols names the element", "PUT", f -> "/api/services/" + f.name(),
                        "application/json", f -> serviceJson(f, s -> s.putArray("subprotocols").add("v1").addNull()),
                        true, 400, null, List.of("subprotocols[1]", "null")),
                new Case("A null among the parameters names the element", "PUT", f -> "/api/services/" + f.name(),
                        "application/json", f -> serviceJson(f, s -> s.putArray("params").addNull()), true, 400, null,
                        List.of("params[0]", "null")),
                new Case("Garbage after the JSON body", "PUT", f -> "/api/services/" + f.name(), "application/json",
                        f -> serviceJson(f, s -> { }) + " {\"name\": \"second\"}", true, 400, null,
                        List.of("more after the end")),
                new Case("A body that is not JSON", "PUT", f -> "/api/services/" + f.name(), "application/json",
                        f -> "name=x&url=y", true, 400, null, List.of("line 1")));
    }

    private static List<Case> variableCases() {
        return List.of(
                variable("A data limit with a fraction", null, v -> v.put("dataLimit", 1.5), "dataLimit", "whole number"),
                variable("A data limit given as text", null, v -> v.put("dataLimit", "ten"), "dataLimit", "number"),
                variable("A negative data limit", "DATA_LIMIT", v -> v.put("dataLimit", -1), "negative"),
                variable("A data limit above the server cap", "DATA_LIMIT", v -> v.put("dataLimit", 2_000_000_000), "at most"),
                variable("A data limit beyond an int", null, v -> v.put("dataLimit", 99_999_999_999L), "dataLimit"),
                variable("An upsert key of 1001 characters", "UPSERT_KEY",
                        v -> v.put("strategy", "UPSERT").put("upsertKey", "/" + "k".repeat(1000)), "at most 1000"),
                variable("A record path of 1001 characters", "RECORD_PATH",
                        v -> v.put("recordPath", "/" + "r".repeat(1000)), "at most 1000"),
                variable("A record path that is no JSON Pointer", "RECORD_PATH",
                        v -> v.put("recordPath", "data.items"), "JSON Pointer"),
                variable("A header parameter value with CR LF", "PARAMS",
                        v -> ((ObjectNode) v.get("paramValues")).put("desk", "rates\r\nX-Injected: 1"), "line break"),
                variable("A parameter value of 4097 characters", "PARAMS",
                        v -> ((ObjectNode) v.get("paramValues")).put("desk", "v".repeat(4097)), "at most 4096"),
                variable("A request body of more than 256 KB", "REQUEST_BODY",
                        v -> v.put("requestBody", "[" + "1,".repeat(131_072) + "1]"), "at most 262144"),
                variable("A request body that is not JSON", "REQUEST_BODY", v -> v.put("requestBody", "{oops"), "not valid JSON"),
                variable("A null among the messages to send on open names the element", null,
                        v -> v.putArray("sendOnOpen").add("{}").addNull(), "sendOnOpen[1]", "null"),
                variable("An empty message to send on open", "SEND_ON_OPEN", v -> v.putArray("sendOnOpen").add(" "), "empty"),
                variable("A reconnect delay longer than a day", "RECONNECT",
                        v -> v.putObject("reconnect").put("enabled", true).put("initialDelayMs", 1000)
                                .put("maxDelayMs", 90_000_000L).put("maxAttempts", 0), "at most"),
                variable("A reconnect delay of 0 ms", "RECONNECT",
                        v -> v.putObject("reconnect").put("enabled", true).put("initialDelayMs", 0)
                                .put("maxDelayMs", 1000).put("maxAttempts", 0), "at least 1 ms"),
                variable("An unknown scope", null, v -> v.put("scope", "GLOBAL"), "scope", "APPLICATION"),
                variable("An unknown service", "service", v -> v.put("service", "no-such-service-x"), "no-such-service-x"),
                variable("A message filter with a broken pattern", "MESSAGE_FILTER",
                        v -> v.putObject("messageFilter").put("mode", "KEEP").put("match", "ANY").putArray("conditions")
                                .addObject().put("field", "/type").put("operator", "MATCHES").put("value", "(("), "pattern"),
                new Case("A variable name of 65 characters", "PUT", f -> "/api/variables/" + "v".repeat(65), "application/json",
                        f -> variableJson(f, v -> v.put("name", "v".repeat(65))), true, 400, "NAME", List.of("at most 64")));
    }

    private static List<Case> dashboardCases() {
        return List.of(
                dashboard("A dashboard name of 101 characters", "dashboard.NAME", d -> d.put("name", "n".repeat(101)), "at most 100"),
                dashboard("A description of 1001 characters", "dashboard.DESCRIPTION", d -> d.put("description", "n".repeat(1001)),
                        "at most 1000"),
                dashboard("A widget title of 101 characters", "dashboard.WIDGET_TITLE",
                        d -> ((ObjectNode) d.get("widgets").get(0)).put("title", "t".repeat(101)), "at most 100"),
                dashboard("A widget on an unknown variable", "dashboard.widgets[0].variable",
                        d -> ((ObjectNode) d.get("widgets").get(0)).put("variable", "nowhere-x"), "nowhere-x"),
                dashboard("A widget 9 columns wide", "dashboard.WIDGET_SIZE",
                        d -> ((ObjectNode) d.get("widgets").get(0)).put("width", 9), "Width 1 to"),
                dashboard("A grid column header of 70,000 characters (settings over 64 kB)", "dashboard.WIDGET_FIELDS",
                        d -> ((ObjectNode) d.get("widgets").get(1).get("config").get("columns").get(0))
                                .put("header", "h".repeat(70_000)), "at most 65536 (64 kB)"),
                dashboard("A value card's unit of 70,000 characters (settings over 64 kB)", "dashboard.WIDGET_FIELDS",
                        d -> ((ObjectNode) d.get("widgets").get(0).get("config").get("value"))
                                .put("unit", "u".repeat(70_000)), "too large"),
                dashboard("3,000 grid columns (settings over 64 kB)", "dashboard.WIDGET_FIELDS", d -> {
                    ArrayNode columns = (ArrayNode) d.get("widgets").get(1).get("config").get("columns");
                    for (int i = 0; i < 3_000; i++) {
                        columns.addObject().put("path", "/price").put("header", "Price " + i).put("format", "NUMBER");
                    }
                }, "too large"),
                new Case("A null among the widgets names the element", "PUT", f -> "/api/dashboards/" + slug(f),
                        "application/json", f -> dashboardJson(f, d -> ((ArrayNode) d.get("widgets")).addNull()), true, 400,
                        null, List.of("widgets[2]", "null")),
                new Case("A null among the roles shared with names the element", "PUT", f -> "/api/dashboards/" + slug(f),
                        "application/json", f -> dashboardJson(f, d -> d.putArray("sharedWithRoles").addNull()), true, 400,
                        null, List.of("sharedWithRoles[0]", "null")));
    }

    private static List<Case> protocolCases() {
        return List.of(
                raw("POST where only GET and PUT are answered", "POST", "/api/services", "application/json", "{}",
                        405, "not allowed", "POST"),
                raw("PATCH of a service", "PATCH", "/api/services/x", "application/json", "{}", 405, "not allowed"),
                raw("A body with an unquoted word", "PUT", "/api/services/x", "application/json", "{\"name\": xyz}",
                        400, "Invalid JSON at line 1, column", "“xyz” is not a JSON value", "near “{\"name\": xyz"),
                raw("A body with single-quoted strings", "PUT", "/api/services/x", "application/json",
                        "{\n  'name': 'x'\n}", 400, "line 2, column", "double quotes", "near “  '"),
                raw("A body with a trailing comma", "PUT", "/api/services/x", "application/json", "{\"name\": \"x\",}",
                        400, "line 1, column", "trailing comma", "near “"),
                raw("A body sent as plain text", "PUT", "/api/services/x", "text/plain", "{}", 415, "application/json"),
                raw("A body without a content type", "PUT", "/api/services/x", null, "{}", 415, "application/json"),
                raw("An unknown API path", "GET", "/api/x", null, null, 404, "nothing at /api/x"),
                raw("An unknown path below a variable", "GET", "/api/variables/a/b/c", null, null, 404, "nothing at"),
                raw("A path climbing up with ..", "GET", "/api/variables/../services", null, null, 400, "not allowed"),
                raw("A path climbing up with encoded dots", "GET", "/api/%2e%2e/api/services", null, null, 400, "not allowed"),
                raw("A path with an encoded slash", "GET", "/api/variables/a%2Fb", null, null, 400, "not allowed"),
                raw("A path with a semicolon", "GET", "/api/services;jsessionid=1", null, null, 400, "not allowed"),
                raw("A path with an empty segment", "GET", "/api//services", null, null, 400, "not allowed"),
                new Case("A call without signing in", "GET", f -> "/api/services", null, null, false, 401, null,
                        List.of("Sign in")));
    }

    // ---- row builders ------------------------------------------------------------------------------------

    private static Case service(String sentence, String field, Consumer<ObjectNode> change, String says) {
        return new Case(sentence, "PUT", f -> "/api/services/" + f.name(), "application/json",
                f -> serviceJson(f, change), true, 400, field, List.of(says));
    }

    private static Case variable(String sentence, String field, Consumer<ObjectNode> change, String... says) {
        return new Case(sentence, "PUT", f -> "/api/variables/" + f.name(), "application/json",
                f -> variableJson(f, change), true, 400, field, List.of(says));
    }

    private static Case dashboard(String sentence, String field, Consumer<ObjectNode> change, String says) {
        return new Case(sentence, "PUT", f -> "/api/dashboards/" + slug(f), "application/json",
                f -> dashboardJson(f, change), true, 400, field, List.of(says));
    }

    private static Case raw(String sentence, String method, String path, String contentType, String body, int status,
                            String... says) {
        return new Case(sentence, method, f -> path, contentType, body == null ? null : f -> body, true, status, null,
                List.of(says));
    }

    private static String slug(Fixture fixture) {
        return fixture.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode header(ObjectNode service, String name, String value) {
        ((ArrayNode) service.get("params")).addObject().put("name", name).put("location", "HEADER")
                .put("type", "STRING").put("defaultValue", value).put("required", false).put("secret", false);
        return service;
    }

    private static String serviceJson(Fixture fixture, Consumer<ObjectNode> change) {
        return changed(Definitions.service(fixture.name(), fixture.port()), change);
    }

    private static String variableJson(Fixture fixture, Consumer<ObjectNode> change) {
        return changed(Definitions.variable(fixture.name(), fixture.service(), false), change);
    }

    private static String dashboardJson(Fixture fixture, Consumer<ObjectNode> change) {
        return changed(Definitions.dashboard(slug(fixture), "no-such-variable", fixture.name() + "-own", fixture.service()),
                dashboard -> {
                    // Both widgets on the dashboard's own variable, so that only the row's change is wrong.
                    dashboard.get("widgets").forEach(widget -> ((ObjectNode) widget).put("variable", fixture.name() + "-own"));
                    change.accept(dashboard);
                });
    }

    private static String changed(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
