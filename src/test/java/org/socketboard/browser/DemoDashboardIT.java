package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first thing a newcomer sees: the seeded demo dashboard, live within seconds of opening it. */
class DemoDashboardIT extends BrowserTestBase {

    /** What "showing data" means per widget type, read from the page as a viewer sees it. */
    private static final String DATA_PER_WIDGET = """
            return Array.from(document.querySelectorAll('[data-widget-type]')).map(widget => {
              const type = widget.getAttribute('data-widget-type');
              let amount = 0;
              if (type === 'chart') {
                amount = Number(widget.querySelector('sb-apex-chart')?.getAttribute('data-points') || 0);
              } else if (type === 'grid') {
                amount = widget.querySelector('sb-row-table')?.shadowRoot?.querySelectorAll('tbody tr').length || 0;
              } else if (type === 'list') {
                amount = widget.querySelectorAll('.sb-list-item').length;
              } else if (type === 'value') {
                amount = /\\d/.test(widget.querySelector('.sb-value')?.textContent || '') ? 1 : 0;
              }
              return {title: widget.getAttribute('data-widget-title'), type: type, amount: amount};
            });""";

    @Test
    void everyWidgetOfTheDemoDashboardShowsDataWithinSecondsOfOpeningIt() throws IOException, InterruptedException {
        browser.signIn(app, "admin", "admin");

        long opened = System.nanoTime();
        browser.open(app.url("/dashboards/demo"));
        List<Map<String, Object>> widgets = browser.waitUntil(Duration.ofSeconds(15), d -> {
            List<Map<String, Object>> shown = widgetData();
            boolean allShowData = shown.size() == 7
                    && shown.stream().allMatch(widget -> ((Number) widget.get("amount")).intValue() > 0);
            return allShowData ? shown : null;
        });
        long millis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
        System.out.println("Demo dashboard: all 7 widgets showed data " + millis + " ms after opening");

        assertThat(widgets).extracting(widget -> widget.get("type"))
                .containsExactlyInAnyOrder("chart", "chart", "value", "value", "list", "grid", "grid");
        // The STOMP grid is live: both subscribed destinations reached the browser (one row per symbol).
        browser.waitUntil(Duration.ofSeconds(10), d -> widgetData().stream()
                .anyMatch(widget -> "Prices over STOMP".equals(widget.get("title"))
                        && ((Number) widget.get("amount")).intValue() == 2) ? Boolean.TRUE : null);
        assertThat(browser.driver.findElements(By.cssSelector("[data-widget-type][data-state]")))
                .as("widgets whose variable is not open").extracting(this::describe).isEmpty();
        // Let the charts finish their entry animation, so the screenshot shows the lines.
        Thread.sleep(1500);
        browser.screenshotOfWholeView("demo-dashboard");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> widgetData() {
        return (List<Map<String, Object>>) browser.script(DATA_PER_WIDGET);
    }

    private String describe(WebElement widget) {
        return widget.getAttribute("data-widget-title") + ": " + widget.getAttribute("data-state");
    }
}
