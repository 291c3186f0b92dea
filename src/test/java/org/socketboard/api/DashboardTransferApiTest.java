package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.api.Definitions.SERVICE_SECRET;
import static org.socketboard.api.Definitions.VARIABLE_SECRET;
import static org.socketboard.api.Definitions.unique;

/** Export and import of dashboard bundles through {@code /api/dashboards}. */
@Tag("database")
class DashboardTransferApiTest extends ApiTestBase {

    private String service;
    private String variable;
    private String slug;

    /** A dashboard on an application variable and one of its own, both on a service with secrets. */
    @BeforeEach
    void storeADashboard() {
        service = unique("ticker");
        variable = unique("prices");
        slug = unique("prices");
        api.put("/api/services/" + service, Definitions.service(service, port));
        api.put("/api/variables/" + variable, Definitions.variable(variable, service, false));
        var created = api.put("/api/dashboards/" + slug, Definitions.dashboard(slug, variable, unique("own"), service));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private String export(String dashboardSlug) {
        var exported = api.get("/api/dashboards/" + dashboardSlug + "/export");
        assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.OK);
        return exported.getBody();
    }

    private int rows() {
        return services.list().size() + variables.list().size() + dashboards.listVisible().size();
    }

    @Test
    void anExportHoldsTheDashboardItsVariablesAndTheirServiceButNoSecret() {
        String exported = export(slug);
        JsonNode bundle = api.tree(exported);

        assertThat(bundle.get("format").asInt()).isEqualTo(1);
        assertThat(bundle.get("services")).extracting(definition -> definition.get("name").asText()).containsExactly(service);
        assertThat(bundle.get("variables")).extracting(definition -> definition.get("name").asText()).containsExactly(variable);
        assertThat(bundle.get("dashboard").get("slug").asText()).isEqualTo(slug);
        assertThat(bundle.get("dashboard").get("variables")).hasSize(1);
        assertThat(bundle.get("services").get(0).get("params").get(0).get("secret").asBoolean()).isTrue();
        assertThat(exported).doesNotContain(SERVICE_SECRET, VARIABLE_SECRET);
    }

    private void deleteEverything() {
        api.delete("/api/dashboards/" + slug);
        api.delete("/api/variables/" + variable);
        api.delete("/api/services/" + service);
        assertThat(services.find(service)).isEmpty();
    }

    @Test
    void exportDeleteEverythingImportRoundTripsTheDashboardOnceTheSecretIsSupplied() {
        String exported = export(slug);
        deleteEverything();
        // Secrets never leave the server: whoever imports elsewhere types them in.
        String withSecret = exported.replaceFirst("\"defaultValue\":null", "\"defaultValue\":\"" + SERVICE_SECRET + "\"")
                .replace("\"token\":null", "\"token\":\"" + VARIABLE_SECRET + "\"");

        var imported = api.post("/api/dashboards/import", withSecret);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(api.tree(imported).get("slug").asText()).isEqualTo(slug);
        assertThat(api.tree(imported).get("changes")).extracting(JsonNode::asText)
                .contains("service '" + service + "' created", "variable '" + variable + "' created",
                        "dashboard '" + slug + "' created");
        assertThat(api.tree(export(slug))).isEqualTo(api.tree(exported));
        assertThat(cipher.reveal(variables.findByName(variable).orElseThrow().getParamValues().get("token")))
                .as("kept, stored encrypted").isEqualTo(VARIABLE_SECRET);
    }

    @Test
    void aBundleWhoseRequiredSecretIsWithheldNamesTheParameterAndStoresNothing() {
        String exported = export(slug);
        deleteEverything();
        int before = rows();

        var refused = api.post("/api/dashboards/import", exported);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(refused).get("errors").get("variables[" + variable + "].PARAMS").asText())
                .contains("required parameter 'token'");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void reImportingAnUnchangedBundleNeedsNoAnswersAndChangesNothing() {
        String exported = export(slug);
        int before = rows();

        var imported = api.post("/api/dashboards/import", exported);

        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(rows()).isEqualTo(before);
        assertThat(api.tree(export(slug))).isEqualTo(api.tree(exported));
    }

