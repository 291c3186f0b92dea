package org.socketboard.browser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variable page in Chromium with a long "failed: …" state (the app's own ticker refuses a bad rate
 * with 1008): the state wraps in its row and Open stays on screen, on a wide screen and on a phone.
 * Leaves a screenshot of each in target/screenshots.
 */
class VariablePageFitIT extends BrowserTestBase {

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1400, 900", "390, 844"})
    void aLongFailureLeavesTheOpenButtonOnScreen(int width, int height) throws IOException, InterruptedException {
        api("PUT", "/api/services/refusing-ticker", """
                {"name": "refusing-ticker", "url": "ws://localhost:%d/feeds/ticker?rate=abc",
                 "sampleResponse": "{\\"symbol\\": \\"ACME\\", \\"price\\": 1.5}"}""".formatted(app.port()));
        api("PUT", "/api/variables/refusing", """
                {"name": "refusing", "service": "refusing-ticker", "scope": "APPLICATION", "strategy": "ADD_LAST",
                 "dataLimit": 100, "reconnectInitialDelayMs": 50, "reconnectMaxDelayMs": 200}""");
        browser.driver.manage().window().setSize(new Dimension(width, height));
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/variables/refusing"));

        browser.click("variable-open");
        browser.waitUntil(Duration.ofSeconds(30), d -> browser.byId("variable-state").getText().startsWith("failed: ") ? true : null);

        int viewportWidth = ((Number) browser.script("return document.documentElement.clientWidth")).intValue();
        browser.script("document.getElementById('variable-open').scrollIntoView({block: 'center'})");
        Rectangle open = browser.byId("variable-open").getRect();
        Rectangle state = browser.byId("variable-state").getRect();
        assertThat(open.getX()).isGreaterThanOrEqualTo(0);
        assertThat(open.getX() + open.getWidth()).as("Open inside the screen").isLessThanOrEqualTo(viewportWidth);
        assertThat(browser.byId("variable-open").isEnabled()).isTrue();
        assertThat(state.getX() + state.getWidth()).as("the state wraps inside the screen").isLessThanOrEqualTo(viewportWidth);
        assertThat(state.getWidth()).as("not squeezed into a narrow column").isGreaterThan(Math.min(300, viewportWidth / 2));
        browser.screenshot("variable-page-failed-" + width + "x" + height);
    }
}
