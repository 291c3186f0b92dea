package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13.3 in Chromium: on a phone-sized window (390 px wide) the demo dashboard is one column with
 * nothing cut off (screenshot {@code target/screenshots/dashboard-phone-390.png}). An editor's drag and
 * resize with gridstack's handles, kept after a reload: {@link ANewDashboardGoesLiveForAViewerAndKeepsTheEditorsShapeIT}.
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
}
