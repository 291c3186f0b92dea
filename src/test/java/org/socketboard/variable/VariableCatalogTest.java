package org.socketboard.variable;

import org.socketboard.base.InvalidDefinitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceInUseException;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.MessageFilter.Condition;
import org.socketboard.variable.domain.MessageFilter.Match;
import org.socketboard.variable.domain.MessageFilter.Mode;
import org.socketboard.variable.domain.MessageFilter.Operator;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.socketboard.testsupport.SignedInAs;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("database")
// Changes go through method security: these tests act as an admin.
@SignedInAs
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VariableCatalogTest {

    @Autowired
    VariableCatalog catalog;

    @Autowired
    ServiceCatalog services;

    private SocketService ticker;

    @BeforeEach
    void storeAService() {
        ticker = new VariableFixtures(services, 8080).feed("/feeds/ticker/{market}", null, List.of(
                new ServiceParam("market", ParamLocation.PATH, FieldType.STRING, null, true, false),
                new ServiceParam("X-Api-Key", ParamLocation.HEADER, FieldType.STRING, "", false, true)));
    }

    private Variable valid(String name) {
        var variable = new Variable();
        variable.setName(name);
        variable.setService(ticker);
        variable.setScope(VariableScope.APPLICATION);
        variable.setStrategy(InsertStrategy.ADD_LAST);
        variable.setDataLimit(100);
        variable.setParamValues(Map.of("market", "crypto"));
        variable.setRequestBody("{\"action\":\"subscribe\"}");
        variable.setSendOnOpen(List.of("{\"auth\":\"k\"}", "SUBSCRIBE BTC"));
        return variable;
    }

    private void assertRefused(Consumer<Variable> breakIt, VariableField field, String message) {
        String name = "refused " + System.nanoTime();
        Variable variable = valid(name);
        breakIt.accept(variable);

        var refusal = catchThrowableOfType(InvalidDefinitionException.class, () -> catalog.save(variable));

        assertThat(refusal.errors()).containsOnlyKeys(field);
        assertThat(refusal.errors().get(field)).contains(message);
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void aValidVariableIsStoredWithEverySettingAndTimestamps() {
        var saved = catalog.save(valid("prices"));

        var found = catalog.findByName("PRICES").orElseThrow();
        assertThat(found.getId()).isEqualTo(saved.getId());
        assertThat(found.getService().getName()).isEqualTo(ticker.getName());
        assertThat(found.getParamValues()).containsEntry("market", "crypto");
        assertThat(found.getSendOnOpen()).containsExactly("{\"auth\":\"k\"}", "SUBSCRIBE BTC");
        assertThat(found.isReconnectEnabled()).isTrue();
        assertThat(found.getCreatedAt()).isNotNull();
        assertThat(services.variablesUsing(ticker.getName().toUpperCase())).containsExactly("prices");
    }

    @Test
    void aMissingNameIsRefused() {
        assertRefused(v -> v.setName("  "), VariableField.NAME, "Give the variable a name");
    }

    @Test
    void aNameWithASlashIsRefusedBecauseItBecomesPartOfAnAddress() {
        assertRefused(v -> v.setName("a/b"), VariableField.NAME, "Use letters, digits");
    }

    @Test
    void aNameTakenInTheSameNamespaceIsRefusedIgnoringCase() {
        catalog.save(valid("Quotes"));

        assertRefused(v -> v.setName("quotes"), VariableField.NAME, "already called 'quotes'");
    }

    @Test
    void theSameNameMayBeUsedByVariablesOfDifferentDashboards() {
        var first = valid("feed");
        first.setScope(VariableScope.DASHBOARD);
        first.setDashboardId(1L);
        var second = valid("feed");
        second.setScope(VariableScope.DASHBOARD);
        second.setDashboardId(2L);

        catalog.save(first);
        catalog.save(second);

        assertThat(catalog.list()).filteredOn(v -> v.getName().equals("feed")).hasSize(2);
    }

    @Test
    void aVariableWithoutAServiceIsRefused() {
        assertRefused(v -> v.setService(null), VariableField.SERVICE, "Choose the service");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertRefused(v -> v.setDataLimit(-1), VariableField.DATA_LIMIT, "cannot be negative");
    }

    @Test
    void aLimitOverTheServerCapIsRefused() {
        assertRefused(v -> v.setDataLimit(catalog.settings().maxRecords() + 1), VariableField.DATA_LIMIT,
                "at most " + catalog.settings().maxRecords());
    }

    @Test
    void aRequestBodyThatIsNotJsonIsRefusedWithWhereItBroke() {
        assertRefused(v -> v.setRequestBody("{\"action\": subscribe}"), VariableField.REQUEST_BODY,
                "not valid JSON");
        assertRefused(v -> v.setRequestBody("{\"action\": subscribe}"), VariableField.REQUEST_BODY,
                "line 1, column");
    }

    @Test
    void aSendOnOpenMessageThatLooksLikeJsonMustBeJson() {
        assertRefused(v -> v.setSendOnOpen(List.of("{\"auth\":\"k\"}", "{\"subscribe\": [1,}")),
                VariableField.SEND_ON_OPEN, "Message 2 to send on open: Invalid JSON at line 1");
    }

    @Test
    void anEmptySendOnOpenMessageIsRefused() {
        assertRefused(v -> v.setSendOnOpen(List.of(" ")), VariableField.SEND_ON_OPEN, "Message 1 to send on open is empty");
    }

    @Test
    void aRequiredParameterWithoutValueOrDefaultIsRefused() {
        assertRefused(v -> v.setParamValues(Map.of()), VariableField.PARAMS, "required parameter 'market'");
    }

    @Test
    void upsertWithoutAKeyIsRefused() {
        assertRefused(v -> v.setStrategy(InsertStrategy.UPSERT), VariableField.UPSERT_KEY, "needs the key field");
    }

    @Test
    void anUpsertKeyThatIsNotAJsonPointerIsRefused() {
        assertRefused(v -> {
            v.setStrategy(InsertStrategy.UPSERT);
            v.setUpsertKey("symbol");
        }, VariableField.UPSERT_KEY, "not a JSON Pointer");
    }

    @Test
    void aRecordPathThatIsNotAJsonPointerIsRefused() {
        assertRefused(v -> v.setRecordPathOverride("data.items"), VariableField.RECORD_PATH, "not a JSON Pointer");
    }

    @Test
    void aLongestReconnectDelayShorterThanTheFirstIsRefused() {
        assertRefused(v -> {
            v.setReconnectInitialDelayMs(5_000);
            v.setReconnectMaxDelayMs(1_000);
        }, VariableField.RECONNECT, "cannot be shorter than the first");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        var variable = valid("many faults");
        variable.setDataLimit(-5);
        variable.setRequestBody("{");
        variable.setService(null);

        assertThatThrownBy(() -> catalog.save(variable))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, refusal -> assertThat(refusal.errors())
                        .containsOnlyKeys(VariableField.SERVICE, VariableField.DATA_LIMIT, VariableField.REQUEST_BODY));
    }

    @Test
    void aDeletedVariableIsGone() {
        var saved = catalog.save(valid("short lived"));

        catalog.delete(saved.getId());

        assertThat(catalog.find(saved.getId())).isEmpty();
    }

    @Test
    void aServiceThatAVariableUsesCannotBeDeletedUntilTheVariableIsGone() {
        var saved = catalog.save(valid("keeps its service"));

        assertThatThrownBy(() -> services.delete(ticker.getName()))
                .isInstanceOfSatisfying(ServiceInUseException.class,
                        refusal -> assertThat(refusal.variables()).containsExactly("keeps its service"));
        assertThat(services.find(ticker.getName())).isPresent();

        catalog.delete(saved.getId());
        services.delete(ticker.getName());

        assertThat(services.find(ticker.getName())).isEmpty();
    }

    @Test
    void aServiceThatAVariableUsesCannotBeRenamed() {
        catalog.save(valid("pins the name"));
        var renamed = services.find(ticker.getName()).orElseThrow();
        renamed.setName(ticker.getName() + "-renamed");

        assertThatThrownBy(() -> services.save(renamed)).isInstanceOf(ServiceInUseException.class);
    }

    // ---- message filter and array records -----------------------------------------------------------

    private static MessageFilter dropWhen(Condition... conditions) {
        return new MessageFilter(Mode.DROP, Match.ANY, List.of(conditions));
    }

    @Test
    void aMessageFilterAndTheArrayRecordsChoiceAreStoredAndReadBack() {
        String name = VariableFixtures.uniqueName("filtered");
        var variable = valid(name);
        var filter = new MessageFilter(Mode.KEEP, Match.ALL, List.of(new Condition("/type", Operator.EQUALS, "ticker"),
                new Condition("/1", Operator.NOT_EQUALS, "hb"), new Condition("/seq", Operator.EXISTS, null),
                new Condition("/symbol", Operator.MATCHES, "^(BTC|ETH)")));
        variable.setMessageFilter(filter);
        variable.setArrayRecords(true);

        catalog.save(variable);

        var found = catalog.findByName(name).orElseThrow();
        assertThat(found.getMessageFilter()).isEqualTo(filter);
        assertThat(found.getArrayRecords()).isTrue();
    }

    @Test
    void withoutItsOwnChoiceAVariableReadsArraysAsItsServiceDoes() {
        var variable = catalog.save(valid(VariableFixtures.uniqueName("follows")));

        assertThat(variable.getArrayRecords()).isNull();
        assertThat(variable.effectiveArrayRecords()).isEqualTo(ticker.isArrayRecords()).isFalse();
        assertThat(variable.getMessageFilter()).isEqualTo(MessageFilter.NONE);
    }

    @Test
    void aFilterFieldThatIsNotAJsonPointerIsRefusedNamingTheCondition() {
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/type", Operator.EQUALS, "hb"),
                new Condition("type", Operator.EQUALS, "heartbeat"))), VariableField.MESSAGE_FILTER,
                "Condition 2: the field 'type' is not a JSON Pointer");
    }

    @Test
    void aConditionWithoutAFieldIsRefused() {
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition(" ", Operator.EXISTS, null))),
                VariableField.MESSAGE_FILTER, "Condition 1: give the field to test");
    }

    @Test
    void aPatternThatDoesNotCompileIsRefusedWithItsText() {
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/s", Operator.MATCHES, "([a-z]+"))),
                VariableField.MESSAGE_FILTER, "the pattern '([a-z]+' is not a regular expression");
    }

    @Test
    void aPatternThatCouldBacktrackForEverIsRefused() {
        // Back-references and look-around are what make a pattern's run time explode; RE2 reads neither.
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/s", Operator.MATCHES, "^(a+)\\1$"))),
                VariableField.MESSAGE_FILTER, "back-references and look-around are not supported");
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/s", Operator.MATCHES, "(?=a)a"))),
                VariableField.MESSAGE_FILTER, "not a regular expression");
    }

    @Test
    void anOverlongPatternOrAnEmptyOneIsRefused() {
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/s", Operator.MATCHES, "a".repeat(501)))),
                VariableField.MESSAGE_FILTER, "longer than 500 characters");
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/s", Operator.MATCHES, ""))),
                VariableField.MESSAGE_FILTER, "give the pattern");
    }

    @Test
    void aConditionWithoutAnOperatorIsRefused() {
        assertRefused(v -> v.setMessageFilter(dropWhen(new Condition("/type", null, "hb"))),
                VariableField.MESSAGE_FILTER, "choose how to test the field /type");
    }
}
