package org.socketboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's journey in Chromium. Set up through the REST API as an admin would script it: a new
 * service on the built-in ticker and an application variable on it <em>without</em> Connect on load,
 * and a dashboard shared with viewers holding a chart split by symbol, a value card filtered to one
 * symbol and a list. A viewer opens it and it is live within 5 s (nothing else opened the variable).
 * Then the editor drags a widget by its header, resizes another from its corner (real mouse input
 * through Chrome DevTools), edits the chart's title and series in its widget dialog and reloads: all
 * of it is kept, on the page and in the stored definition.
 */
class ANewDashboardGoesLiveForAViewerAndKeepsTheEditorsShapeIT extends BrowserTestBase {

    private static final String CHART = "Prices by symbol";
    private static final String CARD = "ACME now";
    private static final String LIST = "Latest ticks";
    private static final String EDITED_CHART = "Price and change by symbol";


    @Test
    void aViewerSeesItLiveWithinFiveSecondsAndTheEditorsDragResizeAndEditSurviveAReload() throws Exception {
        setUpThroughTheApi();
        assertThat(api("GET", "/api/variables/journey-prices/dataset", null).path("state").asText())
                .as("no viewer yet, no Connect on load").isEqualTo("CLOSED");

        createAViewer();
        browser.signIn(app, "vic", "viewer-password");
        browser.open(app.url("/dashboards/journey"));
        long shown = System.nanoTime();
        browser.waitUntil(Duration.ofSeconds(5), d -> chartSeries() == 3 && chartPoints() > 0
                && !cardValue().isEmpty() && listItems() > 0);
        System.out.printf("Journey: live for the viewer %d ms after the page showed%n", (System.nanoTime() - shown) / 1_000_000);
        assertThat(browser.driver.findElements(By.id("widget-edit"))).as("a viewer has no widget menu").isEmpty();
        browser.signOut();

        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/journey"));
        browser.waitUntil(d -> layout().size() == 3 && chartPoints() > 0);
        assertThat(layout()).containsEntry(CHART, "0,0,2,2").containsEntry(CARD, "2,0,1,1").containsEntry(LIST, "3,0,1,2");
        double column = ((Number) browser.script(
                "return document.querySelector('sb-dashboard-grid').getBoundingClientRect().width / 4")).doubleValue();

        // The card, by its title in the header, one column right: onto the list's column.
        WebElement cardTitle = widget(CARD).findElement(By.cssSelector(".sb-widget-title"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", cardTitle);
        var grip = cardTitle.getRect();
        browser.dragBy(grip.x + 10, grip.y + grip.height / 2.0, column, 0);
        browser.waitUntil(d -> layout().get(CARD).startsWith("3,"));

        // The chart, from its bottom-right corner, one column wider: into the column the card left.
        WebElement chartItem = item(CHART);
        browser.script("arguments[0].scrollIntoView({block: 'center'})", chartItem);
        var box = chartItem.getRect();
        browser.hover(box.x + box.width / 2.0, box.y + box.height / 2.0);
        WebElement corner = browser.waitUntil(d -> chartItem.findElements(By.cssSelector(".ui-resizable-se")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        var handle = corner.getRect();
        browser.dragBy(handle.x + handle.width / 2.0, handle.y + handle.height / 2.0, column, 0);
        browser.waitUntil(d -> layout().get(CHART).equals("0,0,3,2"));
        browser.waitUntilFlowIsIdle();

        widget(CHART).findElement(By.id("widget-edit")).click();
        browser.type("widget-title", EDITED_CHART);
        browser.pickOneMore("widget-series", "/change · number");
        browser.click("widget-save");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("sb-dashboard-grid [data-widget-title='" + EDITED_CHART + "']")).isEmpty());
        // Two series, each split in one line per symbol.
        browser.waitUntil(Duration.ofSeconds(10), d -> chartSeries() == 6);
        Map<String, String> shaped = layout();

        browser.open(app.url("/dashboards/journey"));
        browser.waitUntil(d -> layout().size() == 3 && chartSeries() == 6);
        assertThat(layout()).as("after a reload").isEqualTo(shaped)
                .containsEntry(EDITED_CHART, "0,0,3,2").hasEntrySatisfying(CARD, place -> assertThat(place).startsWith("3,"));

        JsonNode stored = api("GET", "/api/dashboards/journey/export", null).path("dashboard");
        for (JsonNode widget : stored.path("widgets")) {
            String place = widget.path("x").asInt() + "," + widget.path("y").asInt() + ","
                    + widget.path("width").asInt() + "," + widget.path("height").asInt();
            assertThat(place).as("stored place of " + widget.path("title").asText()).isEqualTo(shaped.get(widget.path("title").asText()));
        }
        JsonNode chart = stored.path("widgets").findParent("chart").path("chart");
        assertThat(chart.path("series").findValuesAsText("field")).containsExactly("/price", "/change");
        assertThat(chart.path("splitBy").asText()).isEqualTo("/symbol");
        browser.screenshotOfWholeView("journey-shaped-by-hand");
    }

    /** A service of its own on the built-in ticker, a variable without Connect on load, the dashboard. */
    private void setUpThroughTheApi() throws IOException, InterruptedException {
        ObjectNode service = (ObjectNode) api("GET", "/api/services/demo-ticker", null);
        service.put("name", "journey-ticker");
        api("PUT", "/api/services/journey-ticker", service.toString());
        api("PUT", "/api/variables/journey-prices", """
                {"name": "journey-prices", "service": "journey-ticker", "scope": "APPLICATION",
                 "connectOnLoad": false, "strategy": "ADD_LAST", "dataLimit": 100}""");
        api("PUT", "/api/dashboards/journey", """
                {"name": "Journey", "slug": "journey", "sharedWithRoles": ["VIEWER"], "widgets": [
                  {"type": "CHART", "title": "%s", "variable": "journey-prices", "width": 2, "height": 2, "x": 0, "y": 0,
                   "config": {"chart": {"kind": "LINE", "x": "TIMESTAMP", "xField": "/ts",
                              "series": [{"field": "/price", "name": "Price"}], "splitBy": "/symbol"}}},
                  {"type": "VALUE", "title": "%s", "variable": "journey-prices", "width": 1, "height": 1, "x": 2, "y": 0,
                   "config": {"value": {"field": "/price", "unit": "USD", "showChange": true, "sparkline": true},
                              "filter": {"field": "/symbol", "value": "ACME"}}},
                  {"type": "LIST", "title": "%s", "variable": "journey-prices", "width": 1, "height": 2, "x": 3, "y": 0,
                   "config": {"list": {"fields": [{"path": "/symbol"}, {"path": "/price", "label": "Price",
                              "format": "NUMBER", "decimals": 2, "unit": "USD"}]}}}]}""".formatted(CHART, CARD, LIST));
    }

    private void createAViewer() {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/users"));
        browser.type("user-username", "vic");
        browser.type("user-password", "viewer-password");
        browser.click("user-save");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#users-grid vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getText().equals("vic")));
        browser.signOut();
    }

    private Map<String, String> layout() {
        return browser.gridLayout();
    }

    private WebElement widget(String title) {
        return browser.driver.findElement(By.cssSelector("sb-dashboard-grid [data-widget-title='" + title + "']"));
    }

    private WebElement item(String title) {
        return widget(title).findElement(By.xpath("ancestor::*[contains(@class, 'grid-stack-item')][1]"));
    }

    private int chartSeries() {
        return intAttribute("sb-dashboard-grid [data-widget-type='chart'] sb-apex-chart", "data-series");
    }

    private int chartPoints() {
        return intAttribute("sb-dashboard-grid [data-widget-type='chart'] sb-apex-chart", "data-points");
    }

    private String cardValue() {
        String value = widget(CARD).getDomAttribute("data-value");
        return value == null ? "" : value;
    }

    private int listItems() {
        return widget(LIST).findElements(By.cssSelector(".sb-list-item")).size();
    }

    private int intAttribute(String selector, String name) {
        return browser.driver.findElements(By.cssSelector(selector)).stream()
                .map(element -> element.getDomAttribute(name))
                .filter(value -> value != null && !value.isEmpty())
                .mapToInt(Integer::parseInt).findFirst().orElse(0);
    }
}
