package org.socketboard.dashboard;

import org.socketboard.base.InvalidDefinitionException;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v23.VirtualListsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.base.Timestamps;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetConfig.Format;
import org.socketboard.dashboard.domain.WidgetConfig.ListField;
import org.socketboard.dashboard.domain.WidgetConfigConverter;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.ListWidget;
import org.socketboard.dashboard.widget.ValueCardWidget;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/**
 * Issue 13.5: a list shows a template of fields with labels; numbers show their decimals and unit;
 * times are shown in the viewer's time zone and locale, from the browser; a value card on a Refresh
 * variable draws its sparkline from a short history of its own.
 */
class WidgetTemplatesAndFormatsTest extends KaribuTest {

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    private Variable ticks;
    private Dashboard dashboard;

    @BeforeEach
    void aTickerVariableAndADashboard() {
        SocketService ticker = fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME&rate=20"));
        ticks = fixtures.variable(unique("ticks"), ticker, null, true, InsertStrategy.ADD_LAST, 20);
        dashboard = dashboards.save(new Dashboard("Formats", unique("formats"), null));
    }

    @Test
    void aListItemShowsTheTemplatesFieldsInOrderWithTheirLabelsDecimalsAndUnits() throws Exception {
        add(new Widget(WidgetType.LIST, "Template", ticks.getName(), 1, 1, WidgetConfig.list(WidgetConfig.ListFields.template(List.of(
                new ListField("/symbol", null, Format.TEXT, null, null),
                new ListField("/price", "Price", Format.NUMBER, 3, "USD"),
                new ListField("/volume", "Volume", Format.NUMBER, 0, null))))));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var list = widget(ListWidget.class, "Template").list();

        roundTripsUntil(() -> VirtualListsKt._size(list) > 0);

        Component item = VirtualListsKt._getRowComponent(list, 0);
        assertThat(classTexts(item, "sb-list-primary")).containsExactly("ACME");
        assertThat(classTexts(item, "sb-list-label")).containsExactly("Price", "Volume");
        assertThat(classTexts(item, "sb-list-value")).hasSize(3).satisfies(values -> {
            assertThat(values.get(1)).matches("[\\d,]+\\.\\d{3} USD");
            assertThat(values.get(2)).matches("[\\d,]+");
        });
    }

    @Test
    void aListDefinedBeforeTemplatesStillLoadsAndShowsItsPrimarySecondaryAndBadgeInOrder() {
        var old = new WidgetConfigConverter().convertToEntityAttribute(
                "{\"list\":{\"primary\":\"/symbol\",\"secondary\":\"/price\",\"badge\":\"/volume\"}}");

        assertThat(old.list().fields()).isNull();
        assertThat(old.list().shown()).extracting(ListField::path).containsExactly("/symbol", "/price", "/volume");
        assertThat(old.list().shown()).extracting(ListField::label).containsOnlyNulls();
    }

