package org.socketboard.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
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
import org.socketboard.push.UiFlushers;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/** A dashboard on the built-in ticker feed, driven through Karibu with real push round trips. */
class LiveDashboardViewTest extends KaribuTest {

    private static final int CHART_LIMIT = 5;

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    VariableRegistry registry;

    @Autowired
    UiFlushers flushers;

    private Dashboard dashboard;
    private Variable newestLast;
    private Variable newestFirst;

    @BeforeEach
    void storeADashboardOnTheTicker() {
        SocketService ticker = fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME&rate=20"));
        newestLast = fixtures.variable(unique("ticks"), ticker, null, true, InsertStrategy.ADD_LAST, CHART_LIMIT);
        newestFirst = fixtures.variable(unique("latest"), ticker, null, true, InsertStrategy.ADD_FIRST, 10);
        dashboard = dashboards.save(new Dashboard("Ticker", unique("ticker"), null));
        var columns = List.of(new WidgetConfig.GridColumn("/symbol", "Symbol", WidgetConfig.Format.TEXT),
                new WidgetConfig.GridColumn("/price", "Price", WidgetConfig.Format.NUMBER),
                new WidgetConfig.GridColumn("/ts", "Time", WidgetConfig.Format.TIME));
        add(new Widget(WidgetType.CHART, "Price chart", newestLast.getName(), 2, 1,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(new WidgetConfig.Series("/price", "Price")), null, null, "USD"))));
        add(new Widget(WidgetType.GRID, "Ticks", newestLast.getName(), 2, 1, WidgetConfig.grid(columns)));
        add(new Widget(WidgetType.LIST, "Latest ticks", newestFirst.getName(), 1, 1,
                WidgetConfig.list(new WidgetConfig.ListFields("/symbol", "/ts", "/price"))));
        add(new Widget(WidgetType.VALUE, "Price", newestLast.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", "USD", true, true))));
    }

    private void add(Widget widget) {
        dashboard = dashboards.addWidget(dashboard.getSlug(), widget);
    }

    private static <T extends Component> T widget(Class<T> type, String title) {
        return _get(type, spec -> spec.withPredicate(widget ->
                title.equals(widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    /** Runs pushed UI.access tasks until {@code done}, at most ten seconds; checks {@code always} after each. */
    private static void roundTripsUntil(BooleanSupplier done, Runnable always) {
        awaitPushed("the widgets are filled", Duration.ofSeconds(10), done, always);
    }

    private static int points(ChartWidget chart) {
        return Integer.parseInt(chart.chart().getElement().getAttribute("data-points"));
    }

    @Test
    void feedMessagesReachGridListChartAndValueCardThroughPushAndTheChartKeepsToItsLimit() throws Exception {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var chart = widget(ChartWidget.class, "Price chart");
        var grid = widget(GridWidget.class, "Ticks");
        var list = widget(ListWidget.class, "Latest ticks");
        var value = widget(ValueCardWidget.class, "Price");
        assertThat(_find(DashboardWidget.class)).extracting(w -> w.getElement().getAttribute(DashboardWidget.TYPE_ATTRIBUTE))
                .containsExactly("chart", "grid", "list", "value");

        int[] mostPoints = {0};
        roundTripsUntil(() -> points(chart) == CHART_LIMIT && list.items().size() >= 3
                        && value.getElement().hasAttribute(ValueCardWidget.CHANGE_ATTRIBUTE),
                () -> mostPoints[0] = Math.max(mostPoints[0], points(chart)));

        assertThat(points(chart)).isEqualTo(CHART_LIMIT);
        assertThat(mostPoints[0]).isEqualTo(CHART_LIMIT);
        assertThat(grid.rowCount()).isEqualTo(CHART_LIMIT);
        assertThat(grid.text(0, "/symbol")).isEqualTo("ACME");
        assertThat(grid.text(0, "/price")).matches("[\\d,]+\\.\\d{2}");
        // In the viewer's locale (the mocked browser's is en-US): "Nov 14, 2023, 10:13:20 PM".
        assertThat(grid.text(0, "/ts")).matches("\\w{3} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}:\\d{2}\\s[AP]M");
        // Add as first record: the newest tick is on top.
        var newestOnTop = list.items().get(0).at("/ts").asText();
        var older = list.items().get(list.items().size() - 1).at("/ts").asText();
        assertThat(newestOnTop).isGreaterThan(older);
        assertThat(value.getElement().getAttribute(ValueCardWidget.VALUE_ATTRIBUTE)).isNotBlank();
        assertThat(chart.getElement().hasAttribute(DashboardWidget.STATE_ATTRIBUTE)).isFalse();
    }

    @Test
    void leavingTheDashboardReleasesItsOwnVariablesAndEverySubscription() {
        Variable own = fixtures.variable(unique("own"), newestLast.getService(), dashboard.getId(), true);
        add(DashboardFixtures.valueCard("Own price", own.getName()));
        int before = registry.liveInstances();
        int listenersBefore = registry.listenerCount();

        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        var flusher = flushers.forUi(UI.getCurrent());
        int whileShown = registry.liveInstances();
        int subscriptionsWhileShown = flusher.subscriptionCount();
        UI.getCurrent().navigate("dashboards");

        assertThat(whileShown).isEqualTo(before + 1);
        assertThat(subscriptionsWhileShown).isEqualTo(5);
        assertThat(registry.liveInstances()).isEqualTo(before);
        assertThat(flusher.subscriptionCount()).isZero();
        assertThat(registry.listenerCount()).isEqualTo(listenersBefore);
    }
}
