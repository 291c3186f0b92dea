package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        // The feed sends 5 ticks a second: two more seconds are 10 more records, which must push old ones out.
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
        theTableFollowsItsNewestRowsUntilTheViewerScrollsUp();
    }

    /** Reads the table's scroller: whether it is at the end, whether it overflows, and the last row's text. */
    private static final String TABLE_SCROLL = """
            const scroller = arguments[0].shadowRoot.querySelector('.scroller');
            const rows = arguments[0].shadowRoot.querySelectorAll('tbody tr');
            return {atEnd: scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2,
              overflows: scroller.scrollHeight > scroller.clientHeight, top: scroller.scrollTop,
              last: rows.length ? rows[rows.length - 1].textContent : ''};""";

    /**
     * Add as last record: the newest rows are at the end, and the table shows them as they come, like a
     * log tail; a viewer who scrolled up stays where they are until they scroll back down. Also what only
     * a browser can tell of a table: numbers flush right, a cut cell's tooltip, its accessible name.
     */
    @SuppressWarnings("unchecked")
    private void theTableFollowsItsNewestRowsUntilTheViewerScrollsUp() {
        WebElement table = browser.driver.findElement(By.cssSelector("[data-widget-title='ACME ticks'] sb-row-table"));
        Map<String, Object> opened = (Map<String, Object>) browser.script(TABLE_SCROLL, table);
        assertThat(opened.get("overflows")).as("more rows than fit, or there is nothing to follow").isEqualTo(true);
        assertThat(opened.get("atEnd")).as("opened at the newest rows").isEqualTo(true);
        String newest = (String) opened.get("last");
        browser.waitUntil(d -> {
            Map<String, Object> now = (Map<String, Object>) browser.script(TABLE_SCROLL, table);
            return !now.get("last").equals(newest) && Boolean.TRUE.equals(now.get("atEnd")) ? true : null;
        });

        browser.script("arguments[0].shadowRoot.querySelector('.scroller').scrollTop = 0;", table);
        String newestWhenScrolledUp = (String) ((Map<String, Object>) browser.script(TABLE_SCROLL, table)).get("last");
        Map<String, Object> afterMoreRows = browser.waitUntil(d -> {
            Map<String, Object> now = (Map<String, Object>) browser.script(TABLE_SCROLL, table);
            return now.get("last").equals(newestWhenScrolledUp) ? null : now;
        });
        assertThat(((Number) afterMoreRows.get("top")).intValue()).as("stays where the viewer scrolled to").isZero();

        browser.script("const s = arguments[0].shadowRoot.querySelector('.scroller'); s.scrollTop = s.scrollHeight;", table);
        String newestAtTheEnd = (String) ((Map<String, Object>) browser.script(TABLE_SCROLL, table)).get("last");
        browser.waitUntil(d -> {
            Map<String, Object> now = (Map<String, Object>) browser.script(TABLE_SCROLL, table);
            return !now.get("last").equals(newestAtTheEnd) && Boolean.TRUE.equals(now.get("atEnd")) ? true : null;
        });

        assertThat(browser.script("""
                const root = arguments[0].shadowRoot;
                const align = (cell) => getComputedStyle(cell).textAlign;
                return [root.querySelector('table').getAttribute('aria-label'),
                  align(root.querySelectorAll('th')[0]), align(root.querySelectorAll('th')[1]),
                  align(root.querySelector('tbody tr').cells[0]), align(root.querySelector('tbody tr').cells[1])];""", table))
                .as("name; symbol header, price header, symbol cell, price cell").isEqualTo(List.of("ACME ticks", "start", "end", "start", "end"));
        // A cell is cut at 24em: one that long (no feed of this test has such text) shows its whole text on hover.
        assertThat(browser.script("""
                const cell = arguments[0].shadowRoot.querySelector('tbody tr').cells[0];
                const short = cell.textContent;
                cell.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                const shortTitle = cell.getAttribute('title');
                cell.textContent = short + ' ' + 'a long text '.repeat(30);
                cell.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                return [shortTitle, cell.getAttribute('title') === cell.textContent];""", table))
                .as("no tooltip for a whole text; the whole text for a cut one").isEqualTo(java.util.Arrays.asList(null, true));
    }

    private void importTheTicker() throws IOException, InterruptedException {
        browser.open(app.url("/services/new"));
        browser.type("service-name", "acme-ticks");
        browser.type("service-url", "ws://localhost:" + app.port() + "/feeds/ticker?symbols=ACME&rate=5");
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

        // Added as last record, the page's preview opens at the newest rows and follows them (the
        // variable connects on load: the page opened it).
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script("""
                const grid = document.getElementById('variable-preview');
                const scroller = grid.$.table;
                return grid._flatSize === %d && scroller.scrollHeight > scroller.clientHeight
                  && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;""".formatted(LIMIT))) ? true : null);
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
