package org.socketboard.dashboard.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import elemental.json.Json;
import elemental.json.JsonArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardFixtures;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.transfer.ConflictAction;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.DashboardExporter;
import org.socketboard.dashboard.transfer.DashboardImporter;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.security.domain.Role;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/** Issue 13, parts 2 and 3: editing and duplicating widgets in place, and a layout made by hand. */
class ShapeADashboardTest extends KaribuTest {

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    DashboardExporter exporter;

    @Autowired
    DashboardImporter importer;

    private Variable ticks;
    private String slug;

    @BeforeEach
    void aDashboardWithAPriceChartOnTheTicker() {
        ticks = fixtures.variable(unique("ticks"), fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME&rate=20")),
                null, false, InsertStrategy.ADD_LAST, 50);
        slug = dashboards.save(new Dashboard("Shaping", unique("shaping"), null)).getSlug();
        dashboards.addWidget(slug, new Widget(WidgetType.CHART, "Price chart", ticks.getName(), 2, 1,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(new WidgetConfig.Series("/price", "Price")), "Time", null, "USD"))));
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<? extends Component> type, String id) {
        return (T) _get((Class<Component>) type, spec -> spec.withId(id));
    }

    private static ChartWidget chart(String title) {
        return _get(ChartWidget.class, spec -> spec.withPredicate(chart ->
                title.equals(chart.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    private static Set<String> paths(MultiSelectComboBox<FieldMeta> box) {
        return box.getValue().stream().map(FieldMeta::path).collect(Collectors.toSet());
    }

    /** The dialog shows the widget as stored; the title becomes "Price and volume" with a second series. */
    private static void checkPrefilledAndAddVolume(Variable ticks) {
        assertThat(_get(Dialog.class).getHeaderTitle()).isEqualTo("Edit Price chart");
        assertThat(((Select<WidgetType>) field(Select.class, "widget-type")).getValue()).isEqualTo(WidgetType.CHART);
        TextField title = field(TextField.class, "widget-title");
        assertThat(title.getValue()).isEqualTo("Price chart");
        assertThat(((ComboBox<Variable>) field(ComboBox.class, "widget-variable")).getValue().getName())
                .isEqualTo(ticks.getName());
        assertThat(((ComboBox<FieldMeta>) field(ComboBox.class, "widget-x-field")).getValue().path()).isEqualTo("/ts");
        MultiSelectComboBox<FieldMeta> series = field(MultiSelectComboBox.class, "widget-series");
        assertThat(paths(series)).containsExactly("/price");
        assertThat(((TextField) field(TextField.class, "widget-unit")).getValue()).isEqualTo("USD");

        _setValue(title, "Price and volume");
        _setValue(series, series.getListDataView().getItems()
                .filter(meta -> Set.of("/price", "/volume").contains(meta.path())).collect(Collectors.toSet()));
        _click(_get(Button.class, spec -> spec.withId("widget-save")));
        assertThat(_find(Dialog.class)).isEmpty();
    }

    private Widget storedOnly() {
        List<Widget> widgets = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        assertThat(widgets).hasSize(1);
        return widgets.get(0);
    }

    @Test
    void anEditorRowOpensTheWidgetDialogPrefilledAndSavingChangesTheStoredWidget() {
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        var row = _get(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row"));
        assertThat(_find(row, Button.class, spec -> spec.withId("widget-up"))).isEmpty();

        _click(_get(row, Button.class, spec -> spec.withId("widget-edit")));
        checkPrefilledAndAddVolume(ticks);

        Widget stored = storedOnly();
        assertThat(stored.getTitle()).isEqualTo("Price and volume");
        // The series it had keeps its legend name; the new one gets the field's.
        assertThat(stored.getConfig().chart().series()).extracting(WidgetConfig.Series::field, WidgetConfig.Series::name)
                .containsExactly(tuple("/price", "Price"),
                        tuple("/volume", "volume"));
        assertThat(stored.getConfig().chart().xAxisTitle()).isEqualTo("Time");
        assertThat(_get(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row"))
                .getElement().getAttribute("data-widget-title")).isEqualTo("Price and volume");
    }

    @Test
    void anEditOnTheDashboardIsSavedAndTheWidgetShowsItLiveAtOnce() throws InterruptedException {
        UI.getCurrent().navigate("dashboards/" + slug);
        ChartWidget before = chart("Price chart");
        assertThat(before.chart().getElement().getAttribute("data-series")).isEqualTo("1");

        _click(_get(before, Button.class, spec -> spec.withId("widget-edit")));
        checkPrefilledAndAddVolume(ticks);

        Widget stored = storedOnly();
        assertThat(stored.getTitle()).isEqualTo("Price and volume");
        assertThat(stored.getConfig().chart().series()).extracting(WidgetConfig.Series::field)
                .containsExactly("/price", "/volume");
        ChartWidget after = chart("Price and volume");
        assertThat(_find(ChartWidget.class)).containsExactly(after);
        assertThat(after.chart().getElement().getAttribute("data-series")).isEqualTo("2");
        awaitPushed("points on the edited chart", () -> after.chart().getPointCount() >= 2);
    }

    @Test
    void duplicatingOnTheDashboardAndInTheEditorAddsCopiesAtTheFirstFreePlace() {
        UI.getCurrent().navigate("dashboards/" + slug);
        _click(_get(chart("Price chart"), Button.class, spec -> spec.withId("widget-duplicate")));

        assertThat(_find(ChartWidget.class)).extracting(chart -> chart.getElement().getAttribute("data-widget-title"))
                .containsExactly("Price chart", "Price chart (copy)");
        List<Widget> stored = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        assertThat(GridLayout.of(stored)).containsExactly(new GridLayout.Placement(0, 0, 2, 1),
                new GridLayout.Placement(2, 0, 2, 1));
        assertThat(stored.get(1).getConfig()).isEqualTo(stored.get(0).getConfig());
        var grid = _get(DashboardGrid.class);
        assertThat(grid.placeOf(stored.get(1).getId())).contains(new GridLayout.Placement(2, 0, 2, 1));

        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        var row = _get(HorizontalLayout.class, spec -> spec.withClasses("sb-widget-row")
                .withAttribute("data-widget-title", "Price chart (copy)"));
        _click(_get(row, Button.class, spec -> spec.withId("widget-duplicate")));

        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets()).extracting(Widget::getTitle)
                .containsExactly("Price chart", "Price chart (copy)", "Price chart (copy) (copy)");
    }

    @Test
    void aLayoutMadeInTheBrowserIsStoredAndShownWhenTheDashboardIsOpenedAgain() {
        dashboards.addWidget(slug, DashboardFixtures.valueCard("Price", ticks.getName()));
        List<Widget> widgets = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        long chartId = widgets.get(0).getId();
        long cardId = widgets.get(1).getId();
        UI.getCurrent().navigate("dashboards/" + slug);
        var grid = _get(DashboardGrid.class);
        assertThat(grid.isEditable()).isTrue();

        // What dashboard-grid.ts sends after the card was dragged to the top left and the chart made taller.
        grid.layoutChanged(places(Map.of(cardId, new GridLayout.Placement(0, 0, 1, 1),
                chartId, new GridLayout.Placement(1, 0, 3, 3))));

        List<Widget> stored = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        assertThat(stored).extracting(Widget::getId).containsExactly(cardId, chartId);
        assertThat(GridLayout.of(stored)).containsExactly(new GridLayout.Placement(0, 0, 1, 1),
                new GridLayout.Placement(1, 0, 3, 3));

        UI.getCurrent().navigate("dashboards");
        UI.getCurrent().navigate("dashboards/" + slug);
        var reread = _get(DashboardGrid.class);
        assertThat(reread.placeOf(cardId)).contains(new GridLayout.Placement(0, 0, 1, 1));
        assertThat(reread.placeOf(chartId)).contains(new GridLayout.Placement(1, 0, 3, 3));
    }

    @Test
    void aLayoutThatSticksOutOrLeavesHolesIsSettledBeforeItIsStored() {
        dashboards.addWidget(slug, DashboardFixtures.valueCard("Price", ticks.getName()));
        List<Widget> widgets = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        UI.getCurrent().navigate("dashboards/" + slug);

        _get(DashboardGrid.class).layoutChanged(places(Map.of(
                widgets.get(0).getId(), new GridLayout.Placement(3, 0, 4, 1),   // 4 wide from column 3
                widgets.get(1).getId(), new GridLayout.Placement(0, 7, 1, 1))));  // far below, nothing above

        assertThat(GridLayout.of(dashboards.findBySlug(slug).orElseThrow().getWidgets()))
                .containsExactly(new GridLayout.Placement(0, 0, 4, 1), new GridLayout.Placement(0, 1, 1, 1));
        assertThat(_get(DashboardGrid.class).placeOf(widgets.get(1).getId()))
                .contains(new GridLayout.Placement(0, 1, 1, 1));
    }

    @Test
    void aViewerGetsAStaticGridWithoutWidgetMenusAndCannotChangeTheLayout() {
        Dashboard shared = dashboards.findBySlug(slug).orElseThrow();
        shared.setSharedWithRoles(List.of("VIEWER"));
        dashboards.save(shared);
        long chartId = shared.getWidgets().get(0).getId();
        loginAs("vera", Role.VIEWER);

        UI.getCurrent().navigate("dashboards/" + slug);

        var grid = _get(DashboardGrid.class);
        assertThat(grid.isEditable()).isFalse();
        assertThat(grid.getElement().hasAttribute("editable")).isFalse();
        assertThat(_find(Button.class, spec -> spec.withId("widget-edit"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("widget-duplicate"))).isEmpty();
        grid.layoutChanged(places(Map.of(chartId, new GridLayout.Placement(2, 0, 2, 2))));
        loginAs("admin", Role.ADMIN);
        assertThat(GridLayout.of(dashboards.findBySlug(slug).orElseThrow().getWidgets()))
                .containsExactly(new GridLayout.Placement(0, 0, 2, 1));
    }

    @Test
    void theExportCarriesTheLayoutAndAnImportKeepsIt() throws Exception {
        dashboards.addWidget(slug, DashboardFixtures.valueCard("Price", ticks.getName()));
        List<Widget> widgets = dashboards.findBySlug(slug).orElseThrow().getWidgets();
        dashboards.arrangeWidgets(slug, Map.of(widgets.get(1).getId(), new GridLayout.Placement(0, 0, 1, 2),
                widgets.get(0).getId(), new GridLayout.Placement(1, 0, 3, 1)));

        var json = new ObjectMapper();
        ObjectNode bundle = (ObjectNode) json.readTree(exporter.bundleJson(slug).orElseThrow());
        ArrayNode exported = (ArrayNode) bundle.path("dashboard").path("widgets");
        assertThat(exported.get(0).path("x").asInt()).isZero();
        assertThat(exported.get(1).path("x").asInt()).isEqualTo(1);
        String copy = unique("copy");
        ((ObjectNode) bundle.path("dashboard")).put("slug", copy).put("name", "Copy of shaping");
        // Its service and variable are here already: the copy uses them.
        importer.importBundle(importer.read(json.writeValueAsBytes(bundle)), ConflictResolutions.all(ConflictAction.SKIP));

        assertThat(GridLayout.of(dashboards.findBySlug(copy).orElseThrow().getWidgets()))
                .containsExactly(new GridLayout.Placement(0, 0, 1, 2), new GridLayout.Placement(1, 0, 3, 1));
    }

    @Test
    void aBundleFromBeforeLayoutsImportsWithItsWidgetsPlacedInTheirOrder() {
        String old = unique("old");
        String bundle = """
                {"format": 1, "services": [], "variables": [],
                 "dashboard": {"name": "Old", "slug": "%s",
                               "widgets": [{"type": "VALUE", "title": "A", "variable": "%s", "width": 2, "height": 2,
                                            "config": {"value": {"field": "/price"}}},
                                           {"type": "VALUE", "title": "B", "variable": "%s", "width": 4, "height": 1,
                                            "config": {"value": {"field": "/price"}}},
                                           {"type": "VALUE", "title": "C", "variable": "%s", "width": 1, "height": 1,
                                            "config": {"value": {"field": "/price"}}}]}}
                """.formatted(old, ticks.getName(), ticks.getName(), ticks.getName());

        importer.importBundle(importer.read(bundle.getBytes(StandardCharsets.UTF_8)), ConflictResolutions.none());

        List<Widget> imported = dashboards.findBySlug(old).orElseThrow().getWidgets();
        assertThat(imported).extracting(Widget::getTitle).containsExactly("A", "C", "B");
        assertThat(GridLayout.of(imported)).containsExactly(new GridLayout.Placement(0, 0, 2, 2),
                new GridLayout.Placement(2, 0, 1, 1), new GridLayout.Placement(0, 2, 4, 1));
    }

    private static JsonArray places(Map<Long, GridLayout.Placement> places) {
        JsonArray array = Json.createArray();
        places.forEach((id, place) -> array.set(array.length(), DashboardGrid.json(id, place)));
        return array;
    }
}
