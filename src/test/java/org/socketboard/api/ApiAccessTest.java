package org.socketboard.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.socketboard.security.domain.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.api.Definitions.unique;

/**
 * Every REST API call and actuator endpoint × every kind of caller, as one table: anonymous callers get
 * 401; viewers read only what is shared with them (the dashboard, the variables it uses, their datasets;
 * anything else is 404, as if it did not exist) and change nothing (403); services are read by editors
 * and up and changed by admins; everything beyond the health probe of the actuator is for admins.
 * "Viewer" has the dashboard {@code shared} shared with them by name; "other viewer" has another one.
 */
// Metrics export on, so that /actuator/prometheus exists.
class ApiAccessTest extends MetricsExportTestBase {

    /** The callers, in the order of the expected answers in each row of {@link #table()}. */
    private enum Caller { ANONYMOUS, VIEWER, OTHER_VIEWER, EDITOR, ADMIN }

    private static final int[] ONLY_ADMINS = {401, 403, 403, 403, 200};
    private static final int[] EDITORS_AND_UP = {401, 403, 403, 200, 200};
    private static final int[] THE_SHARE_AND_EDITORS = {401, 200, 404, 200, 200};
    private static final int[] SIGNED_IN = {401, 200, 200, 200, 200};
    /** Read by editors and up; for viewers it does not exist. */
    private static final int[] HIDDEN_FROM_VIEWERS = {401, 404, 404, 200, 200};
    private static final int[] DELETED_BY_EDITORS = {401, 403, 403, 204, 204};

    private final Map<Caller, ApiClient> clients = new EnumMap<>(Caller.class);
    private ApiClient admin;
    private String service;
    /** Used by a widget of {@code shared}. */
    private String variable;
    /** Used by no dashboard. */
    private String unused;
    /** Used by a widget of {@code other}. */
    private String otherVariable;
    private String shared;
    private String other;

    @BeforeEach
    void accountsAndDefinitions() {
        admin = api;
        String viewerName = unique("viewer");
        String otherViewerName = unique("viewer");
        clients.put(Caller.ANONYMOUS, new ApiClient(rest, null, null));
        clients.put(Caller.VIEWER, signedIn(viewerName, Role.VIEWER));
        clients.put(Caller.OTHER_VIEWER, signedIn(otherViewerName, Role.VIEWER));
        clients.put(Caller.EDITOR, signedIn(unique("editor"), Role.EDITOR));
        clients.put(Caller.ADMIN, admin);
        service = unique("access-svc");
        variable = unique("access-var");
        unused = unique("access-unused");
        otherVariable = unique("access-other-var");
        shared = unique("access-shared");
        other = unique("access-other");
        assertCreated(admin.put("/api/services/" + service, Definitions.service(service, port)));
        for (String name : List.of(variable, unused, otherVariable)) {
            assertCreated(admin.put("/api/variables/" + name, Definitions.variable(name, service, false)));
        }
        assertCreated(admin.put("/api/dashboards/" + shared, dashboard(shared, variable, viewerName)));
        assertCreated(admin.put("/api/dashboards/" + other, dashboard(other, otherVariable, otherViewerName)));
    }

    /** Shared with one user by name, with no role. */
    private String dashboard(String slug, String applicationVariable, String user) {
        return Definitions.dashboard(slug, applicationVariable, unique("own"), service)
                .replace("\"sharedWithRoles\": [\"VIEWER\"]", "\"sharedWithRoles\": [], \"sharedWithUsers\": [\"" + user + "\"]");
    }

