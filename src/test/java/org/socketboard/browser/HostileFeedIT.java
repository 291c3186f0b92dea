package org.socketboard.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.socketboard.testsupport.HostileStrings;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.testsupport.HostileStrings.ALL;
import static org.socketboard.testsupport.HostileStrings.SHOWN;

/**
 * Upstream data never runs as script, in Chromium against the production jar: a loopback feed started
 * by the test sends the hostile-strings corpus (as values and as a field name) into a dashboard with
 * every chart kind, a grid, a list and a value card, whose titles, series names, axis titles and unit
 * are hostile too. The mouse goes over every chart so that ApexCharts writes its tooltips. No payload
 * runs ({@value HostileStrings#PWNED_GLOBAL} stays unset), no element of a payload exists anywhere in
 * the page (shadow roots included), the texts show literally, and the console stays clean (an inline
 * handler that got into the page would also be refused by the Content-Security-Policy, with an error).
 */
class HostileFeedIT extends BrowserTestBase {

    private static final String HOSTILE_SERIES = HostileStrings.SVG_ONLOAD;
    private static final List<String> CHART_KINDS = List.of("LINE", "AREA", "BAR", "SCATTER", "PIE", "DONUT", "RADIAL_BAR");

    /** Every element of the page, shadow roots included, as one list. */
    private static final String ALL_ELEMENTS = """
            const all = [];
            const walk = root => root.querySelectorAll('*').forEach(element => {
              all.push(element);
              if (element.shadowRoot) { walk(element.shadowRoot); }
            });
            walk(document);
            """;

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackWebSocketServer feed;

    @BeforeEach
    void aDashboardOfEveryWidgetOnAHostileFeed() throws Exception {
        // One app serves the whole class: start each test from no definitions, so that a replaced variable
        // does not keep the previous test's records (a saved change keeps them where the strategy allows).
        for (String path : List.of("/api/dashboards/hostile", "/api/variables/hostile", "/api/services/hostile-feed")) {
            delete(path);
        }
        feed = LoopbackWebSocketServer.sendingOnOpen(json.writeValueAsString(HostileStrings.records()));
        put("/api/services/hostile-feed", json.createObjectNode()
                .put("name", "hostile-feed")
                .put("url", feed.uri("/hostile").toString())
                .put("description", HostileStrings.STYLE)
                .put("sampleResponse", json.writeValueAsString(HostileStrings.records().get(0))));
        put("/api/variables/hostile", json.createObjectNode()
                .put("name", "hostile").put("service", "hostile-feed").put("scope", "APPLICATION")
                .put("connectOnLoad", true).put("strategy", "ADD_LAST").put("dataLimit", 100));
        ObjectNode dashboard = json.createObjectNode()
                .put("name", HostileStrings.SCRIPT).put("slug", "hostile").put("description", HostileStrings.IFRAME);
        ArrayNode widgets = dashboard.putArray("widgets");
        for (String kind : CHART_KINDS) {
            ObjectNode chart = widget(widgets, "CHART", HostileStrings.IMG_ONERROR + kind).putObject("config").putObject("chart")
                    .put("kind", kind).put("x", "CATEGORY").put("xField", "/label")
                    .put("xAxisTitle", HostileStrings.LIT_TEMPLATE).put("yAxisTitle", HostileStrings.MUSTACHE_TEMPLATE)
                    .put("unit", HostileStrings.JAVASCRIPT_URL);
            chart.putArray("series").add(json.createObjectNode().put("field", "/v").put("name", HOSTILE_SERIES))
                    .add(json.createObjectNode().put("field", "/" + HostileStrings.FIELD_NAME));
        }
        ObjectNode grid = widget(widgets, "GRID", "grid").putObject("config");
        grid.putArray("columns")
                .add(json.createObjectNode().put("path", "/label").put("header", HostileStrings.QUOTE_BREAKOUT).put("format", "TEXT"))
                .add(json.createObjectNode().put("path", "/note").put("format", "TEXT"));
        widget(widgets, "LIST", "list").putObject("config").putObject("list")
                .put("primary", "/label").put("secondary", "/note").put("badge", "/label");
        widget(widgets, "VALUE", "value").putObject("config").putObject("value")
                .put("field", "/v").put("unit", HostileStrings.JAVASCRIPT_URL).put("showChange", true).put("sparkline", true);
        put("/api/dashboards/hostile", dashboard);
    }

    @AfterEach
    void stopTheFeed() throws IOException {
        feed.close();
    }

    private ObjectNode widget(ArrayNode widgets, String type, String title) {
        return widgets.addObject().put("type", type).put("title", title).put("variable", "hostile")
                .put("width", 2).put("height", 1);
    }

