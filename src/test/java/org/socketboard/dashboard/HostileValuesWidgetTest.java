package org.socketboard.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.BrowserChartModel;
import org.socketboard.dashboard.chart.JsCallRecorder;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetConfig.ChartKind;
import org.socketboard.dashboard.domain.WidgetConfig.XSource;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartFeed;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.ListWidget;
import org.socketboard.dashboard.widget.ValueCardWidget;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/**
 * Every value a feed can send, into every widget type: what goes to the browser is finite, in range
 * and short enough to draw, and records without a chartable time are counted, never plotted at "now".
 */
class HostileValuesWidgetTest extends KaribuTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The records below whose time no chart can show. */
    private static final int WITHOUT_TIME = 12;

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    VariableRegistry registry;

    private final Map<String, JsCallRecorder> recorders = new HashMap<>();

    @AfterEach
    void stopRecording() {
        recorders.values().forEach(JsCallRecorder::close);
    }

    /** Twelve records without a time a chart can show, then five with one in five different forms. */
    private static List<JsonNode> hostileRecords() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        Object[][] noTime = {
                {1e308, 5}, {-1e308, ""}, {-5, "-Infinity"}, {"Infinity", Double.POSITIVE_INFINITY},
                {"NaN", Double.NaN}, {"10000-01-01T00:00:00Z", new BigInteger("123456789012345678901234567890")},
                {"", JSON.readTree("{\"a\": 1}")}, {JSON.readTree("{\"a\": 1}"), JSON.readTree("[1]")},
                {JSON.readTree("[1]"), -0.0}, {null, null}, {1e20, "1e400"}, {Double.NaN, Long.MIN_VALUE}};
        for (Object[] values : noTime) {
            records.add(record(values[0], values[1], 1, "S" + records.size()));
        }
        records.add(record(1_700_000_000_000_000L, 0.1 + 0.2, "NaN", "x".repeat(10_000)));
        records.add(record("1700000001000000000", 0.3, JSON.readTree("{\"n\": 1}"), ""));
        records.add(record(1_700_000_002L, "Infinity", Double.MIN_VALUE, JSON.readTree("{\"o\": 1}")));
        records.add(record(1_700_000_003_000L, 1e308, -1e308, "<b>x</b>"));
        records.add(record("Tue, 14 Nov 2023 22:13:24 GMT", -1e308, "", "B"));
        return records;
    }

    private static JsonNode record(Object ts, Object price, Object volume, Object symbol) {
        ObjectNode record = NODES.objectNode();
        record.set("ts", node(ts));
        record.set("price", node(price));
        record.set("volume", node(volume));
        record.set("symbol", node(symbol));
        return record;
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof JsonNode json) {
            return json;
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        } else if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        return NODES.numberNode(((Number) value).longValue());
    }

    @Test
    void hostileValuesReachEveryWidgetTypeAsSomethingTheBrowserCanDraw() throws Exception {
        Variable variable = fixtures.variable(unique("hostile"), 
                // Silent until subscribed: viewing opens the variable, and only the records below arrive.
                fixtures.tickerService(feedUrl("/feeds/subscribe")), null, false);
        Dashboard dashboard = dashboards.save(new Dashboard("Hostile", unique("hostile"), null));
        List<WidgetConfig.Series> priceAndVolume = List.of(new WidgetConfig.Series("/price", "Price"),
                new WidgetConfig.Series("/volume", "Volume"));
        for (var chart : List.of(
                chart("By time", ChartKind.LINE, XSource.TIMESTAMP, "/ts", priceAndVolume),
                chart("By symbol", ChartKind.BAR, XSource.CATEGORY, "/symbol", priceAndVolume),
                chart("By index", ChartKind.AREA, XSource.INDEX, null, priceAndVolume),
                chart("Shares", ChartKind.PIE, XSource.CATEGORY, "/symbol", priceAndVolume.subList(0, 1)))) {
            dashboard = dashboards.addWidget(dashboard.getSlug(), new Widget(WidgetType.CHART, chart.getKey(),
                    variable.getName(), 2, 1, WidgetConfig.chart(chart.getValue())));
        }
        dashboard = dashboards.addWidget(dashboard.getSlug(), new Widget(WidgetType.GRID, "Grid", variable.getName(), 2, 1,
                WidgetConfig.grid(List.of(new WidgetConfig.GridColumn("/ts", "Time", WidgetConfig.Format.TIME),
                        new WidgetConfig.GridColumn("/price", "Price", WidgetConfig.Format.NUMBER),
                        new WidgetConfig.GridColumn("/volume", "Volume", WidgetConfig.Format.NUMBER),
                        new WidgetConfig.GridColumn("/symbol", "Symbol", WidgetConfig.Format.TEXT)))));
        dashboard = dashboards.addWidget(dashboard.getSlug(), new Widget(WidgetType.LIST, "List", variable.getName(), 1, 1,
                WidgetConfig.list(new WidgetConfig.ListFields("/symbol", "/ts", "/price"))));
        dashboard = dashboards.addWidget(dashboard.getSlug(), new Widget(WidgetType.VALUE, "Value", variable.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", null, true, true))));

        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        for (String title : List.of("By time", "By symbol", "By index", "Shares")) {
            recorders.put(title, JsCallRecorder.of(widget(ChartWidget.class, title).chart()));
        }
        var value = widget(ValueCardWidget.class, "Value");
        recorders.put("Sparkline", JsCallRecorder.of(value.sparkline()));
        MockVaadin.clientRoundtrip();

        List<JsonNode> records = hostileRecords();
        registry.running(variable.getId()).orElseThrow().dataset().accept(records);
        var byTime = widget(ChartWidget.class, "By time");
        roundTripsUntil(() -> byTime.feed().recordsWithoutTime() == WITHOUT_TIME
                && widget(ListWidget.class, "List").items().size() == records.size());

        Map<String, BrowserChartModel> browsers = new HashMap<>();
        recorders.forEach((title, recorder) -> {
            var browser = new BrowserChartModel();
            for (JsCallRecorder.Call call : recorder.drain()) {
                call.arguments().forEach(argument -> assertDrawable(title + " " + call.function(), argument));
                browser.replay(call);
            }
            browsers.put(title, browser);
        });

        // Five forms of one time a second apart: mixed units plot in order, nothing at "now".
        long first = 1_700_000_000_000L;
        assertThat(browsers.get("By time").xs()).extracting(JsonNode::asLong)
                .containsExactly(first, first + 1000, first + 2000, first + 3000, first + 4000);
        assertThat(browsers.get("By time").ys(0)).extracting(JsonNode::toString)
                .containsExactly("0.3", "0.3", "null", "null", "null");
        assertThat(byTime.chart().getElement().getAttribute(ApexChart.POINTS_ATTRIBUTE)).isEqualTo("5");
        assertThat(byTime.chart().getElement().getAttribute(ChartFeed.WITHOUT_TIME_ATTRIBUTE)).isEqualTo("12");
        assertThat(byTime.withoutTimeNote().isVisible()).isTrue();
        assertThat(byTime.withoutTimeNote().getText()).isEqualTo("12 points without a readable time");
        for (String title : List.of("By symbol", "By index", "Shares", "Sparkline")) {
            assertThat(browsers.get(title).xs()).as(title).hasSize(records.size());
        }
        assertThat(widget(ChartWidget.class, "By symbol").withoutTimeNote().isVisible()).isFalse();

        var grid = widget(GridWidget.class, "Grid");
        assertThat(grid.rowCount()).isEqualTo(records.size());
        for (int row = 0; row < records.size(); row++) {
            for (String column : List.of("/ts", "/price", "/volume", "/symbol")) {
                assertThat(grid.text(row, column)).as("row %d %s", row, column).hasSizeLessThanOrEqualTo(500);
            }
        }
        assertThat(grid.text(0, "/price")).isEqualTo("5.00");
        assertThat(grid.text(1, "/ts")).as("unreadable: as it comes").isEqualTo("-1.0E308");
        assertThat(grid.text(15, "/price")).isEqualTo("1.00000e+308");

        // The last price follows 1e308 with -1e308: a change that overflows is not shown.
        assertThat(value.getElement().getAttribute(ValueCardWidget.VALUE_ATTRIBUTE)).isEqualTo("-1.0E308");
        assertThat(value.getElement().hasAttribute(ValueCardWidget.CHANGE_ATTRIBUTE)).isFalse();
    }

    private static Map.Entry<String, WidgetConfig.Chart> chart(String title, ChartKind kind, XSource x, String xField,
                                                               List<WidgetConfig.Series> series) {
        return Map.entry(title, new WidgetConfig.Chart(kind, x, xField, series, null, null, null));
    }

    /** Every number finite and within what a chart plots, every text short, every count not negative. */
    private static void assertDrawable(String where, Object argument) {
        if (argument instanceof JsonNode json) {
            assertDrawable(where, json);
        } else if (argument instanceof Number count) {
            assertThat(count.longValue()).as(where).isNotNegative();
        }
    }

    private static void assertDrawable(String where, JsonNode node) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.doubleValue())).as(where + ": " + node).isTrue();
            assertThat(Math.abs(node.doubleValue())).as(where).isLessThanOrEqualTo(1e15);
        } else if (node.isTextual()) {
            assertThat(node.textValue()).as(where).hasSizeLessThanOrEqualTo(100);
        }
        node.forEach(child -> assertDrawable(where, child));
    }

    private static <T extends Component> T widget(Class<T> type, String title) {
        return _get(type, spec -> spec.withPredicate(widget ->
                title.equals(widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    /** Runs pushed UI.access tasks until {@code done}, at most ten seconds. */
    private static void roundTripsUntil(BooleanSupplier done) {
        awaitPushed("the widgets received the records", Duration.ofSeconds(10), done);
    }
}