    private static void assertCreated(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private record Row(String call, Function<ApiClient, ResponseEntity<String>> request, int... expected) {
    }

    /** Every call with the answer each caller gets, in {@link Caller} order. Deletions get a fresh target each time. */
    private List<Row> table() {
        return List.of(
                new Row("GET /api/services", c -> c.get("/api/services"), EDITORS_AND_UP),
                new Row("GET /api/services/{name}", c -> c.get("/api/services/" + service), EDITORS_AND_UP),
                new Row("PUT /api/services/{name}", c -> c.put("/api/services/" + service, Definitions.service(service, port)),
                        ONLY_ADMINS),
                new Row("DELETE /api/services/{name}", c -> c.delete("/api/services/" + freshService()),
                        401, 403, 403, 403, 204),
                new Row("GET /api/variables", c -> c.get("/api/variables"), SIGNED_IN),
                new Row("GET /api/variables/{shared}", c -> c.get("/api/variables/" + variable), THE_SHARE_AND_EDITORS),
                new Row("GET /api/variables/{shared}/dataset", c -> c.get("/api/variables/" + variable + "/dataset"),
                        THE_SHARE_AND_EDITORS),
                new Row("GET /api/variables/{unused}", c -> c.get("/api/variables/" + unused), HIDDEN_FROM_VIEWERS),
                new Row("GET /api/variables/{unused}/dataset", c -> c.get("/api/variables/" + unused + "/dataset"),
                        HIDDEN_FROM_VIEWERS),
                new Row("PUT /api/variables/{name}", c -> c.put("/api/variables/" + unused,
                        Definitions.variable(unused, service, false)), EDITORS_AND_UP),
                new Row("DELETE /api/variables/{name}", c -> c.delete("/api/variables/" + freshVariable()),
                        DELETED_BY_EDITORS),
                new Row("GET /api/dashboards", c -> c.get("/api/dashboards"), SIGNED_IN),
                new Row("GET /api/dashboards/{shared}", c -> c.get("/api/dashboards/" + shared), THE_SHARE_AND_EDITORS),
                new Row("GET /api/dashboards/{shared}/export", c -> c.get("/api/dashboards/" + shared + "/export"),
                        THE_SHARE_AND_EDITORS),
                new Row("PUT /api/dashboards/{slug}", c -> c.put("/api/dashboards/" + shared,
                        admin.get("/api/dashboards/" + shared).getBody()), EDITORS_AND_UP),
                new Row("DELETE /api/dashboards/{slug}", c -> c.delete("/api/dashboards/" + freshDashboard()),
                        DELETED_BY_EDITORS),
                new Row("POST /api/dashboards/import", c -> c.post("/api/dashboards/import?onConflict=skip",
                        admin.get("/api/dashboards/" + shared + "/export").getBody()), 401, 403, 403, 201, 201),
                new Row("GET /actuator/health", c -> c.get("/actuator/health"), 200, 200, 200, 200, 200),
                new Row("GET /actuator", c -> c.get("/actuator"), ONLY_ADMINS),
                new Row("GET /actuator/metrics", c -> c.get("/actuator/metrics"), ONLY_ADMINS),
                new Row("GET /actuator/prometheus", c -> c.get("/actuator/prometheus"), ONLY_ADMINS),
                new Row("GET /actuator/info", c -> c.get("/actuator/info"), ONLY_ADMINS));
    }

    @TestFactory
    Stream<DynamicTest> everyCallAnswersEveryCallerAsTheTableSays() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : table()) {
            for (Caller caller : Caller.values()) {
                int expected = row.expected()[caller.ordinal()];
                cells.add(DynamicTest.dynamicTest(row.call() + " by " + caller + " → " + expected, () -> {
                    ResponseEntity<String> answer = row.request().apply(clients.get(caller));
                    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(expected);
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void theListsHoldOnlyWhatIsSharedWithTheViewer() {
        ApiClient viewer = clients.get(Caller.VIEWER);
        assertThat(viewer.get("/api/dashboards").getBody()).contains(shared).doesNotContain(other);
        assertThat(viewer.get("/api/variables").getBody()).contains(variable).doesNotContain(unused, otherVariable);
        ApiClient otherViewer = clients.get(Caller.OTHER_VIEWER);
        assertThat(otherViewer.get("/api/dashboards").getBody()).contains(other).doesNotContain(shared);
        assertThat(otherViewer.get("/api/variables").getBody()).contains(otherVariable).doesNotContain(variable, unused);
        assertThat(clients.get(Caller.EDITOR).get("/api/variables").getBody()).contains(variable, unused, otherVariable);
    }

    @Test
    void aViewersRefusedChangesChangeNothing() {
        ApiClient viewer = clients.get(Caller.VIEWER);
        String before = admin.get("/api/dashboards/" + shared).getBody();

        assertThat(viewer.delete("/api/dashboards/" + shared).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(viewer.delete("/api/variables/" + variable).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(viewer.delete("/api/services/" + service).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(admin.get("/api/dashboards/" + shared).getBody()).isEqualTo(before);
        assertThat(admin.get("/api/variables/" + variable).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.get("/api/services/" + service).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private String freshService() {
        String name = unique("doomed-svc");
        assertCreated(admin.put("/api/services/" + name, Definitions.service(name, port)));
        return name;
    }

    private String freshVariable() {
        String name = unique("doomed-var");
        assertCreated(admin.put("/api/variables/" + name, Definitions.variable(name, service, false)));
        return name;
    }

    private String freshDashboard() {
        String slug = unique("doomed");
        assertCreated(admin.put("/api/dashboards/" + slug, Definitions.dashboard(slug, variable, unique("own"), service)));
        return slug;
    }
}
