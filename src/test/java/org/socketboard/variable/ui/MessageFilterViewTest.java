package org.socketboard.variable.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.MessageFilter.Condition;
import org.socketboard.variable.domain.MessageFilter.Match;
import org.socketboard.variable.domain.MessageFilter.Mode;
import org.socketboard.variable.domain.MessageFilter.Operator;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message filter as an editor uses it: added in the variable form, saved, and counted in the
 * inspector (with the messages skipped for having nothing at the record path) against the app's own
 * ticker feed, which sends ACME, GLOBEX, INITECH and UMBRELLA ticks in turn.
 */
class MessageFilterViewTest extends KaribuTest {

    @Autowired
    VariableCatalog catalog;

    @Autowired
    ServiceCatalog services;

    private SocketService ticker;

    @BeforeEach
    void aTickerService() {
        ticker = new VariableFixtures(services, port).feed("/feeds/ticker?rate=20");
        UI.getCurrent().navigate("variables/new");
    }

    private static <T extends Component> T byId(Class<T> type, String id) {
        return _get(type, spec -> spec.withId(id));
    }

    private String fillValid() {
        String name = VariableFixtures.uniqueName("filtered");
        _setValue(byId(TextField.class, "variable-name"), name);
        ComboBoxKt.selectByLabel(byId(ComboBox.class, "variable-service"), ticker.getName());
        _setValue(byId(Select.class, "variable-scope"), VariableScope.APPLICATION);
        _setValue(byId(Select.class, "variable-strategy"), InsertStrategy.REFRESH);
        _setValue(byId(IntegerField.class, "variable-limit"), 50);
        return name;
    }

    /** Adds a condition row and fills it in, as a person would. */
    @SuppressWarnings("unchecked")
    private static void addCondition(String field, Operator operator, String value) {
        _click(byId(Button.class, "variable-filter-add"));
        int row = _find(TextField.class, spec -> spec.withClasses("filter-field")).size() - 1;
        _setValue(_find(TextField.class, spec -> spec.withClasses("filter-field")).get(row), field);
        _setValue(_find(Select.class, spec -> spec.withClasses("filter-operator")).get(row), operator);
        if (value != null) {
            _setValue(_find(TextField.class, spec -> spec.withClasses("filter-value")).get(row), value);
        }
    }

    private static long counter(String id) {
        return Long.parseLong(byId(Span.class, id).getText());
    }


    @Test
    void anEditorAddsAFilterAndTheInspectorCountsWhatItFilteredOutAndWhatCarriedNoRecords() throws InterruptedException {
        String name = fillValid();
        // The ticks have no /data: those the filter lets through carry no records and are skipped.
        _setValue(byId(TextField.class, "variable-record-path"), "/data");
        _setValue(byId(Select.class, "variable-filter-mode"), Mode.DROP);
        addCondition("/symbol", Operator.EQUALS, "ACME");
        addCondition("/symbol", Operator.MATCHES, "^GLOB");
        _setValue(byId(Select.class, "variable-filter-match"), Match.ANY);

        _click(byId(Button.class, "variable-save"));

        Variable saved = catalog.findByName(name).orElseThrow();
        assertThat(saved.getMessageFilter()).isEqualTo(new MessageFilter(Mode.DROP, Match.ANY, List.of(
                new Condition("/symbol", Operator.EQUALS, "ACME"), new Condition("/symbol", Operator.MATCHES, "^GLOB"))));

        _click(byId(Button.class, "variable-open"));
        awaitPushed("filtered and skipped messages",
                () -> counter("variable-filtered-out") >= 2 && counter("variable-skipped") >= 2);
        assertThat(counter("variable-messages")).isGreaterThanOrEqualTo(4);
        assertThat(GridKt._size(byId(Grid.class, "variable-preview"))).as("nothing reached the dataset").isZero();
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aKeepFilterLetsOnlyItsMessagesThrough() throws InterruptedException {
        String name = fillValid();
        _setValue(byId(Select.class, "variable-filter-mode"), Mode.KEEP);
        addCondition("/symbol", Operator.EQUALS, "INITECH");
        _click(byId(Button.class, "variable-save"));
        assertThat(catalog.findByName(name)).isPresent();

        _click(byId(Button.class, "variable-open"));
        awaitPushed("a kept tick and filtered ones",
                () -> counter("variable-filtered-out") >= 3 && GridKt._size(byId(Grid.class, "variable-preview")) == 1);
        assertThat(GridKt._getFormatted(byId(Grid.class, "variable-preview"), 0, "/symbol")).isEqualTo("INITECH");
        assertThat(counter("variable-skipped")).isZero();
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aBadPatternOrPointerIsShownNextToTheFilterAndNothingIsStored() {
        String name = fillValid();
        addCondition("/type", Operator.EQUALS, "heartbeat");
        addCondition("/s", Operator.MATCHES, "(a)\\1");

        _click(byId(Button.class, "variable-save"));

        var filter = byId(MessageFilterEditor.class, "variable-filter");
        assertThat(filter.isInvalid()).isTrue();
        assertThat(filter.getErrorMessage()).startsWith("Condition 2: ").contains("(a)\\1").doesNotContain("re2j");
        assertThat(catalog.findByName(name)).isEmpty();

        _setValue(_find(TextField.class, spec -> spec.withClasses("filter-field")).get(0), "type");
        _setValue(_find(TextField.class, spec -> spec.withClasses("filter-value")).get(1), "^a+$");
        _click(byId(Button.class, "variable-save"));

        assertThat(filter.getErrorMessage()).startsWith("Condition 1: ").contains("not a JSON Pointer");
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void theArrayRecordsChoiceIsSavedAndEmptyMeansAsTheServiceSays() {
        String name = fillValid();
        @SuppressWarnings("unchecked")
        Select<Boolean> arrays = byId(Select.class, "variable-array-records");
        assertThat(arrays.getValue()).isNull();
        assertThat(arrays.getEmptySelectionCaption()).isEqualTo("As the service says: each element is a record");

        _setValue(arrays, true);
        _click(byId(Button.class, "variable-save"));

        Variable saved = catalog.findByName(name).orElseThrow();
        assertThat(saved.getArrayRecords()).isTrue();
        assertThat(saved.effectiveArrayRecords()).isTrue();
    }
}
