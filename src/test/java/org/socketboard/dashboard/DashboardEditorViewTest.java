package org.socketboard.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

class DashboardEditorViewTest extends KaribuTest {

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    SocketServiceRepository services;

    private Variable ticker;
    private String slug;

    @BeforeEach
    void storeAVariableAndAnEmptyDashboard() {
        ticker = fixtures.variable(unique("ticker"), fixtures.tickerService(feedUrl("/feeds/ticker")), null, false);
        slug = dashboards.save(new Dashboard("Editing", unique("editing"), null)).getSlug();
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<? extends Component> type, String id) {
        return (T) _get((Class<Component>) type, spec -> spec.withId(id));
    }

    @Test
    void anAddedWidgetIsBoundToItsVariableWithFieldsFromTheDropdownsRendersAndCanBeRemoved() {
        addWidget(WidgetType.GRID, "Ticks", ticker);
        MultiSelectComboBox<FieldMeta> columns = field(MultiSelectComboBox.class, "widget-columns");
        // Offered: the service's record fields; picked: price and symbol, stored in record order.
        assertThat(columns.getListDataView().getItems().map(FieldMeta::path))
                .containsExactly("/symbol", "/price", "/volume", "/ts");
        _setValue(columns, columns.getListDataView().getItems()
                .filter(meta -> Set.of("/price", "/symbol").contains(meta.path())).collect(Collectors.toSet()));
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        assertThat(_find(Dialog.class)).isEmpty();
        Widget stored = dashboards.findBySlug(slug).orElseThrow().getWidgets().get(0);
        assertThat(stored.getType()).isEqualTo(WidgetType.GRID);
        assertThat(stored.getVariableName()).isEqualTo(ticker.getName());
        assertThat(stored.getConfig().columns()).extracting(WidgetConfig.GridColumn::path).containsExactly("/symbol", "/price");
        assertThat(stored.getConfig().columns()).extracting(WidgetConfig.GridColumn::format)
                .containsExactly(WidgetConfig.Format.TEXT, WidgetConfig.Format.NUMBER);

        UI.getCurrent().navigate("dashboards/" + slug);
        var rendered = _get(GridWidget.class);
        assertThat(rendered.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE)).isEqualTo("Ticks");
        assertThat(rendered.columnKeys()).containsExactly("/symbol", "/price");

        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        var row = _get(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row"));
        _click(_get(row, Button.class, spec -> spec.withId("widget-remove")));

        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets()).isEmpty();
        assertThat(_find(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row"))).isEmpty();
    }

    @Test
    void aWidgetWithoutTitleOrFieldsIsNotAddedAndTheDialogSaysWhy() {
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), WidgetType.VALUE);
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems().findFirst().orElseThrow());

        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        TextField title = field(TextField.class, "widget-title");
        assertThat(title.isInvalid()).isTrue();
        assertThat(title.getErrorMessage()).isEqualTo("Give the widget a title");
        assertThat(_get(Span.class, spec -> spec.withId("widget-fields-error")).getText())
                .isEqualTo("Choose the value field");
        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets()).isEmpty();
    }

    @Test
    void aChartOverAVariableWithATimestampFieldTakesItAsItsXAndAGridShowsItAsTime() {
        var service = fixtures.tickerService(feedUrl("/feeds/ticker"));
        service.setResponseFields(List.of(
                FieldMeta.leaf("s", "/s", FieldType.STRING, "BNBBTC"),
                FieldMeta.leaf("p", "/p", FieldType.NUMBER, "0.001"),
                FieldMeta.leaf("E", "/E", FieldType.TIMESTAMP, "1672515782136")));
        var trades = fixtures.variable(unique("trades"), services.save(service), null, false);
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));

        _setValue(field(TextField.class, "widget-title"), "Trades");
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(trades.getName())).findFirst().orElseThrow());

        ComboBox<FieldMeta> xField = field(ComboBox.class, "widget-x-field");
        assertThat(xField.getValue().path()).isEqualTo("/E");
        assertThat(xField.getItemLabelGenerator().apply(xField.getValue())).isEqualTo("/E · time");
        MultiSelectComboBox<FieldMeta> series = field(MultiSelectComboBox.class, "widget-series");
        assertThat(series.getListDataView().getItems().map(FieldMeta::path)).containsExactly("/p");
        _setValue(series, series.getListDataView().getItems().collect(Collectors.toSet()));
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        WidgetConfig.Chart chart = dashboards.findBySlug(slug).orElseThrow().getWidgets().get(0).getConfig().chart();
        assertThat(chart.x()).isEqualTo(WidgetConfig.XSource.TIMESTAMP);
        assertThat(chart.xField()).isEqualTo("/E");

        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), WidgetType.GRID);
        _setValue(field(TextField.class, "widget-title"), "Trade list");
        _setValue(variableBox = field(ComboBox.class, "widget-variable"), variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(trades.getName())).findFirst().orElseThrow());
        MultiSelectComboBox<FieldMeta> columns = field(MultiSelectComboBox.class, "widget-columns");
        _setValue(columns, columns.getListDataView().getItems().collect(Collectors.toSet()));
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets().get(1).getConfig().columns())
                .extracting(WidgetConfig.GridColumn::format)
                .containsExactly(WidgetConfig.Format.TEXT, WidgetConfig.Format.NUMBER, WidgetConfig.Format.TIME);
    }

    @Test
    void aFieldThatWasOnlyNullInTheSampleIsOfferedAsASeriesAndAValue() {
        var service = fixtures.tickerService(feedUrl("/feeds/ticker"));
        service.setResponseFields(List.of(
                FieldMeta.leaf("symbol", "/symbol", FieldType.STRING, "ACME"),
                FieldMeta.leaf("loss", "/loss", FieldType.NULL, "null"),
                FieldMeta.leaf("seq", "/seq", FieldType.INTEGER, "1")));
        var training = fixtures.variable(unique("training"), services.save(service), null, false);
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(training.getName())).findFirst().orElseThrow());

        MultiSelectComboBox<FieldMeta> series = field(MultiSelectComboBox.class, "widget-series");
        assertThat(series.getListDataView().getItems().map(FieldMeta::path)).containsExactly("/loss", "/seq");
        _setValue(field(Select.class, "widget-type"), WidgetType.VALUE);
        ComboBox<FieldMeta> value = field(ComboBox.class, "widget-value-field");
        assertThat(value.getListDataView().getItems().map(FieldMeta::path)).containsExactly("/loss", "/seq");
    }

    @Test
    void theDashboardAndWidgetTextFieldsStopAtTheLengthsTheServiceStores() {
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        TextField name = field(TextField.class, "dashboard-name");
        TextField slugField = field(TextField.class, "dashboard-slug");
        TextArea description = field(TextArea.class, "dashboard-description");
        assertThat(name.getMaxLength()).isEqualTo(Dashboard.MAX_NAME_LENGTH);
        assertThat(slugField.getMaxLength()).isEqualTo(Dashboard.MAX_SLUG_LENGTH);
        assertThat(description.getMaxLength()).isEqualTo(Dashboard.MAX_DESCRIPTION_LENGTH);

        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));

        TextField title = field(TextField.class, "widget-title");
        assertThat(title.getMaxLength()).isEqualTo(Widget.MAX_TITLE_LENGTH);
    }

    @Test
    void anUnsavedDashboardOffersNeitherViewNorDeleteUntilItIsSaved() {
        UI.getCurrent().navigate("dashboards/new");
        _assertNone(Button.class, spec -> spec.withId("dashboard-view"));
        _assertNone(Button.class, spec -> spec.withId("dashboard-delete"));

        String name = unique("Unsaved");
        _setValue(field(TextField.class, "dashboard-name"), name);
        _click(_get(Button.class, spec -> spec.withId("dashboard-save")));

        assertThat(_get(Button.class, spec -> spec.withId("dashboard-view")).isVisible()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("dashboard-delete")).isVisible()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("dashboard-view")));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("dashboards/" + name.toLowerCase().replace(' ', '-'));
    }

    @Test
    void aValueCardOnARecordWithOnlyOneNumberShowsThatNumberUnlessAnotherIsChosen() {
        var service = fixtures.tickerService(feedUrl("/feeds/ticker"));
        service.setResponseFields(List.of(
                FieldMeta.leaf("city", "/city", FieldType.STRING, "Oslo"),
                FieldMeta.leaf("temp", "/temp", FieldType.NUMBER, "4.5")));
        var weather = fixtures.variable(unique("weather"), services.save(service), null, false);
        addWidget(WidgetType.VALUE, "Temperature", weather);

        ComboBox<FieldMeta> value = field(ComboBox.class, "widget-value-field");
        assertThat(value.getValue()).extracting(FieldMeta::path).isEqualTo("/temp");
        _click(_get(Button.class, spec -> spec.withId("widget-save")));
        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets().get(0).getConfig().value().field())
                .isEqualTo("/temp");

        addWidget(WidgetType.VALUE, "Price", ticker);
        ComboBox<FieldMeta> tickerValue = field(ComboBox.class, "widget-value-field");
        assertThat(tickerValue.getValue()).as("price and volume: the user chooses").isNull();
    }

    @Test
    void aTableOffersDecimalsAndUnitOnlyForNumberColumnsAndForgetsItsMissingColumnErrorOnAPick() {
        addWidget(WidgetType.GRID, "Ticks", ticker);
        _click(_get(Button.class, spec -> spec.withId("widget-save")));
        MultiSelectComboBox<FieldMeta> columns = field(MultiSelectComboBox.class, "widget-columns");
        assertThat(columns.isInvalid()).as("said at the columns box").isTrue();
        assertThat(columns.getErrorMessage()).isEqualTo("Choose at least one column");
        Span error = _get(Span.class, spec -> spec.withId("widget-fields-error"));
        assertThat(error.getText()).as("not said twice").isEmpty();

        _setValue(columns, columns.getListDataView().getItems()
                .filter(meta -> Set.of("/symbol", "/price").contains(meta.path())).collect(Collectors.toSet()));

        assertThat(columns.isInvalid()).isFalse();
        var rows = _find(HorizontalLayout.class, spec -> spec.withClasses("widget-template-row"));
        assertThat(rows).hasSize(2);
        assertThat(_find(rows.get(0), IntegerField.class, spec -> spec.withClasses("template-decimals")))
                .as("/symbol is text").isEmpty();
        assertThat(_find(rows.get(0), TextField.class, spec -> spec.withClasses("template-unit"))).isEmpty();
        _setValue(_get(rows.get(1), IntegerField.class, spec -> spec.withClasses("template-decimals")), 1);
        _setValue(_get(rows.get(1), TextField.class, spec -> spec.withClasses("template-unit")), "USD");
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets().get(0).getConfig().columns())
                .containsExactly(new WidgetConfig.GridColumn("/symbol", "symbol", WidgetConfig.Format.TEXT),
                        new WidgetConfig.GridColumn("/price", "price", WidgetConfig.Format.NUMBER, 1, "USD"));
        var row = _get(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row"));
        assertThat(_find(row, Span.class)).extracting(Span::getText).as("in the dialog's word for the type")
                .contains("table of " + ticker.getName());
    }

    /** Opens the editor's widget dialog and gives the widget its type, title and variable. */
    private void addWidget(WidgetType type, String title, Variable on) {
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), type);
        _setValue(field(TextField.class, "widget-title"), title);
        choose(on);
    }

    private static void choose(Variable chosen) {
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(chosen.getName())).findFirst().orElseThrow());
    }

    @Test
    void aNewDashboardGetsASlugFromItsNameAndRefusesABadOneOnTheField() {
        UI.getCurrent().navigate("dashboards/new");
        String name = unique("Market Watch");
        _setValue(field(TextField.class, "dashboard-name"), name);
        TextField slugField = field(TextField.class, "dashboard-slug");
        assertThat(slugField.getValue()).isEqualTo(name.toLowerCase().replace(' ', '-'));

        _setValue(slugField, "Not A Slug");
        _click(_get(Button.class, spec -> spec.withId("dashboard-save")));
        assertThat(slugField.isInvalid()).isTrue();

        _setValue(slugField, name.toLowerCase().replace(' ', '-'));
        _click(_get(Button.class, spec -> spec.withId("dashboard-save")));
        assertThat(dashboards.findBySlug(slugField.getValue())).isPresent();
        assertThat(_get(Button.class, spec -> spec.withId("dashboard-add-widget")).isVisible()).isTrue();
    }
}
