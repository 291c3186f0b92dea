package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13.3 in Chromium: on a phone-sized window (390 px wide) the demo dashboard is one column with
 * nothing cut off (screenshot {@code target/screenshots/dashboard-phone-390.png}). An editor's drag and
 * resize with gridstack's handles, kept after a reload: {@link ANewDashboardGoesLiveForAViewerAndKeepsTheEditorsShapeIT}.
 * A widget edited on the dashboard keeps its resize handle, and leaving the dashboard afterwards logs
 * no error (gridstack used to remove a handle Vaadin had already cleared away).
 */
class LayoutByHandIT extends BrowserTestBase {

    private Map<String, String> layout() {
        return browser.gridLayout();
    }

    @Test
    void onAPhoneTheDashboardIsOneColumnWithNothingCutOff() throws IOException, InterruptedException {
        browser.signIn(app, "admin", "admin");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open(app.url("/dashboards/demo"));
        browser.waitUntil(d -> layout().size() == 7);
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(
                "return document.querySelector('sb-dashboard-grid').classList.contains('gs-1')")));

        @SuppressWarnings("unchecked")
        List<Map<String, Number>> boxes = (List<Map<String, Number>>) browser.script("""
                return Array.from(document.querySelectorAll('sb-dashboard-grid > .grid-stack-item')).map(item => {
                  const box = item.getBoundingClientRect();
                  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
                });""");
        int viewport = ((Number) browser.script("return document.documentElement.clientWidth")).intValue();
        assertThat(boxes).allSatisfy(box -> {
            assertThat(box.get("left").doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(box.get("right").doubleValue()).isLessThanOrEqualTo(viewport);
        });
        // One column: every widget starts at the same left edge, one below the other.
        assertThat(boxes).extracting(box -> Math.round(box.get("left").doubleValue())).containsOnly(
                Math.round(boxes.get(0).get("left").doubleValue()));
        assertThat(boxes.stream().map(box -> box.get("top").doubleValue()).distinct()).hasSize(boxes.size());
        browser.waitUntil(Duration.ofSeconds(15), d -> ((Number) browser.script(
                "return document.querySelectorAll('sb-apex-chart[data-points]:not([data-points=\"0\"])').length"))
                .intValue() >= 2);
        Thread.sleep(1000);
        browser.screenshotOfWholeView("dashboard-phone-390");
    }

    @Test
    void anEditorEditsAWidgetSavesItAndLeavesTheDashboardWithoutAnError() {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/demo"));
        browser.waitUntil(d -> layout().size() == 7);
        String title = layout().keySet().iterator().next();
        String edited = title + " (edited)";

        WebElement widget = browser.driver.findElement(By.cssSelector(
                "sb-dashboard-grid [data-widget-title='" + title + "']"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", widget);
        widget.findElement(By.id("widget-edit")).click();
        browser.type("widget-title", edited);
        browser.click("widget-save");
        browser.waitUntil(d -> layout().containsKey(edited));
        browser.waitUntilFlowIsIdle();
        assertThat(browser.script("""
                const item = document.querySelector("sb-dashboard-grid [data-widget-title='" + arguments[0] + "']")
                    .closest('.grid-stack-item');
                return item.querySelectorAll(':scope > .ui-resizable-handle').length;""", edited))
                .as("the edited widget still has its resize handle").isEqualTo(1L);

        // Leaving detaches the grid: gridstack lets go of every widget and its handles.
        browser.click("dashboard-edit");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/dashboards/demo/edit"));
        browser.waitUntilFlowIsIdle();
        assertThat(browser.consoleErrors()).as("errors in the browser console after leaving").isEmpty();
    }
}
