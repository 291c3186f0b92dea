package org.socketboard.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.github.mvysny.kaributesting.v23.VirtualListsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetConfig.ChartKind;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.RowTable;
import org.socketboard.dashboard.widget.ListWidget;
import org.socketboard.dashboard.widget.ValueCardWidget;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.testsupport.HostileStrings;
import org.socketboard.testsupport.TextOnly;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socketboard.dashboard.DashboardFixtures.unique;
import static org.socketboard.testsupport.HostileStrings.ALL;
import static org.socketboard.testsupport.HostileStrings.SHOWN;

/**
 * A feed that sends nothing but the hostile-strings corpus (as values and as a field name) into a
 * dashboard with every widget type and every chart kind, over a real loopback socket and the real
 * push path: every widget shows the texts as given, the charts receive them only as JSON data of
 * their fixed calls (apex-chart.ts escapes them where ApexCharts would write HTML; HostileFeedIT
 * checks that in Chromium), and nothing in the page carries markup.
 */
class HostileFeedWidgetsTest extends KaribuTest {

    static final String HOSTILE_TITLE = HostileStrings.IMG_ONERROR;
    static final String HOSTILE_SERIES = HostileStrings.SVG_ONLOAD;
    static final String HOSTILE_UNIT = HostileStrings.JAVASCRIPT_URL;
    static final String HOSTILE_AXIS = HostileStrings.LIT_TEMPLATE;

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    SocketServiceRepository services;

    private final ObjectMapper json = new ObjectMapper();

    private final List<PendingJavaScriptInvocation> invocations = new ArrayList<>();
    private final Function1<PendingJavaScriptInvocation, Unit> recorder = invocation -> {
        invocations.add(invocation);
        return Unit.INSTANCE;
    };
    private LoopbackWebSocketServer feed;
    private Dashboard dashboard;

