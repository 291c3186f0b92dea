package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.variable.domain.MessageFilter;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.socketboard.api.Definitions.unique;

/** Message filters, array records and field display names through the REST API, there and back. */
class RecordsApiTest extends ApiTestBase {

    /** An array-shaped feed (channel, [time, price, amount]) with its first position named. */
    private String positionalService() {
        String name = unique("candles");
        var created = api.put("/api/services/" + name, """
                {"name": "%s", "url": "ws://localhost:%d/feeds/ticker",
                 "sampleResponse": "[17,[1700000000000,42.5,0.3]]", "recordPath": "/1",
                 "arrayRecords": true, "fieldNames": {"/0": "time", "/1": "price"}}
                """.formatted(name, port));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return name;
    }

    @Test
    void aServiceWithArrayRecordsAndDisplayNamesComesBackAsItWasSentAndItsFieldsCarryTheNames() {
        String service = positionalService();

        JsonNode read = api.tree(api.get("/api/services/" + service));

        assertThat(read.get("arrayRecords").asBoolean()).isTrue();
        assertThat(read.get("fieldNames").get("/0").asText()).isEqualTo("time");
        assertThat(read.get("fieldNames").get("/1").asText()).isEqualTo("price");
        assertThat(services.find(service).orElseThrow().getResponseFields())
                .extracting(FieldMeta::path, FieldMeta::label)
                .containsExactly(tuple("/0", "time"), tuple("/1", "price"), tuple("/2", "2"));
    }

    @Test
    void aVariableWithAMessageFilterAndItsOwnArrayChoiceRoundTrips() {
        String service = positionalService();
        String name = unique("trades");
        String definition = """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "strategy": "ADD_LAST", "dataLimit": 50,
                 "arrayRecords": false,
                 "messageFilter": {"mode": "DROP", "match": "ANY", "conditions": [
                   {"field": "/1", "operator": "EQUALS", "value": "hb"},
                   {"field": "/event", "operator": "MATCHES", "value": "^(info|subscribed)$"},
                   {"field": "/code", "operator": "EXISTS"}]}}
                """.formatted(name, service);

        var created = api.put("/api/variables/" + name, definition);
        var replaced = api.put("/api/variables/" + name, api.tree(created).toString());
        JsonNode read = api.tree(api.get("/api/variables/" + name));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.get("arrayRecords").asBoolean(true)).isFalse();
        assertThat(read.at("/messageFilter/mode").asText()).isEqualTo("DROP");
        assertThat(read.at("/messageFilter/conditions")).extracting(JsonNode::toString).containsExactly(
                "{\"field\":\"/1\",\"operator\":\"EQUALS\",\"value\":\"hb\"}",
                "{\"field\":\"/event\",\"operator\":\"MATCHES\",\"value\":\"^(info|subscribed)$\"}",
                "{\"field\":\"/code\",\"operator\":\"EXISTS\",\"value\":null}");
        var stored = variables.findByName(name).orElseThrow();
        assertThat(stored.getMessageFilter().conditions()).hasSize(3);
        assertThat(stored.getMessageFilter().mode()).isEqualTo(MessageFilter.Mode.DROP);
        assertThat(stored.effectiveArrayRecords()).as("its own choice beats the service's").isFalse();
    }

    @Test
    void aVariableLeftWithoutFilterOrArrayChoiceHasNoneAndFollowsItsService() {
        String service = positionalService();
        String name = unique("plain");

        var created = api.put("/api/variables/" + name, """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "strategy": "REFRESH", "dataLimit": 5}
                """.formatted(name, service));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(api.tree(created).get("arrayRecords").isNull()).isTrue();
        assertThat(api.tree(created).at("/messageFilter/conditions").size()).isZero();
        assertThat(variables.findByName(name).orElseThrow().effectiveArrayRecords()).isTrue();
    }

    @Test
    void aFilterWithABadPatternIsRefusedFieldByFieldAndNothingIsStored() {
        String service = positionalService();
        String name = unique("refused");

        var response = api.put("/api/variables/" + name, """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "strategy": "ADD_LAST", "dataLimit": 5,
                 "messageFilter": {"mode": "KEEP", "match": "ALL", "conditions": [
                   {"field": "/type", "operator": "MATCHES", "value": "(x+x+)+y\\\\1"}]}}
                """.formatted(name, service));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.tree(response).get("errors").get("MESSAGE_FILTER").asText())
                .startsWith("Condition 1: the pattern").doesNotContain("re2j").doesNotContain("Exception");
        assertThat(variables.findByName(name)).isEmpty();
    }

    @Test
    void aBundleCarriesTheFilterTheArrayChoiceAndTheDisplayNamesThroughExportDeleteAndImport() {
        String service = positionalService();
        String variable = unique("trades");
        String slug = unique("trades");
        api.put("/api/variables/" + variable, """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "strategy": "ADD_LAST", "dataLimit": 50,
                 "arrayRecords": true,
                 "messageFilter": {"mode": "KEEP", "match": "ALL", "conditions": [
                   {"field": "/1", "operator": "NOT_EQUALS", "value": "hb"}]}}
                """.formatted(variable, service));
        var created = api.put("/api/dashboards/" + slug, """
                {"name": "Trades %s", "slug": "%s", "widgets": [
                  {"type": "GRID", "title": "Trades", "variable": "%s", "width": 2, "height": 2,
                   "config": {"columns": [{"path": "/0", "header": "time", "format": "TIME"},
                                          {"path": "/1", "header": "price", "format": "NUMBER"}]}}]}
                """.formatted(slug, slug, variable));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String exported = api.get("/api/dashboards/" + slug + "/export").getBody();
        JsonNode bundle = api.tree(exported);
        assertThat(bundle.at("/services/0/arrayRecords").asBoolean()).isTrue();
        assertThat(bundle.at("/services/0/fieldNames/~10").asText()).isEqualTo("time");
        assertThat(bundle.at("/variables/0/messageFilter/conditions/0/field").asText()).isEqualTo("/1");
        assertThat(bundle.at("/variables/0/arrayRecords").asBoolean()).isTrue();

        api.delete("/api/dashboards/" + slug);
        api.delete("/api/variables/" + variable);
        api.delete("/api/services/" + service);
        var imported = api.post("/api/dashboards/import", exported);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(api.tree(api.get("/api/dashboards/" + slug + "/export").getBody())).isEqualTo(bundle);
        assertThat(services.find(service).orElseThrow().getResponseFields()).extracting(FieldMeta::label)
                .containsExactly("time", "price", "2");
        assertThat(variables.findByName(variable).orElseThrow().getMessageFilter().mode()).isEqualTo(MessageFilter.Mode.KEEP);
    }
}
