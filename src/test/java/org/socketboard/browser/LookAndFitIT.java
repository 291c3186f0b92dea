package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13.7 in Chromium: the dark theme (theme-toggle, remembered per user, charts following it) and
 * the top bar on a phone (390 × 844): the header keeps Sign out in view on its line, the default-password
 * banner takes a line of its own below with its words whole. Both leave their screenshot in target/screenshots.
 */
class LookAndFitIT extends BrowserTestBase {

    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    @Test
    void onAPhoneTheBannerAndTheHeaderFitAndSignOutStaysInView() throws IOException, InterruptedException {
        browser.driver.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/demo"));
        browser.waitUntil(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector(".sb-list-item")).isEmpty() ? null : true);

        int viewportWidth = ((Number) browser.script("return document.documentElement.clientWidth")).intValue();
        Rectangle signOut = browser.byId("sign-out").getRect();
        Rectangle banner = browser.byId("default-password-banner").getRect();
        Rectangle toggle = browser.byId("theme-toggle").getRect();
        assertThat(browser.byId("sign-out").isDisplayed()).isTrue();
        assertThat(signOut.getX() + signOut.getWidth()).as("Sign out inside the screen").isLessThanOrEqualTo(viewportWidth);
        assertThat(toggle.getX() + toggle.getWidth()).isLessThanOrEqualTo(viewportWidth);
        assertThat(banner.getY() + banner.getHeight()).as("banner and header well under a fifth of the screen")
                .isLessThanOrEqualTo(PHONE_HEIGHT / 8);
        assertThat(banner.getX()).isGreaterThanOrEqualTo(0);
        assertThat(banner.getX() + banner.getWidth()).as("the banner inside the screen").isLessThanOrEqualTo(viewportWidth);
        assertThat(browser.script("""
                const text = document.querySelector('#default-password-banner > span');
                return text.scrollWidth <= text.clientWidth + 1 && text.scrollHeight <= text.clientHeight + 1
                    && getComputedStyle(text).textOverflow !== 'ellipsis' && !/^[0-9]/.test(String(getComputedStyle(text).webkitLineClamp || 'none'));"""))
                .as("the banner's words whole, not cut to 'You are using the…'").isEqualTo(true);
        Rectangle change = browser.byId("default-password-change").getRect();
        assertThat(change.getX() + change.getWidth()).as("Change password inside the screen").isLessThanOrEqualTo(viewportWidth);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the screen").isLessThanOrEqualTo(viewportWidth);
        Thread.sleep(1000);
        browser.screenshot("phone-390x844");
    }

    @Test
    void theDarkThemeIsTheUsersChoiceRememberedAcrossAReloadAndTheChartsFollowIt() throws IOException, InterruptedException {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/dashboards/demo"));
        browser.waitUntil(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector("sb-apex-chart[data-points]")).isEmpty() ? null : true);
        assertThat(theme()).as("headless Chromium prefers light").isEmpty();

        browser.click("theme-toggle");
        browser.waitUntil(Duration.ofSeconds(10), d -> "dark".equals(theme()) ? true : null);
        assertThat(browser.script("return localStorage.getItem('socketboard.theme.admin')")).isEqualTo("dark");
        browser.waitUntil(Duration.ofSeconds(10), d -> "dark".equals(browser.byId("theme-toggle").getDomAttribute("data-theme")) ? true : null);

        browser.open(app.url("/dashboards/demo"));
        assertThat(theme()).as("remembered").isEqualTo("dark");
        browser.waitUntil(Duration.ofSeconds(15), d -> Boolean.TRUE.equals(browser.script("""
                const chart = document.querySelector('sb-apex-chart');
                const label = chart && chart.shadowRoot.querySelector('.apexcharts-xaxis-label, .apexcharts-yaxis-label');
                if (!label) return false;
                const fill = getComputedStyle(label).fill || label.getAttribute('fill');
                const rgb = (fill.match(/\\d+/g) || []).slice(0, 3).map(Number);
                return rgb.length === 3 && rgb[0] + rgb[1] + rgb[2] > 3 * 128;""")) ? true : null);
        Thread.sleep(1500);
        browser.screenshotOfWholeView("dark-theme");

        browser.click("theme-toggle");
        browser.waitUntil(Duration.ofSeconds(10), d -> theme().isEmpty() ? true : null);
    }

    /** The theme attribute Lumo reads on <html>: "dark", or "" for light. */
    private String theme() {
        Object theme = browser.script("return document.documentElement.getAttribute('theme') || ''");
        return String.valueOf(theme);
    }
}
