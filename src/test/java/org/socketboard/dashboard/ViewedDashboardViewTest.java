package org.socketboard.dashboard;

import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.api.Provisioning;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.ViewerSettings;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/**
 * A new user's own dashboard: one chart on an application variable without Connect on load, which
 * goes live because the dashboard is viewed, says so in words, and lets go when nobody views it.
 */
class ViewedDashboardViewTest extends KaribuTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final VariableRegistry registry;
    private final VariableCatalog catalog;
    private final DashboardCatalog dashboards;
    private final DashboardFixtures fixtures;
    /** Reads the dataset as the REST API answers it. */
    private final Provisioning api;

    @Autowired
    ViewedDashboardViewTest(VariableRegistry registry, VariableCatalog catalog, DashboardCatalog dashboards,
                            DashboardFixtures fixtures, Provisioning api) {
        this.registry = registry;
        this.catalog = catalog;
        this.dashboards = dashboards;
        this.fixtures = fixtures;
        this.api = api;
    }

    private Dashboard dashboard;
    private Variable prices;

    @BeforeEach
    void storeADashboardOnAVariableThatDoesNotConnectOnLoad() {
        var ticker = fixtures.tickerService(feedUrl("/feeds/ticker?symbols=ACME&rate=20"));
        prices = fixtures.variable(unique("prices"), ticker, null, false, InsertStrategy.ADD_LAST, 20);
        dashboard = dashboards.save(new Dashboard("Mine", unique("mine"), null));
        dashboard = dashboards.addWidget(dashboard.getSlug(), new Widget(WidgetType.CHART, "Price chart", prices.getName(), 2, 1,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(new WidgetConfig.Series("/price", "Price")), null, null, "USD"))));
    }

    @AfterEach
    void deleteTheVariable() {
        // Closes whatever is still open of it, so that no connection outlives the test.
        catalog.delete(prices.getId());
    }

    /** The chart widget shown now (a saved change of its variable builds a new one). */
    private static ChartWidget chart() {
        return _find(ChartWidget.class, spec -> spec.withPredicate(widget ->
                "Price chart".equals(widget.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE)))).get(0);
    }

    private static int points(ChartWidget chart) {
        return Integer.parseInt(chart.chart().getElement().getAttribute("data-points"));
    }

    /** Runs pushed UI.access tasks until {@code done}; fails after fifteen seconds. */
    private static void roundTripsUntil(BooleanSupplier done, Runnable always) {
        awaitPushed("in time", WAIT, done, always);
    }

    private LiveVariable running() {
        return registry.running(prices.getId()).orElseThrow();
    }

    @Test
    void aChartOnAVariableWithoutConnectOnLoadGoesLiveWhenViewedAndSaysSoInWords() throws Exception {
        assertThat(registry.running(prices.getId())).isEmpty();

        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        List<String> said = new ArrayList<>();
        roundTripsUntil(() -> points(chart()) > 0 && chart().stateWords().equals("open"), () -> {
            if (said.isEmpty() || !said.get(said.size() - 1).equals(chart().stateWords())) {
                said.add(chart().stateWords());
            }
        });

        assertThat(said).last().isEqualTo("open");
        assertThat(said).allMatch(words -> words.equals("open") || words.equals("connecting…"));
        assertThat(chart().getElement().hasAttribute(DashboardWidget.STATE_ATTRIBUTE)).isFalse();
        assertThat(api.dataset(prices.getName()).state()).isEqualTo("OPEN");
    }

    @Test
    void leavingTheDashboardLetsTheVariableCloseAfterTheGrace() throws Exception {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        roundTripsUntil(() -> points(chart()) > 0, () -> { });
        var live = running();

        UI.getCurrent().navigate("dashboards");
        long left = System.nanoTime();

        assertThat(live.state()).as("kept through the grace").isEqualTo(VariableState.OPEN);
        await().atMost(WAIT).until(() -> !live.hasConnection());
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isGreaterThanOrEqualTo(context.getBean(ViewerSettings.class).idleGrace().minusMillis(50));
        assertThat(registry.running(prices.getId())).isEmpty();
        assertThat(api.dataset(prices.getName()).state()).isEqualTo("CLOSED");
    }

    @Test
    void tickingConnectOnLoadWhileViewedKeepsTheSameChartDrawnAndMovesItToTheReopenedVariable() throws Exception {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        roundTripsUntil(() -> points(chart()) >= 3 && chart().stateWords().equals("open"), () -> { });
        var before = chart();
        var old = running();

        prices.setConnectOnLoad(true);
        prices = catalog.save(prices);
        var reopened = running();
        int[] fewestPoints = {Integer.MAX_VALUE};
        List<String> said = new ArrayList<>();
        roundTripsUntil(() -> reopened.dataset().listenerCount() == 1 && reopened.dataset().version() > 20
                && chart().stateWords().equals("open"), () -> {
            fewestPoints[0] = Math.min(fewestPoints[0], points(chart()));
            said.add(chart().stateWords());
        });

        assertThat(reopened).isNotSameAs(old);
        assertThat(chart()).as("the same widget, still attached").isSameAs(before);
        assertThat(fewestPoints[0]).as("never blank").isGreaterThanOrEqualTo(3);
        assertThat(said).noneMatch(words -> words.startsWith("closed"));
        assertThat(old.dataset().listenerCount()).as("nothing left on the old instance").isZero();
        var shown = api.dataset(prices.getName());
        assertThat(shown.state()).isEqualTo("OPEN");
        assertThat(shown.size()).isPositive();
        assertThat(catalog.findByName(prices.getName()).orElseThrow().isConnectOnLoad()).isTrue();
    }

    @Test
    void aSavedChangeOfStrategyRebuildsTheWidgetOnTheNewInstance() throws Exception {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        roundTripsUntil(() -> points(chart()) > 0, () -> { });
        var before = chart();

        prices.setStrategy(InsertStrategy.ADD_FIRST);
        prices = catalog.save(prices);
        roundTripsUntil(() -> chart() != before && points(chart()) > 0 && chart().stateWords().equals("open"), () -> { });

        assertThat(before.isAttached()).isFalse();
        assertThat(running().dataset().listenerCount()).isEqualTo(1);
    }

    @Test
    void aVariableClosedByHandSaysWhyOnItsWidget() throws Exception {
        UI.getCurrent().navigate("dashboards/" + dashboard.getSlug());
        // Records first: closing before the first message arrives would leave nothing to keep shown.
        roundTripsUntil(() -> chart().stateWords().equals("open") && points(chart()) > 0, () -> { });

        running().close("Closed by hand on the variable page");

        roundTripsUntil(() -> chart().stateWords().equals("closed by hand on the variable page"), () -> { });
        assertThat(chart().getElement().getAttribute(DashboardWidget.STATE_ATTRIBUTE)).isEqualTo("CLOSED");
        assertThat(points(chart())).as("the records stay shown").isPositive();
    }
}
