package org.socketboard.dashboard;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.ListWidget;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** A fresh install with the demo on: the start page leads to the live demo dashboard on the built-in feeds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "socketboard.demo.enabled=true")
class DemoDashboardViewTest extends KaribuTest {

    private static final int TICKER_LIMIT = 100;

    @Autowired
    DemoDashboardSeeder seeder;

    @Autowired
    ServiceCatalog services;

    @Autowired
    VariableCatalog variables;

    private static ChartWidget chart(String title) {
        return _get(ChartWidget.class, spec -> spec.withPredicate(chart ->
                title.equals(chart.getElement().getAttribute(DashboardWidget.TITLE_ATTRIBUTE))));
    }

    private static int points(ChartWidget chart) {
        return Integer.parseInt(chart.chart().getElement().getAttribute("data-points"));
    }

    @Test
    void theStartPageListsTheDemoAndItRendersEveryWidgetType() {
        UI.getCurrent().navigate("");
        assertThat(_get(Div.class, spec -> spec.withClasses("sb-dashboard-card")).getElement()
                .getAttribute("data-dashboard-slug")).isEqualTo(DemoDashboardSeeder.DEMO_SLUG);

        UI.getCurrent().navigate("dashboards/" + DemoDashboardSeeder.DEMO_SLUG);

        assertThat(_find(DashboardWidget.class))
                .extracting(widget -> widget.getElement().getAttribute(DashboardWidget.TYPE_ATTRIBUTE))
                .containsExactly("chart", "value", "list", "value", "chart", "grid", "grid");
    }

    @Test
    void feedMessagesFillTheGridsAndTheListAndTheTickerChartGrowsWithinItsLimit() throws Exception {
        UI.getCurrent().navigate("dashboards/" + DemoDashboardSeeder.DEMO_SLUG);
        var ticker = chart("Prices by symbol");
        var weather = _get(GridWidget.class, spec -> spec.withAttribute("data-widget-title", "Weather"));
        var stompPrices = _get(GridWidget.class, spec -> spec.withAttribute("data-widget-title", "Prices over STOMP"));
        var scores = _get(ListWidget.class);
        List<Integer> tickerPoints = new ArrayList<>();

        awaitPushed("every demo widget shows data", Duration.ofSeconds(15), () -> weather.rowCount() > 0
                && !scores.items().isEmpty() && points(ticker) >= 3 && stompPrices.rowCount() == 2,
                () -> tickerPoints.add(points(ticker)));

        assertThat(weather.rowCount()).isGreaterThanOrEqualTo(2);
        assertThat(weather.text(0, "/city")).isNotBlank();
        assertThat(scores.items().get(0).at("/home").asText()).isNotBlank();
        assertThat(tickerPoints).isSorted().allMatch(count -> count <= TICKER_LIMIT);
        assertThat(points(ticker)).isGreaterThanOrEqualTo(3);
        // Upsert by symbol over the two STOMP destinations: one row each, with its destination.
        assertThat(stompPrices.rowCount()).isEqualTo(2);
        assertThat(List.of(stompPrices.text(0, "/destination"),
                stompPrices.text(1, "/destination")))
                .containsExactlyInAnyOrder("/topic/prices.GLOBEX", "/topic/prices.INITECH");
        // The feed sends ACME, GLOBEX and INITECH in turn: one line each.
        assertThat(ticker.chart().getElement().getAttribute("data-series")).isEqualTo("3");
    }

    @Test
    void theStompDemoVariableSendsToTheEchoTopicTheFeedAcceptsNotToAPriceTopic() {
        var stompPrices = variables.findByName("stomp-prices").orElseThrow();

        assertThat(stompPrices.getSendTarget()).isEqualTo("/topic/echo");
    }

    @Test
    void seedingAgainChangesNothing() {
        int servicesBefore = services.list().size();

        assertThat(seeder.seedIfFresh(port)).isFalse();

        assertThat(services.list()).hasSize(servicesBefore).hasSizeGreaterThanOrEqualTo(4);
    }
}
