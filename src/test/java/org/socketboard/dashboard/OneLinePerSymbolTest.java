package org.socketboard.dashboard;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.ListWidget;
import org.socketboard.dashboard.widget.ValueCardWidget;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/** Issue 13.4: a chart split by the ticker symbol, and value cards, lists and grids filtered to one symbol. */
class OneLinePerSymbolTest extends KaribuTest {

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    private Variable threeSymbols;
    private Dashboard dashboard;

    @BeforeEach
    void aTickerOfThreeSymbolsInOneStream() {
        threeSymbols = fixtures.variable(unique("ticks"),
                fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME,GLOBEX,INITECH&rate=30")),
                null, false, InsertStrategy.ADD_LAST, 60);
        dashboard = dashboards.save(new Dashboard("Symbols", unique("symbols"), null));
    }

    private void add(Widget widget) {
        dashboard = dashboards.addWidget(dashboard.getSlug(), widget);
    }

    private static Widget priceChart(String title, String variable) {
        return new Widget(WidgetType.CHART, title, variable, 2, 1, WidgetConfig.chart(new WidgetConfig.Chart(
                WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP, "/ts",
                List.of(new WidgetConfig.Series("/price", "Price")), null, null, "USD", "/symbol")));
    }

    private static <T extends Component> T widget(Class<T> type, String title) {
        return _get(type, spec -> spec.withPredicate(widget ->
                title.equals(widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    private static WidgetConfig.Filter globex() {
        return new WidgetConfig.Filter("/symbol", "GLOBEX");
    }

    private static int series(ChartWidget chart) {
        return Integer.parseInt(chart.chart().getElement().getAttribute("data-series"));
    }

    @Test
    void aChartSplitByTheSymbolDrawsOneLinePerSymbolNamedByIt() throws InterruptedException {
        add(priceChart("Prices", threeSymbols.getName()));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var chart = widget(ChartWidget.class, "Prices");

        awaitPushed("three lines with points", () -> series(chart) == 3 && chart.chart().getPointCount() >= 6);

        assertThat(chart.chart().getOptions().path("series").findValuesAsText("name"))
                .containsExactlyInAnyOrder("ACME", "GLOBEX", "INITECH");
        assertThat(chart.chart().getOptions().path("sbSkipGaps").asBoolean()).isTrue();
        assertThat(chart.leftOutNote().isVisible()).isFalse();
    }

    @Test
    void aSymbolHasTheSameColourInEveryChartSplitByIt() throws InterruptedException {
        add(priceChart("Prices", threeSymbols.getName()));
        add(priceChart("Prices again", threeSymbols.getName()));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var first = widget(ChartWidget.class, "Prices");
        var second = widget(ChartWidget.class, "Prices again");

        awaitPushed("three lines in each chart", () -> series(first) == 3 && series(second) == 3);

        Map<String, String> colours = coloursBySeries(first);
        assertThat(coloursBySeries(second)).isEqualTo(colours);
        assertThat(Set.copyOf(colours.values())).as("one colour per line").hasSize(3);
    }

    private static Map<String, String> coloursBySeries(ChartWidget chart) {
        var colours = new TreeMap<String, String>();
        chart.chart().getOptions().path("series").forEach(serie -> colours.put(serie.path("name").asText(), serie.path("color").asText()));
        return colours;
    }

    @Test
    void beyondTenSymbolsTheChartDrawsTenLinesAndSaysHowManyItLeftOut() throws InterruptedException {
        String symbols = IntStream.rangeClosed(1, 12).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        Variable twelve = fixtures.variable(unique("twelve"),
                fixtures.tickerService(feedUrl("/feeds/ticker?symbols=" + symbols + "&rate=50")),
                null, false, InsertStrategy.ADD_LAST, 100);
        add(priceChart("Twelve", twelve.getName()));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var chart = widget(ChartWidget.class, "Twelve");

        awaitPushed("the notice of two symbols left out", () -> chart.leftOutNote().isVisible()
                && chart.leftOutNote().getText().startsWith("2 "));

        assertThat(series(chart)).isEqualTo(WidgetConfig.Chart.MAX_SPLIT_SERIES);
        assertThat(chart.leftOutNote().getText()).isEqualTo("2 more symbol values not drawn: a chart draws at most 10 lines");
        // The records of the symbols left out have no point, and are not counted as points without a time.
        assertThat(chart.feed().recordsWithoutTime()).isZero();
    }

    @Test
    void aValueCardAListAndAGridFilteredToOneSymbolShowOnlyItsTicksAndTheChangeComparesItWithItself()
            throws InterruptedException {
        String name = threeSymbols.getName();
        add(new Widget(WidgetType.VALUE, "GLOBEX price", name, 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", "USD", true, true)).filtered(globex())));
        add(new Widget(WidgetType.LIST, "GLOBEX ticks", name, 1, 1,
                WidgetConfig.list(new WidgetConfig.ListFields("/symbol", "/ts", "/price")).filtered(globex())));
        add(new Widget(WidgetType.GRID, "GLOBEX grid", name, 2, 1, WidgetConfig.grid(List.of(
                new WidgetConfig.GridColumn("/symbol", "Symbol", WidgetConfig.Format.TEXT),
                new WidgetConfig.GridColumn("/price", "Price", WidgetConfig.Format.TEXT))).filtered(globex())));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var card = widget(ValueCardWidget.class, "GLOBEX price");
        var list = widget(ListWidget.class, "GLOBEX ticks");
        var grid = widget(GridWidget.class, "GLOBEX grid");

        awaitPushed("three GLOBEX ticks", () -> list.items().size() >= 3
                && card.getElement().hasAttribute(ValueCardWidget.CHANGE_ATTRIBUTE));
        MockVaadin.clientRoundtrip();

        assertThat(list.items()).extracting(row -> row.at("/symbol").asText()).containsOnly("GLOBEX");
        int rows = grid.rowCount();
        assertThat(rows).isEqualTo(list.items().size());
        assertThat(IntStream.range(0, rows).mapToObj(row -> grid.text(row, "/symbol")))
                .containsOnly("GLOBEX");
        // The card shows a GLOBEX price and its change from GLOBEX's price before it, no other symbol's.
        // (Widgets take their flushes one by one, so the card may be a tick behind or ahead of the list.)
        List<Double> prices = list.items().stream().map(row -> row.at("/price").asDouble()).toList();
        double shown = Double.parseDouble(card.getElement().getAttribute(ValueCardWidget.VALUE_ATTRIBUTE));
        double change = Double.parseDouble(card.getElement().getAttribute(ValueCardWidget.CHANGE_ATTRIBUTE));
        assertThat(IntStream.range(1, prices.size())
                .filter(i -> prices.get(i) == shown && Math.abs(prices.get(i) - prices.get(i - 1) - change) < 1e-9))
                .as("a GLOBEX tick of %s shown with its change %s; GLOBEX prices %s", shown, change, prices)
                .isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<? extends Component> type, String id) {
        return (T) _get((Class<Component>) type, spec -> spec.withId(id));
    }

    @Test
    void theWidgetDialogStoresTheSplitOfAChartAndTheFilterOfAValueCard() {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug() + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(TextField.class, "widget-title"), "By symbol");
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(threeSymbols.getName())).findFirst().orElseThrow());
        ComboBox<FieldMeta> xField = field(ComboBox.class, "widget-x-field");
        _setValue(xField, xField.getListDataView().getItems().filter(meta -> meta.path().equals("/ts"))
                .findFirst().orElseThrow());
        MultiSelectComboBox<FieldMeta> series = field(MultiSelectComboBox.class, "widget-series");
        _setValue(series, series.getListDataView().getItems().filter(meta -> meta.path().equals("/price"))
                .collect(Collectors.toSet()));
        ComboBox<FieldMeta> splitBy = field(ComboBox.class, "widget-split-by");
        _setValue(splitBy, splitBy.getListDataView().getItems().filter(meta -> meta.path().equals("/symbol"))
                .findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("widget-save")));
        assertThat(_find(Dialog.class)).isEmpty();

        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), WidgetType.VALUE);
        _setValue(field(TextField.class, "widget-title"), "ACME");
        variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(threeSymbols.getName())).findFirst().orElseThrow());
        ComboBox<FieldMeta> value = field(ComboBox.class, "widget-value-field");
        _setValue(value, value.getListDataView().getItems().filter(meta -> meta.path().equals("/price"))
                .findFirst().orElseThrow());
        ComboBox<FieldMeta> filterField = field(ComboBox.class, "widget-filter-field");
        _setValue(filterField, filterField.getListDataView().getItems().filter(meta -> meta.path().equals("/symbol"))
                .findFirst().orElseThrow());
        _setValue(field(TextField.class, "widget-filter-value"), " ACME ");
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        List<Widget> stored = dashboards.findBySlug(dashboard.getSlug()).orElseThrow().getWidgets();
        assertThat(stored.get(0).getConfig().chart().splitBy()).isEqualTo("/symbol");
        assertThat(stored.get(1).getConfig().filter()).isEqualTo(new WidgetConfig.Filter("/symbol", "ACME"));
    }

    @Test
    void aFilterWithoutAValueIsRefusedOnTheDialog() {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug() + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), WidgetType.VALUE);
        _setValue(field(TextField.class, "widget-title"), "Filtered");
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(threeSymbols.getName())).findFirst().orElseThrow());
        ComboBox<FieldMeta> value = field(ComboBox.class, "widget-value-field");
        _setValue(value, value.getListDataView().getItems().filter(meta -> meta.path().equals("/price"))
                .findFirst().orElseThrow());
        ComboBox<FieldMeta> filterField = field(ComboBox.class, "widget-filter-field");
        _setValue(filterField, filterField.getListDataView().getItems().filter(meta -> meta.path().equals("/symbol"))
                .findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("widget-fields-error")).getText())
                .isEqualTo("Give the value the filter keeps, e.g. ACME");
        assertThat(dashboards.findBySlug(dashboard.getSlug()).orElseThrow().getWidgets()).isEmpty();
    }
}
