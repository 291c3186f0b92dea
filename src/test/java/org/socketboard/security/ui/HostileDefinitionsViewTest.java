package org.socketboard.security.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.domain.WidgetConfig.ChartKind;
import org.socketboard.dashboard.domain.WidgetConfig.XSource;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.testsupport.HostileStrings;
import org.socketboard.testsupport.TextOnly;
import org.socketboard.variable.domain.Variable;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile text typed into every definition field, and a sample whose field names and values are
 * hostile, as an admin would do it in the views: the service (name, URL parameter, description, the
 * sample captured by Test connection), the variable (name, request body), the dashboard (name,
 * description) and its widgets (titles, axis titles, unit, series named after hostile fields). Every
 * view that shows them afterwards shows them as text and holds no markup.
 */
class HostileDefinitionsViewTest extends KaribuTest {

    private static final String HOSTILE_FIELD = "<svg data-sb-pwned onload=window.__pwned='field'>";
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private final ObjectMapper json = new ObjectMapper();
    private LoopbackWebSocketServer feed;

    @BeforeEach
    void aFeedWhoseFirstMessageIsHostile() throws Exception {
        feed = LoopbackWebSocketServer.sendingOnOpen(json.writeValueAsString(Map.of(
                "label", HostileStrings.IMG_ONERROR, "note", HostileStrings.DIRECTION_MARKS, HOSTILE_FIELD, 7)));
    }

    @AfterEach
    void stopTheFeed() throws Exception {
        feed.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T byId(Class<? extends Component> type, String id) {
        return (T) _get((Class<Component>) type, spec -> spec.withId(id));
    }

    private static void type(String id, String text) {
        _setValue(byId(TextField.class, id), text);
    }

    private static void click(String id) {
        _click(byId(Button.class, id));
    }

    @Test
    void hostileTextTypedIntoEveryDefinitionFieldShowsAsTextInEveryView() {
        String service = importTheServiceWithHostileTexts();
        String variable = createTheVariableWithHostileTexts(service);
        String slug = buildTheDashboardWithHostileTexts(variable);

        UI.getCurrent().navigate("dashboards/" + slug);
        String shown = TextOnly.textUnder(UI.getCurrent());
        assertThat(shown).contains(HostileStrings.SCRIPT, HostileStrings.IFRAME, HostileStrings.IMG_ONERROR, HostileStrings.QUOTE_BREAKOUT);
        assertThat(_find(DashboardWidget.class)).extracting(widget -> widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))
                .containsExactly(HostileStrings.IMG_ONERROR, HostileStrings.QUOTE_BREAKOUT);
        var options = _get(ChartWidget.class).chart().getOptions();
        assertThat(options.at("/series/0/name").textValue()).isEqualTo(HOSTILE_FIELD);
        assertThat(options.at("/xaxis/title/text").textValue()).isEqualTo(HostileStrings.LIT_TEMPLATE);
        assertThat(options.at("/yaxis/title/text").textValue())
                .isEqualTo(HostileStrings.MUSTACHE_TEMPLATE + " (" + HostileStrings.JAVASCRIPT_URL + ")");
        assertThat(TextOnly.assertNoMarkupUnder(UI.getCurrent())).as("elements checked").isGreaterThan(20);
    }