    private void delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", BASIC).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("DELETE %s: %s", path, response.body()).isIn(204, 404);
    }

    private void put(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", BASIC)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isBetween(200, 201);
    }

    @Test
    void noHostileTextRunsAnywhereAndEveryOneShowsLiterally() throws IOException, InterruptedException {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/hostile"));
        browser.waitUntil(d -> {
            List<WebElement> charts = d.findElements(By.cssSelector("[data-widget-type='chart'] sb-apex-chart"));
            return charts.size() == CHART_KINDS.size()
                    && charts.stream().allMatch(chart -> Integer.toString(ALL.size()).equals(chart.getAttribute("data-points")))
                    && Long.valueOf(ALL.size()).equals(browser.script("return arguments[0].shadowRoot.querySelectorAll('tbody tr').length;",
                            d.findElement(By.cssSelector("[data-widget-type='grid'] sb-row-table"))));
        });

        List<String> tooltips = hoverOverEveryChart();
        browser.screenshotOfWholeView("hostile-feed");

        assertThat(browser.script("const p = window." + HostileStrings.PWNED_GLOBAL + "; return p === undefined ? null : String(p);"))
                .as("the payload that ran").isNull();
        assertThat(browser.script(ALL_ELEMENTS + "return all.filter(e => e.hasAttribute('"
                + HostileStrings.PWNED_ATTRIBUTE + "')).map(e => e.outerHTML);")).as("elements of payloads in the page")
                .asList().isEmpty();
        String pageText = (String) browser.script(ALL_ELEMENTS
                + "return all.map(e => Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('')).join('\\n');");
        assertThat(pageText).as("the text of the page, shadow roots included")
                .contains(SHOWN).contains(HostileStrings.FIELD_NAME, HOSTILE_SERIES, HostileStrings.SCRIPT, HostileStrings.IFRAME)
                .doesNotContainPattern(HostileStrings.BIDI);
        assertThat(legendTexts("PIE")).as("the pie's legend: its slices' labels").containsAll(SHOWN);
        assertThat(legendTexts("LINE")).as("the line chart's legend: its series names").containsExactly(HOSTILE_SERIES, HostileStrings.FIELD_NAME);
        assertThat(tooltips).as("tooltip texts while hovering the charts")
                .anySatisfy(text -> assertThat(SHOWN).anySatisfy(hostile -> assertThat(text).contains(hostile)))
                .allSatisfy(text -> assertThat(text).doesNotContainPattern(HostileStrings.BIDI))
                .anySatisfy(text -> assertThat(text).contains(HOSTILE_SERIES + ": "));
    }

    @Test
    void shouldMarkupGetIntoThePageTheContentSecurityPolicyRefusesItsInlineHandlers() {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/hostile"));

        // What escaping prevents, done on purpose: markup with inline handlers written into the page.
        browser.script("const box = document.createElement('div'); box.innerHTML = arguments[0] + arguments[1];"
                + "document.body.appendChild(box);", HostileStrings.IMG_ONERROR, HostileStrings.SVG_ONLOAD);
        // The refusals and the image's failed load (src=x) are console errors: read them here, so that
        // the check after the test sees only what came later.
        List<String> errors = new ArrayList<>();
        browser.waitUntil(d -> {
            errors.addAll(browser.consoleErrors());
            return errors.stream().anyMatch(error -> error.contains("inline event handler"))
                    && errors.stream().anyMatch(error -> error.contains("/x - Failed to load resource"));
        });

        assertThat(browser.script("const p = window." + HostileStrings.PWNED_GLOBAL + "; return p === undefined ? null : String(p);"))
                .as("the payload that ran").isNull();
        assertThat(errors).as("console errors").allMatch(error -> error.contains("/x - Failed to load resource")
                || error.contains("Content Security Policy") && error.contains("inline event handler"));
    }

    /** Where a chart's plot area (ApexCharts' hover area: the grid of an axis chart) lies within its element: left, top, width, height, then the element's width and height. */
    private static final String PLOT_AREA = """
            const chart = arguments[0].getBoundingClientRect();
            const grid = arguments[0].shadowRoot.querySelector('.apexcharts-grid');
            const plot = (grid && grid.getBoundingClientRect().height > 0 ? grid
                : arguments[0].shadowRoot.querySelector('.apexcharts-inner') || arguments[0]).getBoundingClientRect();
            return [plot.left - chart.left, plot.top - chart.top, plot.width, plot.height, chart.width, chart.height];""";

    /** Moves the mouse across the middle of each chart's plot area; returns the tooltip texts seen on the way. */
    @SuppressWarnings("unchecked")
    private List<String> hoverOverEveryChart() {
        List<String> seen = new ArrayList<>();
        for (WebElement chart : browser.driver.findElements(By.cssSelector("[data-widget-type='chart'] sb-apex-chart"))) {
            browser.script("arguments[0].scrollIntoView({block: 'center'})", chart);
            List<Number> area = (List<Number>) browser.script(PLOT_AREA, chart);
            double left = area.get(0).doubleValue();
            double top = area.get(1).doubleValue();
            double width = area.get(2).doubleValue();
            double height = area.get(3).doubleValue();
            for (int step = 1; step < 12; step++) {
                // Selenium's offsets count from the element's centre.
                new Actions(browser.driver)
                        .moveToElement(chart, (int) (left + width * step / 12 - area.get(4).doubleValue() / 2),
                                (int) (top + height / 2 - area.get(5).doubleValue() / 2))
                        .perform();
                Object text = browser.script(
                        "const t = arguments[0].shadowRoot.querySelector('.apexcharts-tooltip.apexcharts-active');"
                                + "return t ? t.textContent : null;", chart);
                if (text instanceof String shown && !shown.isBlank()) {
                    seen.add(shown);
                }
            }
        }
        return seen;
    }

    @SuppressWarnings("unchecked")
    private List<String> legendTexts(String kind) {
        WebElement chart = browser.driver.findElements(By.cssSelector("[data-widget-type='chart']")).stream()
                .filter(widget -> (HostileStrings.IMG_ONERROR + kind).equals(widget.getAttribute("data-widget-title")))
                .findFirst().orElseThrow()
                .findElement(By.tagName("sb-apex-chart"));
        return (List<String>) browser.script("return Array.from(arguments[0].shadowRoot"
                + ".querySelectorAll('.apexcharts-legend-text')).map(e => e.textContent);", chart);
    }
}
