package org.socketboard.security;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.dom.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardFixtures;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.security.ui.SecretField;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with a secret API key in its query and a variable with a secret header token: stored
 * encrypted, sent for real to the upstream server, and nowhere else: not in any rendered view, not in
 * the logs, not in exports or API answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends KaribuTest {

    private static final String API_KEY = "qk-Key-7d21e9";
    private static final String TOKEN = "hdr-Token-91f3aa";
    private static final String TOKEN_HEADER = "X-Api-Token";

    @Autowired
    ServiceCatalog services;
    @Autowired
    VariableCatalog variables;
    @Autowired
    VariableRegistry registry;
    @Autowired
    DashboardCatalog dashboards;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate rest;

    private LoopbackWebSocketServer upstream;
    private SocketService service;
    private Variable variable;
    private String slug;

    @BeforeEach
    void aServiceAndVariableWithSecrets() throws IOException {
        upstream = LoopbackWebSocketServer.echo();
        var definition = new SocketService();
        definition.setName(VariableFixtures.uniqueName("keyed"));
        // The key typed into the URL, as an admin would paste it: it must leave the stored URL.
        definition.setUrl(upstream.uri("/feed?symbols=ACME&api_key=" + API_KEY).toString());
        definition.setSampleResponse(VariableFixtures.TICK);
        definition.setParams(List.of(
                new ServiceParam("symbols", ParamLocation.QUERY, FieldType.STRING, "ACME", false, false),
                new ServiceParam("api_key", ParamLocation.QUERY, FieldType.STRING, API_KEY, true, true),
                new ServiceParam(TOKEN_HEADER, ParamLocation.HEADER, FieldType.STRING, null, true, true)));
        definition.setTestSkipped(true);
        service = services.save(definition);
        var own = VariableFixtures.variableOn(service, 10);
        own.setParamValues(Map.of(TOKEN_HEADER, TOKEN));
        variable = variables.save(own);
        var dashboard = new Dashboard("Keyed", DashboardFixtures.unique("keyed"), null);
        dashboard.addWidget(DashboardFixtures.valueCard("Price", variable.getName()));
        slug = dashboards.save(dashboard).getSlug();
    }

    @AfterEach
    void stopUpstream() throws IOException {
        upstream.close();
    }

    @Test
    void theDatabaseHoldsOnlyTheEncryptedValuesAndTheStoredUrlNoKey() {
        var serviceRow = jdbc.queryForMap("select url, params from socket_service where id = ?", service.getId());
        assertThat((String) serviceRow.get("url")).doesNotContain(API_KEY).doesNotContain("api_key");
        assertThat((String) serviceRow.get("params")).contains(SecretCipher.PREFIX).doesNotContain(API_KEY);
        String values = jdbc.queryForObject("select param_values from socket_variable where id = ?", String.class,
                variable.getId());
        assertThat(values).contains(SecretCipher.PREFIX).doesNotContain(TOKEN);
    }

    @Test
    void theUpstreamServerReceivesTheRealValuesWhileNoViewLogExportOrApiAnswerShowsThem(CapturedOutput output)
            throws Exception {
        VariableLease lease = registry.acquire(variable, "secrets-test");
        try {
            lease.live().open();
            var peer = upstream.nextPeer();
            assertThat(peer.path).contains("api_key=" + API_KEY).contains("symbols=ACME");
            assertThat(peer.headers).containsEntry(TOKEN_HEADER.toLowerCase(), TOKEN);
            awaitOpen(lease);

            var rendered = new ArrayList<String>();
            for (String route : List.of("services", "services/" + service.getName(), "variables",
                    "variables/" + variable.getName(), "dashboards", "dashboards/" + slug, "dashboards/" + slug + "/edit",
                    "audit")) {
                UI.getCurrent().navigate(route);
                MockVaadin.clientRoundtrip();
                rendered.addAll(everythingRendered());
            }
            UI.getCurrent().navigate("variables/" + variable.getName());
            assertThat(_get(SecretField.class, spec -> spec.withId("variable-param-" + TOKEN_HEADER)).isMasked())
                    .as("the stored token shows as a mask with Replace").isTrue();
            assertThat(rendered).as("rendered views").isNotEmpty().noneMatch(SecretsTest::revealsASecret);
            assertThat(rendered).as("the inspector's events show the masked URI")
                    .anyMatch(text -> text.contains("api_key=" + Redactor.MASK));

            var api = rest.withBasicAuth("admin", "admin");
            for (String path : List.of("/api/services", "/api/services/" + service.getName(), "/api/variables",
                    "/api/variables/" + variable.getName(), "/api/dashboards/" + slug, "/api/dashboards/" + slug + "/export")) {
                var answer = api.getForEntity(path, String.class);
                assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
                assertThat(answer.getBody()).as(path).doesNotContain(API_KEY, TOKEN, SecretCipher.PREFIX);
            }
        } finally {
            lease.close();
        }
        assertThat(output.getAll()).as("captured logs").doesNotContain(API_KEY, TOKEN);
    }

    @Test
    void aSecretTheUpstreamEchoesBackIsMaskedInTheDatasetItsApiAnswerAndTheWidgets() throws Exception {
        VariableLease lease = registry.acquire(variable, "secrets-test");
        try {
            lease.live().open();
            var peer = upstream.nextPeer();
            awaitOpen(lease);
            peer.sendText("{\"symbol\": \"ACME\", \"price\": 101.5, \"note\": \"you sent " + TOKEN
                    + " and key=" + API_KEY + "\", \"" + TOKEN + "\": 1}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !lease.live().dataset().snapshot().isEmpty());
            String records = lease.live().dataset().snapshot().toString();
            assertThat(records).as("the dataset every widget reads").contains("you sent " + Redactor.MASK)
                    .contains("key=" + Redactor.MASK).doesNotContain(TOKEN, API_KEY);

            var answer = rest.withBasicAuth("admin", "admin")
                    .getForEntity("/api/variables/" + variable.getName() + "/dataset", String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).contains("101.5").doesNotContain(TOKEN, API_KEY);
        } finally {
            lease.close();
        }
    }

    private static void awaitOpen(VariableLease lease) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lease.live().state()).isEqualTo(VariableState.OPEN));
    }

    private static boolean revealsASecret(String text) {
        return text != null && (text.contains(API_KEY) || text.contains(TOKEN) || text.contains(SecretCipher.PREFIX));
    }

    /** The text, attributes and properties of every element of the UI, and every grid row as rendered. */
    private static List<String> everythingRendered() {
        List<String> seen = new ArrayList<>();
        collect(UI.getCurrent().getElement(), seen);
        for (Grid<?> grid : _find(Grid.class)) {
            for (int row = 0; row < GridKt._size(grid); row++) {
                seen.add(String.valueOf(GridKt._getFormattedRow(grid, row)));
            }
        }
        return seen;
    }

    private static void collect(Element element, List<String> seen) {
        seen.add(element.getText());
        element.getAttributeNames().forEach(name -> seen.add(name + "=" + element.getAttribute(name)));
        element.getPropertyNames().forEach(name -> seen.add(name + "=" + element.getPropertyRaw(name)));
        element.getChildren().forEach(child -> collect(child, seen));
    }
}