    @Test
    void gridTimesAreInTheBrowsersTimeZoneAndLocaleAndNumbersInTheColumnsDecimalsAndUnit() throws Exception {
        add(new Widget(WidgetType.GRID, "Ticks", ticks.getName(), 2, 1, WidgetConfig.grid(List.of(
                new WidgetConfig.GridColumn("/price", "Price", Format.NUMBER, 1, "USD"),
                new WidgetConfig.GridColumn("/ts", "Time", Format.TIME)))));
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        browserSays("Asia/Kolkata", Locale.GERMANY);

        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var grid = widget(GridWidget.class, "Ticks");
        roundTripsUntil(() -> grid.rowCount() > 0);

        var record = grid.record(0);
        String expected = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.GERMANY)
                .withZone(kolkata).format(Timestamps.read(record.get("ts")));
        assertThat(grid.text(0, "/ts")).isEqualTo(expected)
                .as("not the server's zone").isNotEqualTo(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(Locale.GERMANY).withZone(ZoneId.of("UTC")).format(Timestamps.read(record.get("ts"))));
        assertThat(grid.text(0, "/price")).as("German: comma before the decimal").matches("[\\d.]+,\\d USD");
    }

    @Test
    void aValueCardOnARefreshVariableKeepsAShortHistoryOfItsOwnForTheSparkline() throws Exception {
        SocketService ticker = fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME&rate=50"));
        Variable latest = fixtures.variable(unique("latest"), ticker, null, true, InsertStrategy.REFRESH, 1);
        add(new Widget(WidgetType.VALUE, "Now", latest.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", "USD", true, true, 1))));
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var card = widget(ValueCardWidget.class, "Now");

        roundTripsUntil(() -> card.sparkline().getPointCount() >= 3);

        assertThat(card.sparkline().getPointCount()).as("a line, not the single record of the snapshot")
                .isBetween(3, 30);
        assertThat(card.getElement().getAttribute(ValueCardWidget.VALUE_ATTRIBUTE)).isNotBlank();
        assertThat(_find(com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("sb-value")).get(0).getText())
                .as("one decimal and the unit").matches("[\\d,]+\\.\\d USD");
    }

    @Test
    void decimalsOutsideZeroToTenAreRefusedWithAFieldError() {
        var tooMany = new Widget(WidgetType.VALUE, "Too precise", ticks.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", null, false, false, 11)));

        assertThatThrownBy(() -> dashboards.addWidget(dashboard.getSlug(), tooMany))
                .isInstanceOf(InvalidDefinitionException.class)
                .satisfies(refused -> assertThat(((InvalidDefinitionException) refused).errors())
                        .containsEntry(DashboardField.WIDGET_FIELDS, "Decimals must be from 0 to 10, was 11"));
    }

    @Test
    void theWidgetDialogBuildsAListTemplateInTheOrderTheFieldsWereAdded() {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug() + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(_get(Select.class, spec -> spec.withId("widget-type")), WidgetType.LIST);
        _setValue(_get(TextField.class, spec -> spec.withId("widget-title")), "Scores");
        @SuppressWarnings("unchecked")
        ComboBox<Variable> variable = _get(ComboBox.class, spec -> spec.withId("widget-variable"));
        _setValue(variable, variable.getListDataView().getItems().filter(v -> v.getName().equals(ticks.getName()))
                .findFirst().orElseThrow());
        addTemplateRow("/price", "Price", 1, "USD");
        addTemplateRow("/symbol", "Symbol", null, "");

        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        var stored = dashboards.findBySlug(dashboard.getSlug()).orElseThrow().getWidgets().get(0).getConfig().list();
        assertThat(stored.fields()).containsExactly(new ListField("/price", "Price", Format.NUMBER, 1, "USD"),
                new ListField("/symbol", "Symbol", Format.TEXT, null, null));
    }

    @SuppressWarnings("unchecked")
    private static void addTemplateRow(String path, String label, Integer decimals, String unit) {
        _click(_get(Button.class, spec -> spec.withId("widget-list-fields-add")));
        int row = _find(ComboBox.class, spec -> spec.withClasses("template-field")).size() - 1;
        ComboBox<FieldMeta> field = _find(ComboBox.class, spec -> spec.withClasses("template-field")).get(row);
        _setValue(field, field.getListDataView().getItems().filter(meta -> meta.path().equals(path)).findFirst().orElseThrow());
        _setValue(_find(TextField.class, spec -> spec.withClasses("template-label")).get(row), label);
        // Decimals and unit are offered for numbers only.
        if (decimals != null || !unit.isEmpty()) {
            _setValue(_find(IntegerField.class, spec -> spec.withClasses("template-decimals")).get(row), decimals);
            _setValue(_find(TextField.class, spec -> spec.withClasses("template-unit")).get(row), unit);
        }
    }

    /** What the browser would report: its IANA zone (ExtendedClientDetails) and its Accept-Language. */
    private static void browserSays(String zone, Locale locale) throws Exception {
        Constructor<ExtendedClientDetails> constructor = ExtendedClientDetails.class.getDeclaredConstructor(
                String.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class);
        constructor.setAccessible(true);
        // The 11th argument is the time zone id; the others as a browser without them would send.
        String[] arguments = new String[16];
        arguments[10] = zone;
        UI.getCurrent().getInternals().setExtendedClientDetails(constructor.newInstance((Object[]) arguments));
        jakarta.servlet.ServletRequest request = VaadinServletRequest.getCurrent();
        while (request instanceof jakarta.servlet.ServletRequestWrapper wrapper) {
            request = wrapper.getRequest();
        }
        ((FakeRequest) request).setLocaleInt(locale);
    }

    private void add(Widget widget) {
        dashboard = dashboards.addWidget(dashboard.getSlug(), widget);
    }

    private static <T extends Component> T widget(Class<T> type, String title) {
        return _get(type, spec -> spec.withPredicate(widget ->
                title.equals(widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    private static List<String> classTexts(Component root, String className) {
        return root.getElement().getChildren().flatMap(child -> descendants(child)).filter(element ->
                element.getClassList().contains(className)).map(element -> element.getTextRecursively()).toList();
    }

    private static java.util.stream.Stream<com.vaadin.flow.dom.Element> descendants(com.vaadin.flow.dom.Element element) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(element),
                element.getChildren().flatMap(WidgetTemplatesAndFormatsTest::descendants));
    }

    private static void roundTripsUntil(BooleanSupplier done) {
        awaitPushed("shown", Duration.ofSeconds(10), done);
    }
}
