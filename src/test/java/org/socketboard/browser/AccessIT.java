package org.socketboard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles hold in the browser: an admin creates a viewer in the users view; the viewer cannot import services. */
class AccessIT extends BrowserTestBase {

    @Test
    void aViewerCreatedByTheAdminCannotOpenTheServiceForm() {
        browser.signIn(app, "admin", "admin");
        browser.open(app.url("/users"));
        browser.type("user-username", "vera");
        browser.type("user-password", "viewer-password");
        assertThat(browser.byId("user-roles").findElements(By.cssSelector("vaadin-checkbox[checked]")))
                .extracting(WebElement::getText).containsExactly("Viewer: shared dashboards");
        browser.click("user-save");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#users-grid vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getText().equals("vera")));
        browser.signOut();

        browser.signIn(app, "vera", "viewer-password");
        assertThat(browser.byId("main-nav").getText()).contains("Dashboards").doesNotContain("Services");
        browser.open(app.url("/services/new"));

        browser.waitUntil(d -> d.findElement(By.tagName("body")).getText().contains("Could not navigate to 'services/new'"));
        assertThat(browser.isPresent("service-url")).isFalse();
        assertThat(browser.isPresent("service-save")).isFalse();
    }
}
