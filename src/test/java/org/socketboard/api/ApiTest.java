package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socketboard.api.Definitions.SERVICE_SECRET;
import static org.socketboard.api.Definitions.VARIABLE_SECRET;
import static org.socketboard.api.Definitions.unique;

class ApiTest extends ApiTestBase {

    private String storedService() {
        String name = unique("ticker");
        assertThat(api.put("/api/services/" + name, Definitions.service(name, port)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return name;
    }

    private String storedVariable(String service, boolean connectOnLoad) {
        String name = unique("prices");
        assertThat(api.put("/api/variables/" + name, Definitions.variable(name, service, connectOnLoad)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return name;
    }

    private String storedDashboard(String variable, String service) {
        String slug = unique("prices");
        var created = api.put("/api/dashboards/" + slug, Definitions.dashboard(slug, variable, unique("own"), service));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return slug;
    }

    private static void assertNoTrace(ResponseEntity<String> response) {
        assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "org.socketboard");
    }

    // ---- services ---------------------------------------------------------------------------------------

    @Test
    void aServiceIsCreatedReplacedAndReadBackWithItsSecretWithheldButKept() {
        String name = unique("ticker");
        var created = api.put("/api/services/" + name, Definitions.service(name, port));
        var replaced = api.put("/api/services/" + name, api.tree(created).toString().replace("\"Ticks\"", "\"Stock ticks\""));
        var read = api.get("/api/services/" + name);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode service = api.tree(read);
        assertThat(service.get("description").asText()).isEqualTo("Stock ticks");
        JsonNode token = service.get("params").get(0);
        assertThat(token.get("secret").asBoolean()).isTrue();
        assertThat(token.get("defaultValue").isNull()).isTrue();
        assertThat(service.get("params").get(1).get("defaultValue").asText()).isEqualTo("equities");
        assertThat(services.find(name).orElseThrow().getParams()).extracting(param -> cipher.reveal(param.defaultValue()))
                .as("kept, stored encrypted; the URL's ?rate=20 moved into a parameter of its own")
                .containsExactly(SERVICE_SECRET, "equities", "20");
        assertThat(List.of(created.getBody(), replaced.getBody(), read.getBody(), api.get("/api/services").getBody()))
                .noneMatch(body -> body.contains(SERVICE_SECRET));
    }

    @Test
    void theListsHoldEveryDefinition() {
        String service = storedService();
        String variable = storedVariable(service, false);
        String slug = storedDashboard(variable, service);

        assertThat(api.tree(api.get("/api/services")).findValuesAsText("name")).contains(service);
        assertThat(api.tree(api.get("/api/variables")).findValuesAsText("name")).contains(variable);
        assertThat(api.tree(api.get("/api/dashboards")).findValuesAsText("slug")).contains(slug);
    }

    @Test
    void malformedJsonIsRefusedWithTheLineAndColumnAndNoTrace() {
        String name = unique("broken");
        var response = api.put("/api/services/" + name, "{\n  \"name\": \"" + name + "\",\n  \"url\": ws://x\n}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("detail").asText()).startsWith("Invalid JSON at line 3, column");
        assertNoTrace(response);
        assertThat(services.find(name)).isEmpty();
    }

    @Test
    void aValueOfTheWrongShapeSaysWhatBelongsThereWithoutJavaOrParserNames() {
        String name = unique("shapes");
        var notAList = api.put("/api/services/" + name,
                "{\"name\":\"" + name + "\",\"url\":\"ws://127.0.0.1:1/x\",\"subprotocols\":\"x\"}");
        var aListForAnObject = api.put("/api/services/" + name, "[1,2]");
        var cutShort = api.put("/api/services/" + name, "{\"name\":\"" + name + "\"");
        var importNotAList = api.post("/api/dashboards/import", "{\"format\":1,\"services\":\"x\"}");

        assertThat(api.tree(notAList).get("detail").asText()).startsWith("Invalid value at line 1, column")
                .endsWith("(subprotocols): expected a list [...] here");
        assertThat(api.tree(aListForAnObject).get("detail").asText()).endsWith(": expected an object {...} here");
        assertThat(api.tree(cutShort).get("detail").asText()).startsWith("Invalid JSON at line 1")
                .contains("the text ends before the object { … } is closed with }");
        assertThat(api.tree(importNotAList).get("detail").asText()).endsWith("(services): expected a list [...] here");
        for (var response : List.of(notAList, aListForAnObject, cutShort, importNotAList)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(api.tree(response).get("detail").asText())
                    .doesNotContain("ArrayList", "Cannot", "deserialize", "token", "`", "JsonToken", "end-of-input");
        }
        assertThat(services.find(name)).isEmpty();
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndTheValuesAllowed() {
        String service = storedService();
        String name = unique("prices");
        var response = api.put("/api/variables/" + name,
                Definitions.variable(name, service, false).replace("\"APPLICATION\"", "\"EVERYWHERE\""));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("detail").asText())
                .contains("(scope)", "'EVERYWHERE' is not one of APPLICATION, DASHBOARD");
        assertNoTrace(response);
    }

    @Test
    void missingFieldsAreNamedOneMessageEach() {
        String name = unique("incomplete");
        var response = api.put("/api/services/" + name, "{\"name\": \"" + name + "\", \"params\": [{\"name\": \"token\"}]}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = api.tree(response).get("errors");
        assertThat(errors.get("url").asText()).isEqualTo("is missing");
        assertThat(errors.get("params[0].location").asText()).isEqualTo("is missing");
    }

    @Test
    void whatTheServiceCatalogRefusesComesBackFieldByField() {
        String name = unique("http");
        var response = api.put("/api/services/" + name, Definitions.service(name, port).replace("ws://", "http://"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("URL").asText()).isNotBlank();
        assertThat(services.find(name)).isEmpty();
    }

    @Test
    void aBrokenSampleIsExplainedInPlainWordsAndAPlainTextSampleIsStored() {
        String broken = unique("broken");
        var refused = api.put("/api/services/" + broken, Definitions.service(broken, port)
                .replace("\\\"price\\\": 101.5", "\\\"price\\\": NaN, \\\"x\\\": }"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(refused).get("errors").get("SAMPLE_RESPONSE").asText())
                .startsWith("Invalid JSON at line 1, column ").contains("a value was expected, found “}”, near “")
                .doesNotContainPattern("com\\.|java\\.|Jackson|Json[A-Z]|Exception|FAIL_ON|ALLOW_");
        assertThat(services.find(broken)).isEmpty();

        String text = unique("text");
        var stored = api.put("/api/services/" + text, Definitions.service(text, port)
                .replaceFirst("\"sampleResponse\": \"[^\n]*\",", "\"sampleResponse\": \"temp=21.5;hum=40\","));
        assertThat(stored.getStatusCode()).as(stored.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(services.find(text).orElseThrow().getResponseFields()).extracting(FieldMeta::name).containsExactly("text");
    }

    @Test
    void aBodyNamingAnotherServiceThanItsAddressIsRefused() {
        String name = unique("ticker");
        var response = api.put("/api/services/" + name, Definitions.service(unique("other"), port));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("name").asText()).contains("must be the same");
    }

    @Test
    void aServiceInUseIsNotDeletedAndTheAnswerNamesItsVariables() {
        String service = storedService();
        String variable = storedVariable(service, false);

        var refused = api.delete("/api/services/" + service);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(api.tree(refused).get("detail").asText()).contains(variable);
        assertThat(api.tree(refused).get("variables").get(0).asText()).isEqualTo(variable);
        assertThat(services.find(service)).isPresent();
    }

    @Test
    void anUnusedServiceIsDeletedOnceAndThenNotFound() {
        String service = storedService();

        assertThat(api.delete("/api/services/" + service).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.delete("/api/services/" + service).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        var missing = api.get("/api/services/" + service);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.tree(missing).get("detail").asText()).isEqualTo("There is no service '" + service + "'");
    }

    // ---- variables --------------------------------------------------------------------------------------

    @Test
    void aVariableIsCreatedReplacedAndDeletedWithoutEverShowingItsSecretValue() {
        String service = storedService();
        String name = unique("prices");
        var created = api.put("/api/variables/" + name, Definitions.variable(name, service, false));
        var replaced = api.put("/api/variables/" + name, api.tree(created).toString().replace("\"dataLimit\":50", "\"dataLimit\":70"));
        var read = api.get("/api/variables/" + name);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.tree(read).get("dataLimit").asInt()).isEqualTo(70);
        assertThat(api.tree(read).get("paramValues").get("token").isNull()).isTrue();
        assertThat(api.tree(read).get("paramValues").get("desk").asText()).isEqualTo("rates");
        assertThat(cipher.reveal(variables.findByName(name).orElseThrow().getParamValues().get("token")))
                .as("kept, stored encrypted").isEqualTo(VARIABLE_SECRET);
        assertThat(List.of(created.getBody(), replaced.getBody(), read.getBody(), api.get("/api/variables").getBody()))
                .noneMatch(body -> body.contains(VARIABLE_SECRET));

        assertThat(api.delete("/api/variables/" + name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/variables/" + name).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void concurrentReplacesOfOneVariableEachSucceedOrAreToldItChangedMeanwhile() throws Exception {
        String service = storedService();
        String name = storedVariable(service, false);
        List<ResponseEntity<String>> answers = new ArrayList<>();
        List<Integer> acknowledgedLimits = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            // Rounds of 8 replaces released at once, until one has lost the race (usually the first round).
            for (int round = 0; round < 20 && answers.stream().noneMatch(a -> a.getStatusCode() == HttpStatus.CONFLICT); round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ResponseEntity<String>>> puts = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    int limit = 100 + round * 8 + writer;
                    String body = Definitions.variable(name, service, false).replace("\"dataLimit\": 50", "\"dataLimit\": " + limit);
                    puts.add(writers.submit(() -> {
                        go.await();
                        return api.put("/api/variables/" + name, body);
                    }));
                }
                go.countDown();
                for (int writer = 0; writer < puts.size(); writer++) {
                    var answer = puts.get(writer).get(30, TimeUnit.SECONDS);
                    answers.add(answer);
                    if (answer.getStatusCode() == HttpStatus.OK) {
                        acknowledgedLimits.add(100 + round * 8 + writer);
                    }
                }
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.OK, HttpStatus.CONFLICT)
                .contains(HttpStatus.CONFLICT);
        var lost = answers.stream().filter(a -> a.getStatusCode() == HttpStatus.CONFLICT).findFirst().orElseThrow();
        assertThat(lost.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(api.tree(lost).get("title").asText()).isEqualTo("Changed meanwhile");
        assertThat(api.tree(lost).get("detail").asText()).contains("reload");
        assertNoTrace(lost);
        assertThat(acknowledgedLimits).contains(api.tree(api.get("/api/variables/" + name)).get("dataLimit").asInt());
    }

    @Test
    void aVariableOnAnUnknownServiceIsRefusedNamingTheService() {
        String name = unique("orphan");
        var response = api.put("/api/variables/" + name, Definitions.variable(name, "no-such-service", false));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("service").asText()).contains("'no-such-service'");
        assertThat(variables.findByName(name)).isEmpty();
    }

    @Test
    void whatTheVariableCatalogRefusesComesBackFieldByField() {
        String service = storedService();
        String name = unique("prices");
        var response = api.put("/api/variables/" + name,
                Definitions.variable(name, service, false).replace("\"dataLimit\": 50", "\"dataLimit\": -1"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("DATA_LIMIT").asText()).contains("cannot be negative");
    }

    @Test
    void theDatasetOfAConnectedVariableIsItsCurrentRecords() {
        String variable = storedVariable(storedService(), true);

        JsonNode dataset = await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> api.tree(api.get("/api/variables/" + variable + "/dataset")), answer -> answer.get("size").asInt() >= 3);

        assertThat(dataset.get("state").asText()).isEqualTo("OPEN");
        assertThat(dataset.get("records").size()).isEqualTo(dataset.get("size").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(dataset.get("version").asLong()).isGreaterThanOrEqualTo(dataset.get("size").asLong());
        List<String> kinds = new ArrayList<>();
        dataset.get("records").forEach(tick -> kinds.add(tick.get("type").asText()));
        assertThat(kinds).containsOnly("tick");
        assertThat(dataset.get("records").get(0).get("price").isNumber()).isTrue();
    }

    @Test
    void theDatasetOfAVariableNobodyUsesIsEmptyAndClosed() {
        String variable = storedVariable(storedService(), false);

        JsonNode dataset = api.tree(api.get("/api/variables/" + variable + "/dataset"));

        assertThat(dataset.get("state").asText()).isEqualTo("CLOSED");
        assertThat(dataset.get("records").size()).isZero();
    }

    @Test
    void tickingConnectOnLoadThroughTheApiOpensTheVariableAtOnceAndItsDatasetSaysSo() {
        String service = storedService();
        String variable = storedVariable(service, false);
        assertThat(api.tree(api.get("/api/variables/" + variable + "/dataset")).get("state").asText()).isEqualTo("CLOSED");

        var saved = api.put("/api/variables/" + variable, Definitions.variable(variable, service, true));

        assertThat(saved.getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.tree(api.get("/api/variables/" + variable + "/dataset")).get("size").asInt() > 0);
        assertThat(api.tree(api.get("/api/variables/" + variable + "/dataset")).get("state").asText()).isEqualTo("OPEN");
        assertThat(api.tree(api.get("/api/variables/" + variable)).get("connectOnLoad").asBoolean()).isTrue();
    }

    @Test
    void aDashboardVariableHasNoSharedDatasetAndAnUnknownOneNone() {
        String service = storedService();
        String name = unique("per-tab");
        api.put("/api/variables/" + name, Definitions.dashboardVariable(name, service));

        var perTab = api.get("/api/variables/" + name + "/dataset");
        var unknown = api.get("/api/variables/no-such-variable/dataset");

        assertThat(perTab.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(api.tree(perTab).get("detail").asText()).contains("dashboard scope");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ---- dashboards -------------------------------------------------------------------------------------

    @Test
    void aDashboardIsCreatedWithItsOwnVariableReplacedAndDeleted() {
        String service = storedService();
        String variable = storedVariable(service, false);
        String slug = unique("prices");
        String own = unique("own");
        var created = api.put("/api/dashboards/" + slug, Definitions.dashboard(slug, variable, own, service));
        JsonNode definition = api.tree(created);
        var replaced = api.put("/api/dashboards/" + slug, definition.toString().replace("\"Latest\"", "\"Newest\""));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(definition.get("variables").get(0).get("name").asText()).isEqualTo(own);
        assertThat(definition.get("widgets").findValuesAsText("variable")).containsExactly(variable, own);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.tree(api.get("/api/dashboards/" + slug)).get("widgets").findValuesAsText("title"))
                .containsExactly("ACME", "Newest");
        assertThat(variables.findByName(own)).as("its own variable is not an application one").isEmpty();

        assertThat(api.delete("/api/dashboards/" + slug).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/dashboards/" + slug).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/dashboards/" + slug + "/export").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aWidgetOnAnUnknownVariableIsRefusedNamingItAndNothingIsStored() {
        String service = storedService();
        String slug = unique("prices");
        var response = api.put("/api/dashboards/" + slug, Definitions.dashboard(slug, "no-such-variable", unique("own"), service));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("dashboard.widgets[0].variable").asText())
                .contains("'no-such-variable'");
        assertThat(dashboards.findBySlug(slug)).isEmpty();
    }

    @Test
    void whatTheDashboardServiceRefusesLeavesNoOwnVariableBehind() {
        String service = storedService();
        String variable = storedVariable(service, false);
        String slug = unique("prices");
        String own = unique("own");
        int variablesBefore = variables.list().size();
        var response = api.put("/api/dashboards/" + slug,
                Definitions.dashboard(slug, variable, own, service).replace("\"width\": 2", "\"width\": 9"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("dashboard.WIDGET_SIZE").asText()).contains("Width 1 to 4");
        assertThat(dashboards.findBySlug(slug)).isEmpty();
        assertThat(variables.list()).hasSize(variablesBefore);
    }

    @Test
    void replacingAStoredDashboardWithWhatItsRulesRefuseAnswersFieldByFieldAndKeepsTheStoredOne() {
        String service = storedService();
        String variable = storedVariable(service, false);
        String slug = storedDashboard(variable, service);
        String stored = api.get("/api/dashboards/" + slug).getBody();

        var longName = api.put("/api/dashboards/" + slug,
                Definitions.dashboard(slug, variable, unique("own"), service).replace("\"Prices " + slug + "\"",
                        "\"" + "n".repeat(101) + "\""));
        var longDescription = api.put("/api/dashboards/" + slug,
                Definitions.dashboard(slug, variable, unique("own"), service).replace("\"What ACME costs\"",
                        "\"" + "d".repeat(1001) + "\""));
        var longTitle = api.put("/api/dashboards/" + slug,
                Definitions.dashboard(slug, variable, unique("own"), service).replace("\"Latest\"",
                        "\"" + "t".repeat(101) + "\""));

        assertThat(longName.getStatusCode()).as(longName.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(longName).get("errors").get("dashboard.NAME").asText()).contains("At most 100");
        assertThat(longDescription.getStatusCode()).as(longDescription.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(longDescription).get("errors").get("dashboard.DESCRIPTION").asText()).contains("At most 1000");
        assertThat(longTitle.getStatusCode()).as(longTitle.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(longTitle).get("errors").get("dashboard.WIDGET_TITLE").asText()).contains("At most 100");
        List.of(longName, longDescription, longTitle).forEach(ApiTest::assertNoTrace);
        assertThat(api.get("/api/dashboards/" + slug).getBody()).as("the stored dashboard").isEqualTo(stored);
    }
}