    /** Returns the service's name; a hostile name is refused next to the field first. */
    private String importTheServiceWithHostileTexts() {
        UI.getCurrent().navigate("services/new");
        type("service-name", HostileStrings.SCRIPT);
        type("service-url", feed.uri("/hostile?q=1").toString());
        type("service-description", HostileStrings.STYLE);
        _setValue(_get(TextField.class, spec -> spec.withLabel("Default value")), HostileStrings.ATTRIBUTE_BREAKOUT);
        click("service-save");
        TextField name = byId(TextField.class, "service-name");
        assertThat(name.isInvalid()).as("a service name with markup is refused").isTrue();
        TextOnly.assertNoMarkupUnder(UI.getCurrent());

        String valid = "hostile-" + RUN;
        type("service-name", valid);
        click("service-test");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            MockVaadin.clientRoundtrip();
            return ((TextArea) byId(TextArea.class, "service-sample-response")).getValue().contains("label");
        });
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        click("service-save");

        UI.getCurrent().navigate("services/" + valid);
        assertThat(((TextField) byId(TextField.class, "service-description")).getValue()).isEqualTo(HostileStrings.STYLE);
        assertThat(_get(TextField.class, spec -> spec.withLabel("Default value")).getValue())
                .isEqualTo(HostileStrings.ATTRIBUTE_BREAKOUT);
        Grid<FieldMeta> fields = byId(Grid.class, "service-fields");
        assertThat(GridKt._findAll(fields)).extracting(FieldMeta::name).contains(HOSTILE_FIELD);
        assertThat(GridKt._findAll(fields)).extracting(FieldMeta::example)
                .contains(HostileStrings.IMG_ONERROR, HostileStrings.DIRECTION_MARKS);
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        UI.getCurrent().navigate("services");
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        return valid;
    }

    /** Returns the variable's name; a hostile name is refused next to the field first. */
    private String createTheVariableWithHostileTexts(String service) {
        UI.getCurrent().navigate("variables/new");
        type("variable-name", HostileStrings.SCRIPT);
        ComboBox<Object> services = byId(ComboBox.class, "variable-service");
        _setValue(services, services.getListDataView().getItems()
                .filter(candidate -> services.getItemLabelGenerator().apply(candidate).contains(service))
                .findFirst().orElseThrow());
        _setValue(byId(TextArea.class, "variable-request-body"),
                "{\"hostile\": " + quoted(HostileStrings.QUOTE_BREAKOUT) + "}");
        click("variable-save");
        assertThat(((TextField) byId(TextField.class, "variable-name")).isInvalid()).as("a variable name with markup is refused").isTrue();
        TextOnly.assertNoMarkupUnder(UI.getCurrent());

        String valid = "hostile " + RUN;
        type("variable-name", valid);
        click("variable-save");
        UI.getCurrent().navigate("variables/" + valid);
        assertThat(((TextArea) byId(TextArea.class, "variable-request-body")).getValue()).contains(quoted(HostileStrings.QUOTE_BREAKOUT));
        click("variable-open");
        Grid<?> preview = byId(Grid.class, "variable-preview");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            MockVaadin.clientRoundtrip();
            return GridKt._size(preview) > 0;
        });
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        click("variable-close");
        UI.getCurrent().navigate("variables");
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        return valid;
    }

    private String quoted(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the dashboard's slug. */
    private String buildTheDashboardWithHostileTexts(String variable) {
        UI.getCurrent().navigate("dashboards/new");
        type("dashboard-name", HostileStrings.SCRIPT);
        String slug = "hostile-" + RUN;
        type("dashboard-slug", slug);
        _setValue(byId(TextArea.class, "dashboard-description"), HostileStrings.IFRAME);
        click("dashboard-save");

        click("dashboard-add-widget");
        _setValue(byId(Select.class, "widget-type"), WidgetType.CHART);
        type("widget-title", HostileStrings.IMG_ONERROR);
        chooseVariable(variable);
        _setValue(byId(Select.class, "widget-chart-kind"), ChartKind.BAR);
        _setValue(byId(Select.class, "widget-x-source"), XSource.CATEGORY);
        ComboBox<FieldMeta> xField = byId(ComboBox.class, "widget-x-field");
        _setValue(xField, xField.getListDataView().getItems().filter(field -> field.path().equals("/label")).findFirst().orElseThrow());
        MultiSelectComboBox<FieldMeta> series = byId(MultiSelectComboBox.class, "widget-series");
        _setValue(series, Set.of(series.getListDataView().getItems()
                .filter(field -> field.name().equals(HOSTILE_FIELD)).findFirst().orElseThrow()));
        type("widget-x-title", HostileStrings.LIT_TEMPLATE);
        type("widget-y-title", HostileStrings.MUSTACHE_TEMPLATE);
        type("widget-unit", HostileStrings.JAVASCRIPT_URL);
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        click("widget-save");

        click("dashboard-add-widget");
        _setValue(byId(Select.class, "widget-type"), WidgetType.VALUE);
        type("widget-title", HostileStrings.QUOTE_BREAKOUT);
        chooseVariable(variable);
        ComboBox<FieldMeta> value = byId(ComboBox.class, "widget-value-field");
        _setValue(value, value.getListDataView().getItems().findFirst().orElseThrow());
        type("widget-unit", HostileStrings.JAVASCRIPT_URL);
        click("widget-save");
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        UI.getCurrent().navigate("dashboards");
        TextOnly.assertNoMarkupUnder(UI.getCurrent());
        return slug;
    }

    private static void chooseVariable(String name) {
        ComboBox<Variable> variables = byId(ComboBox.class, "widget-variable");
        _setValue(variables, variables.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(name)).findFirst().orElseThrow());
    }
}