    @Test
    void anImportWithAnUnknownReferenceIsRefusedNamingItAndLeavesNothingBehind() {
        String bundle = export(slug).replace(slug, unique("elsewhere"))
                .replace("\"service\":\"" + service + "\"", "\"service\":\"no-such-service\"")
                .replace("\"name\":\"" + service + "\"", "\"name\":\"" + unique("renamed") + "\"")
                .replace("\"name\":\"" + variable + "\"", "\"name\":\"" + unique("renamed") + "\"");
        int before = rows();

        var refused = api.post("/api/dashboards/import", bundle);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(refused).get("errors").get("variables[0].service").asText()).contains("'no-such-service'");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aDefinitionRefusedHalfWayRollsBackWhatWasAlreadyStored() {
        String newService = unique("ticker");
        String bundle = export(slug).replace(slug, unique("elsewhere"))
                .replace(service, newService)
                .replace("\"name\":\"" + variable + "\"", "\"name\":\"" + unique("prices") + "\"")
                .replace("\"dataLimit\":50", "\"dataLimit\":-1");
        int before = rows();

        var refused = api.post("/api/dashboards/import", bundle);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(refused).get("errors").fieldNames()).toIterable().anyMatch(field -> field.endsWith(".DATA_LIMIT"));
        assertThat(services.find(newService)).as("stored before the variable failed, then rolled back").isEmpty();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void clashesAreListedUntilAnsweredAndNothingIsStoredMeanwhile() {
        String bundle = export(slug).replace("What ACME costs", "What ACME costs today")
                .replace("\"dataLimit\":50", "\"dataLimit\":60");
        int before = rows();

        var asked = api.post("/api/dashboards/import", bundle);

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(asked.getBody()).contains("\"kind\":\"VARIABLE\",\"name\":\"" + variable + "\"",
                "\"kind\":\"DASHBOARD\",\"name\":\"" + slug + "\"");
        assertThat(api.tree(asked).get("conflicts")).hasSize(2);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void renamingEveryClashImportsACopyWhoseWidgetsUseTheRenamedVariable() {
        String bundle = export(slug).replace("What ACME costs", "A copy").replace("\"dataLimit\":50", "\"dataLimit\":60");

        var imported = api.post("/api/dashboards/import?onConflict=rename", bundle);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode copy = api.tree(api.get("/api/dashboards/" + slug + "-2"));
        assertThat(copy.get("widgets").get(0).get("variable").asText()).isEqualTo(variable + "-2");
        assertThat(api.tree(api.get("/api/variables/" + variable + "-2")).get("dataLimit").asInt()).isEqualTo(60);
        assertThat(api.tree(api.get("/api/variables/" + variable)).get("dataLimit").asInt()).isEqualTo(50);
        assertThat(api.tree(api.get("/api/dashboards/" + slug)).get("description").asText()).isEqualTo("What ACME costs");
    }

    @Test
    void answersPerNameReplaceOneDefinitionAndKeepAnother() {
        String bundle = export(slug).replace("What ACME costs", "Replaced")
                .replace("\"dataLimit\":50", "\"dataLimit\":60");

        var imported = api.post("/api/dashboards/import?resolve=variable:" + variable + ":skip&resolve=dashboard:"
                + slug + ":replace", bundle);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(api.tree(api.get("/api/dashboards/" + slug)).get("description").asText()).isEqualTo("Replaced");
        assertThat(api.tree(api.get("/api/variables/" + variable)).get("dataLimit").asInt()).isEqualTo(50);
        assertThat(api.tree(imported).get("changes").toString()).contains("kept", "replaced");
    }

    @Test
    void replacingAServiceOnImportKeepsItsSecretValue() {
        String bundle = export(slug).replace("\"Ticks\"", "\"Ticks, replaced\"");

        var imported = api.post("/api/dashboards/import?onConflict=replace", bundle);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.CREATED);
        var stored = services.find(service).orElseThrow();
        assertThat(stored.getDescription()).isEqualTo("Ticks, replaced");
        assertThat(stored.getParams().get(0).defaultValue()).isEqualTo(SERVICE_SECRET);
        assertThat(cipher.reveal(variables.findByName(variable).orElseThrow().getParamValues().get("token")))
                .as("kept, stored encrypted").isEqualTo(VARIABLE_SECRET);
    }

    @Test
    void badAnswersAndBadBundlesAreRefusedWithAReason() {
        String exported = export(slug);

        var badAnswer = api.post("/api/dashboards/import?onConflict=merge", exported);
        var badFormat = api.post("/api/dashboards/import", exported.replace("\"format\":1", "\"format\":7"));
        var noDashboard = api.post("/api/dashboards/import", "{\"format\": 1, \"services\": []}");
        var notJson = api.post("/api/dashboards/import", "{\"format\": 1,");

        assertThat(List.of(badAnswer, badFormat, noDashboard, notJson))
                .allMatch(response -> response.getStatusCode() == HttpStatus.BAD_REQUEST);
        assertThat(api.tree(badAnswer).get("detail").asText()).contains("'merge' is not skip, replace or rename");
        assertThat(api.tree(badFormat).get("errors").get("format").asText()).contains("format 1, not 7");
        assertThat(api.tree(noDashboard).get("errors").get("dashboard").asText()).isEqualTo("is missing");
        assertThat(api.tree(notJson).get("detail").asText()).startsWith("Invalid JSON at line 1");
    }
}
