package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.socketboard.testsupport.SocketIoServer;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 in Chromium: a Socket.IO service, found by Test connection behind the plain address (no EIO query) of a real
 * Socket.IO server (npm {@code socket.io}, test-only, on a free loopback port) and switched to Socket.IO in
 * the import form; an application variable keeping its {@code tick} events and a dashboard with a value
 * card and a list on it (set up through the API): the records arrive live in the browser.
 */
class SocketIoDashboardIT extends BrowserTestBase {

    private static final String CARD = "ACME over Socket.IO";
    private static final String LIST = "Socket.IO events";

    @Test
    void aSocketIoServiceImportedInTheFormFeedsADashboardLive() throws Exception {
        try (var server = new SocketIoServer(Map.of())) {
            browser.signIn(app, "admin", "admin");
            importTheService(server.url() + "socket.io/");
            api("PUT", "/api/variables/socketio-ticks", """
                    {"name": "socketio-ticks", "service": "socketio-prices", "scope": "APPLICATION",
                     "connectOnLoad": false, "strategy": "ADD_LAST", "dataLimit": 50, "subscriptions": ["tick"]}""");
            api("PUT", "/api/dashboards/socketio", """
                    {"name": "Socket.IO", "slug": "socketio", "widgets": [
                      {"type": "VALUE", "title": "%s", "variable": "socketio-ticks", "width": 1, "height": 1, "x": 0, "y": 0,
                       "config": {"value": {"field": "/price"}}},
                      {"type": "LIST", "title": "%s", "variable": "socketio-ticks", "width": 2, "height": 2, "x": 1, "y": 0,
                       "config": {"list": {"fields": [{"path": "/event"}, {"path": "/symbol"}, {"path": "/price"}]}}}]}"""
                    .formatted(CARD, LIST));

            browser.open(app.url("/dashboards/socketio"));

            browser.waitUntil(Duration.ofSeconds(20), d -> !cardValue().isEmpty() && listItems() > 0);
            String first = cardValue();
            // A tick every 50 ms with a new price: the card follows them.
            browser.waitUntil(Duration.ofSeconds(10), d -> !cardValue().equals(first));
            assertThat(widget(LIST).getText()).contains("tick", "ACME").doesNotContain("news");
        }
    }

    private void importTheService(String url) {
        browser.open(app.url("/services/new"));
        browser.type("service-name", "socketio-prices");
        browser.type("service-url", url);
        browser.click("service-test");
        browser.waitUntil(Duration.ofSeconds(30), d -> browser.byId("service-test-outcome").getText()
                .contains("switch the protocol to Socket.IO"));
        browser.click("service-switch-protocol");
        browser.waitUntil(d -> browser.byId("service-fields").getText().contains("event"));
        browser.click("service-save");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/services"));
    }

    private WebElement widget(String title) {
        return browser.driver.findElement(By.cssSelector("sb-dashboard-grid [data-widget-title='" + title + "']"));
    }

    private String cardValue() {
        var cards = browser.driver.findElements(By.cssSelector("sb-dashboard-grid [data-widget-title='" + CARD + "']"));
        String value = cards.isEmpty() ? null : cards.get(0).getDomAttribute("data-value");
        return value == null ? "" : value;
    }

    private int listItems() {
        return browser.driver.findElements(By.cssSelector("sb-dashboard-grid [data-widget-title='" + LIST + "'] .sb-list-item")).size();
    }
}
