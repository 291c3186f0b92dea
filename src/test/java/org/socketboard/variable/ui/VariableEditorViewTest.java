package org.socketboard.variable.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.ui.SecretField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceValidator;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class VariableEditorViewTest extends KaribuTest {

    @Autowired
    VariableCatalog catalog;

    @Autowired
    SecretCipher cipher;

    @Autowired
    ServiceCatalog services;

    private SocketService subscribeFeed;

    @BeforeEach
    void aServiceWithASampleRequestParametersAndFields() {
        subscribeFeed = new VariableFixtures(services, port).feed("/feeds/subscribe",
                "{\"action\":\"subscribe\",\"symbols\":[\"ACME\"]}",
                List.of(new ServiceParam("rate", ParamLocation.QUERY, FieldType.INTEGER, "2", false, false),
                        new ServiceParam("token", ParamLocation.HEADER, FieldType.STRING, null, true, true)));
        UI.getCurrent().navigate("variables/new");
    }

    private static <T extends com.vaadin.flow.component.Component> T field(Class<T> type, String id) {
        return _get(type, spec -> spec.withId(id));
    }

    /** Fills a valid definition; each test then breaks one thing or saves. */
    private String fillValid() {
        String name = VariableFixtures.uniqueName("edited");
        _setValue(field(TextField.class, "variable-name"), name);
        ComboBoxKt.selectByLabel(field(ComboBox.class, "variable-service"), subscribeFeed.getName());
        _setValue(field(Select.class, "variable-scope"), VariableScope.APPLICATION);
        _setValue(field(Select.class, "variable-strategy"), InsertStrategy.ADD_LAST);
        _setValue(field(IntegerField.class, "variable-limit"), 50);
        _setValue(field(SecretField.class, "variable-param-token"), "s3cret");
        return name;
    }

    @Test
    void pickingAServicePrefillsTheRequestBodyAndItsFieldInputsEditTheJson() {
        fillValid();

        var body = field(TextArea.class, "variable-request-body");
        assertThat(body.getValue()).contains("\"action\" : \"subscribe\"").contains("ACME");
        var action = field(TextField.class, "variable-body-action");
        assertThat(action.getValue()).isEqualTo("subscribe");

        _setValue(action, "unsubscribe");

        assertThat(body.getValue()).contains("\"action\" : \"unsubscribe\"").contains("ACME");
        assertThat(field(SecretField.class, "variable-param-token").isRequiredIndicatorVisible()).isTrue();
        assertThat(field(TextField.class, "variable-param-rate").getPlaceholder()).isEqualTo("2");
    }

    @Test
    void everyFieldIsSavedAndTheListShowsTheNewVariable() {
        String name = fillValid();
        _setValue(field(Checkbox.class, "variable-connect-on-load"), false);
        _setValue(field(Select.class, "variable-strategy"), InsertStrategy.UPSERT);
        _setValue(field(TextField.class, "variable-upsert-key"), "/symbol");
        _setValue(field(TextField.class, "variable-param-rate"), "20");
        _setValue(field(TextArea.class, "variable-send-on-open"), "{\"action\":\"subscribe\",\"symbols\":[\"GLOBEX\"]}\nhello");
        _setValue(field(TextField.class, "variable-record-path"), "/data");
        _setValue(field(IntegerField.class, "variable-reconnect-max-attempts"), 5);

        _click(field(Button.class, "variable-save"));

        Variable saved = catalog.findByName(name).orElseThrow();
        assertThat(saved.getService().getId()).isEqualTo(subscribeFeed.getId());
        assertThat(saved.getStrategy()).isEqualTo(InsertStrategy.UPSERT);
        assertThat(saved.getUpsertKey()).isEqualTo("/symbol");
        assertThat(saved.getDataLimit()).isEqualTo(50);
        assertThat(saved.getParamValues()).containsEntry("rate", "20");
        assertThat(cipher.reveal(saved.getParamValues().get("token"))).as("stored encrypted").isEqualTo("s3cret");
        assertThat(saved.getSendOnOpen()).containsExactly("{\"action\":\"subscribe\",\"symbols\":[\"GLOBEX\"]}", "hello");
        assertThat(saved.getRecordPathOverride()).isEqualTo("/data");
        assertThat(saved.isReconnectEnabled()).isTrue();
        assertThat(saved.getReconnectMaxAttempts()).isEqualTo(5);
        assertThat(saved.getRequestBody()).contains("subscribe");
        assertThat(field(com.vaadin.flow.component.Component.class, "variable-inspector")).isNotNull();

        UI.getCurrent().navigate("variables");
        Grid<Variable> list = field(Grid.class, "variable-list");
        assertThat(GridKt._size(list)).isGreaterThan(0);
        assertThat(GridKt._findAll(list)).extracting(Variable::getName).contains(name);
    }

    @Test
    void theTextFieldsStopAtTheLengthsTheCatalogStores() {
        fillValid();

        assertThat(field(TextField.class, "variable-name").getMaxLength()).isEqualTo(Variable.MAX_NAME_LENGTH);
        assertThat(field(TextField.class, "variable-record-path").getMaxLength()).isEqualTo(VariableCatalog.MAX_POINTER_LENGTH);
        assertThat(field(TextArea.class, "variable-request-body").getMaxLength()).isEqualTo(VariableCatalog.MAX_REQUEST_BODY_LENGTH);
        assertThat(field(TextArea.class, "variable-send-on-open").getMaxLength()).isEqualTo(VariableCatalog.MAX_SEND_ON_OPEN_LENGTH);
        assertThat(field(TextField.class, "variable-param-rate").getMaxLength()).isEqualTo(ServiceValidator.MAX_PARAM_VALUE_LENGTH);
    }

    @Test
    void aNegativeLimitIsAFieldErrorAndNothingIsSaved() {
        String name = fillValid();
        var limit = field(IntegerField.class, "variable-limit");
        _setValue(limit, -1);

        _click(field(Button.class, "variable-save"));

        assertThat(limit.isInvalid()).isTrue();
        assertThat(limit.getErrorMessage()).contains("cannot be negative");
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void aLimitOverTheServerCapIsAFieldError() {
        String name = fillValid();
        var limit = field(IntegerField.class, "variable-limit");
        _setValue(limit, catalog.settings().maxRecords() + 1);

        _click(field(Button.class, "variable-save"));

        assertThat(limit.isInvalid()).isTrue();
        assertThat(limit.getErrorMessage()).contains("at most " + catalog.settings().maxRecords());
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void aRequestBodyThatIsNotJsonIsAFieldErrorWithTheReason() {
        String name = fillValid();
        var body = field(TextArea.class, "variable-request-body");
        _setValue(body, "{\"action\": subscribe}");

        _click(field(Button.class, "variable-save"));

        assertThat(body.isInvalid()).isTrue();
        assertThat(body.getErrorMessage()).contains("not valid JSON").contains("line 1");
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void aMissingRequiredParameterAndAMissingNameAreShownTogether() {
        fillValid();
        _setValue(field(TextField.class, "variable-name"), "");
        _setValue(field(SecretField.class, "variable-param-token"), "");

        _click(field(Button.class, "variable-save"));

        assertThat(field(TextField.class, "variable-name").getErrorMessage()).contains("Give the variable a name");
        assertThat(field(com.vaadin.flow.component.html.Span.class, "variable-params-error").getText())
                .contains("required parameter 'token'");
    }

    @Test
    void savingOverAVersionSomeoneElseChangedMeanwhileSaysSoAndKeepsTheirs() {
        String name = fillValid();
        _click(field(Button.class, "variable-save"));
        UI.getCurrent().navigate("variables/" + name);
        Variable theirs = catalog.findByName(name).orElseThrow();
        theirs.setDataLimit(60);
        catalog.save(theirs);

        _setValue(field(IntegerField.class, "variable-limit"), 70);
        _click(field(Button.class, "variable-save"));

        assertThat(NotificationsKt.getNotifications()).extracting(n -> n.getElement().getProperty("text", ""))
                .anyMatch(text -> text.contains("changed this variable meanwhile") && text.contains("reload"));
        assertThat(catalog.findByName(name).orElseThrow().getDataLimit()).isEqualTo(60);
    }
}
