package org.socketboard.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.security.account.UserService;
import org.socketboard.security.domain.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.test.context.support.WithMockUser;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.api.Definitions.unique;

/**
 * Every endpoint of the REST API checks who calls on the server: anonymous callers get 401, a viewer
 * reads (only the dashboards shared with them) and gets 403 on every change, an editor changes
 * variables and dashboards but not services, an admin does everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithMockUser(roles = "ADMIN") // for creating the accounts
class ApiAccessTest {

    private static final String PASSWORD = "long-enough-password";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    UserService users;
    @LocalServerPort
    int port;

    private ApiClient admin;
    private ApiClient viewer;
    private ApiClient editor;
    private ApiClient anonymous;
    private String service;
    private String variable;
    private String shared;
    private String unshared;

    @BeforeEach
    void accountsAndDefinitions() {
        admin = new ApiClient(rest.withBasicAuth(ApiTestBase.ADMIN, ApiTestBase.ADMIN_PASSWORD));
        viewer = signedIn(Role.VIEWER);
        editor = signedIn(Role.EDITOR);
        anonymous = new ApiClient(rest);
        service = unique("svc");
        variable = unique("var");
        shared = unique("shared");
        unshared = unique("unshared");
        assertCreated(admin.put("/api/services/" + service, Definitions.service(service, port)));
        assertCreated(admin.put("/api/variables/" + variable, Definitions.variable(variable, service, false)));
        assertCreated(admin.put("/api/dashboards/" + shared, dashboard(shared)));
        assertCreated(admin.put("/api/dashboards/" + unshared, dashboard(unshared)
                .replace("\"sharedWithRoles\": [\"VIEWER\"]", "\"sharedWithRoles\": []")));
    }

    private ApiClient signedIn(Role role) {
        String name = unique(role.name().toLowerCase());
        users.create(name, PASSWORD, Set.of(role));
        return new ApiClient(rest.withBasicAuth(name, PASSWORD));
    }

    private String dashboard(String slug) {
        return Definitions.dashboard(slug, variable, unique("own"), service);
    }

    private static void assertCreated(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /** Each change the API offers, as one call of a client. */
    private List<Call> changes() {
        return List.of(
                new Call("PUT service", client -> client.put("/api/services/" + service, Definitions.service(service, port))),
                new Call("DELETE service", client -> client.delete("/api/services/" + service)),
                new Call("PUT variable", client -> client.put("/api/variables/" + variable,
                        Definitions.variable(variable, service, false))),
                new Call("DELETE variable", client -> client.delete("/api/variables/" + variable)),
                new Call("PUT dashboard", client -> client.put("/api/dashboards/" + shared, dashboard(shared))),
                new Call("DELETE dashboard", client -> client.delete("/api/dashboards/" + shared)),
                new Call("POST import", client -> client.post("/api/dashboards/import?onConflict=skip",
                        admin.get("/api/dashboards/" + shared + "/export").getBody())));
    }

    private List<Call> reads() {
        return List.of(
                new Call("GET services", client -> client.get("/api/services")),
                new Call("GET service", client -> client.get("/api/services/" + service)),
                new Call("GET variables", client -> client.get("/api/variables")),
                new Call("GET variable", client -> client.get("/api/variables/" + variable)),
                new Call("GET dataset", client -> client.get("/api/variables/" + variable + "/dataset")),
                new Call("GET dashboards", client -> client.get("/api/dashboards")),
                new Call("GET dashboard", client -> client.get("/api/dashboards/" + shared)),
                new Call("GET export", client -> client.get("/api/dashboards/" + shared + "/export")));
    }

    private record Call(String name, Function<ApiClient, ResponseEntity<String>> call) {
        HttpStatus by(ApiClient client) {
            return HttpStatus.valueOf(call.apply(client).getStatusCode().value());
        }
    }

    @Test
    void anAnonymousCallerGets401FromEveryEndpoint() {
        for (Call call : concat(reads(), changes())) {
            assertThat(call.by(anonymous)).as(call.name()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aViewerReadsButEveryChangeIsForbiddenAndChangesNothing() {
        for (Call call : reads()) {
            assertThat(call.by(viewer)).as(call.name()).isEqualTo(HttpStatus.OK);
        }
        for (Call call : changes()) {
            assertThat(call.by(viewer)).as(call.name()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(admin.get("/api/services/" + service).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.get("/api/variables/" + variable).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.get("/api/dashboards/" + shared).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aDashboardNotSharedWithTheViewerIsNeitherListedNorFoundNorExported() {
        assertThat(viewer.get("/api/dashboards").getBody()).contains(shared).doesNotContain(unshared);
        assertThat(viewer.get("/api/dashboards/" + unshared).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(viewer.get("/api/dashboards/" + unshared + "/export").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(editor.get("/api/dashboards/" + unshared).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anEditorChangesVariablesAndDashboardsButNoService() {
        assertThat(changes().get(0).by(editor)).as("PUT service").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(changes().get(1).by(editor)).as("DELETE service").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(changes().get(2).by(editor)).as("PUT variable").isEqualTo(HttpStatus.OK);
        assertThat(changes().get(4).by(editor)).as("PUT dashboard").isEqualTo(HttpStatus.OK);
        assertThat(changes().get(6).by(editor)).as("POST import").isEqualTo(HttpStatus.CREATED);
        assertThat(changes().get(5).by(editor)).as("DELETE dashboard").isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(changes().get(3).by(editor)).as("DELETE variable").isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void anAdminMakesEveryChange() {
        assertThat(changes().get(0).by(admin)).as("PUT service").isEqualTo(HttpStatus.OK);
        assertThat(changes().get(2).by(admin)).as("PUT variable").isEqualTo(HttpStatus.OK);
        assertThat(changes().get(4).by(admin)).as("PUT dashboard").isEqualTo(HttpStatus.OK);
        assertThat(changes().get(6).by(admin)).as("POST import").isEqualTo(HttpStatus.CREATED);
        assertThat(admin.delete("/api/dashboards/" + unshared).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(changes().get(5).by(admin)).as("DELETE dashboard").isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(changes().get(3).by(admin)).as("DELETE variable").isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(changes().get(1).by(admin)).as("DELETE service").isEqualTo(HttpStatus.NO_CONTENT);
    }

    private static List<Call> concat(List<Call> first, List<Call> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
