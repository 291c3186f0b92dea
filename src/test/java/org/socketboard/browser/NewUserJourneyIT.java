package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path of DESIGN.md walked in a real browser against the production jar: import the built-in
 * ticker as a service (testing it captures the sample), put a variable on it, build a dashboard with a
 * chart and a grid in the editor, and watch both fill up live to the variable's limit.
 */
class NewUserJourneyIT extends BrowserTestBase {

    private static final int LIMIT = 20;

    /**
     * Samples, every 20 ms from inside the page, how many points the dashboard's chart holds and how
     * many rows its grid has: a poll from the test would be too slow to see the dashboard fill up.
     */
    private static final String RECORD_GROWTH = """
            window.sbGrowth = [];
            window.setInterval(() => {
              const chart = document.querySelector('[data-widget-type="chart"] sb-apex-chart');
              const grid = document.querySelector('[data-widget-type="grid"] sb-row-table');
              if (chart && grid) {
                window.sbGrowth.push([Number(chart.getAttribute('data-points') || 0), grid.shadowRoot.querySelectorAll('tbody tr').length]);
              }
            }, 20);""";

    @Test
    void aNewAdminImportsTheTickerBuildsADashboardAndWatchesItFillUpToTheLimit() throws IOException, InterruptedException {
        browser.signIn(app, "admin", "admin");

        importTheTicker();
        createTheVariable();
        buildTheDashboard();

        browser.script(RECORD_GROWTH);
        long opened = System.nanoTime();
        browser.click("dashboard-view");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/dashboards/acme-live"));
        browser.waitUntil(d -> {
            List<int[]> growth = growth();
            return !growth.isEmpty() && growth.get(growth.size() - 1)[0] == LIMIT
                    && growth.get(growth.size() - 1)[1] == LIMIT;
        });
        System.out.printf("New dashboard: full (%d points, %d rows) %d ms after opening; chart points/grid rows seen: %s%n",
                LIMIT, LIMIT, Duration.ofNanos(System.nanoTime() - opened).toMillis(), steps(growth()));
        // The feed sends 20 ticks a second: two more seconds are 40 more records, which must push old ones out.
        Thread.sleep(2000);
        List<int[]> growth = growth();

        assertThat(points(growth)).as("chart points over time").isSorted().contains(LIMIT)
                .anyMatch(points -> points > 0 && points < LIMIT).allMatch(points -> points <= LIMIT)
                .endsWith(LIMIT);
        assertThat(rows(growth)).as("grid rows over time").isSorted().contains(LIMIT)
                .anyMatch(rows -> rows > 0 && rows < LIMIT).allMatch(rows -> rows <= LIMIT)
                .endsWith(LIMIT);
        assertThat(browser.driver.findElements(By.cssSelector("[data-widget-type]")))
                .extracting(widget -> widget.getAttribute("data-widget-title"))
                .containsExactly("ACME price", "ACME ticks");
    }

    private void importTheTicker() throws IOException, InterruptedException {
        browser.open(app.url("/services/new"));
        browser.type("service-name", "acme-ticks");
        browser.type("service-url", "ws://localhost:" + app.port() + "/feeds/ticker?symbols=ACME&rate=20");
        browser.waitUntil(d -> browser.byId("service-insecure-warning").isDisplayed());
        assertThat(browser.byId("service-insecure-warning").getText()).contains("ws:// is not encrypted");

        browser.click("service-test");
        browser.waitUntil(d -> browser.byId("service-test-outcome").getText().startsWith("Connected; first message"));
        String sample = browser.waitUntil(d -> {
            Object value = browser.property(browser.byId("service-sample-response"), "value");
            return value instanceof String text && !text.isBlank() ? text : null;
        });
        assertThat(sample).contains("\"symbol\"").contains("ACME").contains("\"price\"");
        browser.waitUntil(d -> browser.byId("service-fields").getText().contains("price"));
        browser.screenshotOfWholeView("import-form");

        browser.click("service-save");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/services"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("#service-list vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getText().equals("acme-ticks")));
    }

    /** Dashboard scope: each open dashboard tab gets its own connection, so the test sees it fill from empty. */
    private void createTheVariable() {
        browser.open(app.url("/variables/new"));
        browser.type("variable-name", "acme");
        browser.pick("variable-service", "acme-ticks");
        browser.choose("variable-scope", "Dashboard");
        browser.choose("variable-strategy", "Add as last record");
        browser.type("variable-limit", Integer.toString(LIMIT));
        browser.tick("variable-connect-on-load");
        browser.click("variable-save");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/variables/acme"));
    }

    private void buildTheDashboard() {
        browser.open(app.url("/dashboards/new"));
        browser.type("dashboard-name", "ACME live");
        browser.waitUntil(d -> "acme-live".equals(browser.property(browser.byId("dashboard-slug"), "value")));
        browser.click("dashboard-save");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/dashboards/acme-live/edit"));

        browser.click("dashboard-add-widget");
        browser.type("widget-title", "ACME price");
        browser.pick("widget-variable", "acme (this dashboard)");
        browser.pick("widget-x-field", "/ts · time");
        browser.pickAll("widget-series", "/price · number");
        browser.click("widget-save");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#dashboard-widgets [data-widget-title='ACME price']")).isEmpty());

        browser.click("dashboard-add-widget");
        browser.choose("widget-type", "Table");
        browser.type("widget-title", "ACME ticks");
        browser.pick("widget-variable", "acme (this dashboard)");
        browser.pickAll("widget-columns", "/symbol · text", "/price · number");
        browser.click("widget-save");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#dashboard-widgets [data-widget-title='ACME ticks']")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private List<int[]> growth() {
        return ((List<List<Number>>) browser.script("return window.sbGrowth || []")).stream()
                .map(sample -> new int[]{sample.get(0).intValue(), sample.get(1).intValue()})
                .toList();
    }

    /** The distinct states in order, e.g. "0/0 4/4 9/9 20/20". */
    private static String steps(List<int[]> growth) {
        return growth.stream().map(sample -> sample[0] + "/" + sample[1]).distinct().collect(Collectors.joining(" "));
    }

    private static List<Integer> points(List<int[]> growth) {
        return growth.stream().map(sample -> sample[0]).toList();
    }

    private static List<Integer> rows(List<int[]> growth) {
        return growth.stream().map(sample -> sample[1]).toList();
    }
}