    @BeforeEach
    void aDashboardOfEveryWidgetOnAHostileFeed() throws Exception {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(recorder);
        feed = LoopbackWebSocketServer.sendingOnOpen(json.writeValueAsString(HostileStrings.records()));
        var service = hostileService(feed.uri("/hostile").toString());
        var variable = fixtures.variable(unique("hostile"), service, null, true, InsertStrategy.ADD_LAST, 100);
        dashboard = dashboards.save(new Dashboard(HostileStrings.SCRIPT, unique("hostile"), HostileStrings.IFRAME));
        for (ChartKind kind : ChartKind.values()) {
            add(new Widget(WidgetType.CHART, HOSTILE_TITLE + kind, variable.getName(), 2, 1, WidgetConfig.chart(
                    new WidgetConfig.Chart(kind, WidgetConfig.XSource.CATEGORY, "/label",
                            List.of(new WidgetConfig.Series("/v", HOSTILE_SERIES),
                                    new WidgetConfig.Series("/" + HostileStrings.FIELD_NAME, null)),
                            HOSTILE_AXIS, HostileStrings.MUSTACHE_TEMPLATE, HOSTILE_UNIT))));
        }
        add(new Widget(WidgetType.GRID, HOSTILE_TITLE + "grid", variable.getName(), 2, 1, WidgetConfig.grid(List.of(
                new WidgetConfig.GridColumn("/label", HostileStrings.QUOTE_BREAKOUT, WidgetConfig.Format.TEXT),
                new WidgetConfig.GridColumn("/note", null, WidgetConfig.Format.TEXT)))));
        add(new Widget(WidgetType.LIST, HOSTILE_TITLE + "list", variable.getName(), 1, 1,
                WidgetConfig.list(new WidgetConfig.ListFields("/label", "/note", "/label"))));
        add(new Widget(WidgetType.VALUE, HOSTILE_TITLE + "value", variable.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/v", HOSTILE_UNIT, true, true))));
    }

    @AfterEach
    void stopTheFeed() throws Exception {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(recorder);
        feed.close();
    }

    private SocketService hostileService(String url) {
        var service = fixtures.tickerService(url);
        service.setDescription(HostileStrings.STYLE);
        service.setResponseFields(List.of(
                FieldMeta.leaf("label", "/label", FieldType.STRING, HostileStrings.IMG_ONERROR),
                FieldMeta.leaf("note", "/note", FieldType.STRING, HostileStrings.SCRIPT),
                FieldMeta.leaf("v", "/v", FieldType.INTEGER, "1"),
                FieldMeta.leaf(HostileStrings.FIELD_NAME, "/" + HostileStrings.FIELD_NAME, FieldType.INTEGER, "10")));
        return services.save(service);
    }

    private void add(Widget widget) {
        dashboard = dashboards.addWidget(dashboard.getSlug(), widget);
    }

    @Test
    void everyWidgetShowsTheHostileTextsAsTextAndNothingInThePageIsMarkup() {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var charts = _find(ChartWidget.class);
        var grid = _find(GridWidget.class).get(0);
        var list = _find(ListWidget.class).get(0).list();
        var value = _find(ValueCardWidget.class).get(0);
        assertThat(charts).hasSize(ChartKind.values().length);

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            MockVaadin.clientRoundtrip();
            return charts.stream().allMatch(chart -> chart.chart().getPointCount() == ALL.size())
                    && grid.rowCount() == ALL.size() && VirtualListsKt._size(list) == ALL.size()
                    && value.getElement().hasAttribute(ValueCardWidget.CHANGE_ATTRIBUTE);
        });

        assertThat(_find(DashboardWidget.class)).extracting(widget -> widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))
                .allSatisfy(title -> assertThat(title).startsWith(HOSTILE_TITLE));
        assertThat(TextOnly.textUnder(UI.getCurrent())).contains(HostileStrings.SCRIPT, HostileStrings.IFRAME)
                .contains(HOSTILE_TITLE + "grid", HOSTILE_UNIT);
        IntStream.range(0, ALL.size()).forEach(row -> {
            assertThat(grid.text(row, "/label")).isEqualTo(SHOWN.get(row));
            assertThat(grid.text(row, "/note")).isEqualTo(SHOWN.get(ALL.size() - 1 - row));
            assertThat(VirtualListsKt._getRowComponent(list, row).getElement().getTextRecursively())
                    .contains(SHOWN.get(row), SHOWN.get(ALL.size() - 1 - row)).doesNotContainPattern(HostileStrings.BIDI);
            TextOnly.assertNoMarkupUnder(VirtualListsKt._getRowComponent(list, row));
        });
        assertThat(grid.header("/label")).isEqualTo(HostileStrings.QUOTE_BREAKOUT);
        assertThat(value.getElement().getTextRecursively()).contains(HOSTILE_UNIT);
        assertThat(TextOnly.assertNoMarkupUnder(UI.getCurrent())).as("elements checked").isGreaterThan(100);
        chartsGotTheTextsAsDataOfFixedCalls(charts.stream().map(ChartWidget::chart).toList());
        theTableGotTheTextsAsDataOfFixedCalls(grid.table());
    }

    /**
     * The charts' calls carry the texts exactly as sent, as JSON strings among the arguments; the
     * expressions, the only part the browser runs, are the component's fixed function calls.
     */
    private void chartsGotTheTextsAsDataOfFixedCalls(List<ApexChart> charts) {
        List<String> chartTexts = new ArrayList<>();
        for (PendingJavaScriptInvocation invocation : invocations) {
            String expression = invocation.getInvocation().getExpression();
            assertThat(expression).as("a JavaScript expression the browser runs")
                    .doesNotContain(HostileStrings.PWNED_GLOBAL).doesNotContain(ALL).doesNotContain(HostileStrings.FIELD_NAME);
            List<Object> parameters = invocation.getInvocation().getParameters();
            if (!parameters.isEmpty() && charts.stream().anyMatch(chart -> chart.getElement() == parameters.get(0))) {
                assertThat(expression).matches("return \\$0\\.(setOptions|replaceAll|appendPoints|prependPoints)\\(\\$1(,\\$2)?\\)");
                parameters.stream().skip(1).flatMap(HostileFeedWidgetsTest::texts).forEach(chartTexts::add);
            }
        }
        assertThat(chartTexts).as("texts the charts received").containsAll(SHOWN)
                .noneMatch(text -> HostileStrings.BIDI.matcher(text).find())
                .contains(HOSTILE_SERIES, HostileStrings.FIELD_NAME, HOSTILE_AXIS, HostileStrings.MUSTACHE_TEMPLATE + " (" + HOSTILE_UNIT + ")");
    }

    /** The same for the grid's table: its headers and cells are data of its fixed calls, set as text in the browser. */
    private void theTableGotTheTextsAsDataOfFixedCalls(RowTable table) {
        List<String> tableTexts = new ArrayList<>();
        for (PendingJavaScriptInvocation invocation : invocations) {
            List<Object> parameters = invocation.getInvocation().getParameters();
            if (!parameters.isEmpty() && parameters.get(0) == table.getElement()) {
                assertThat(invocation.getInvocation().getExpression())
                        .matches("return \\$0\\.(setHeaders|replaceRows|appendRows|prependRows|updateRows)\\(\\$1(,\\$2)?\\)");
                parameters.stream().skip(1).flatMap(HostileFeedWidgetsTest::texts).forEach(tableTexts::add);
            }
        }
        assertThat(tableTexts).as("texts the table received").containsAll(SHOWN).contains(HostileStrings.QUOTE_BREAKOUT)
                .noneMatch(text -> HostileStrings.BIDI.matcher(text).find());
    }

    /** Every string in a call argument (a JSON tree or a plain value). */
    private static Stream<String> texts(Object argument) {
        if (argument instanceof JsonNode node) {
            if (node.isTextual()) {
                return Stream.of(node.textValue());
            }
            List<JsonNode> children = new ArrayList<>();
            node.elements().forEachRemaining(children::add);
            return children.stream().flatMap(HostileFeedWidgetsTest::texts);
        }
        if (argument instanceof Object[] array) {
            return Arrays.stream(array).flatMap(HostileFeedWidgetsTest::texts);
        }
        return argument instanceof String text ? Stream.of(text) : Stream.empty();
    }
}
