package org.socketboard.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import elemental.json.Json;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;

import java.util.ArrayList;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13.7: every page's top bar has the light/dark switch. Shown, it asks the browser for the
 * signed-in user's remembered choice (else prefers-color-scheme); clicked, it has the browser switch
 * and remember it for that user, and shows the mode the browser reports. Here a stand-in browser
 * answers the calls (the real one, frontend/components/theme-mode.ts, runs in LookAndFitIT).
 */
class ThemeToggleTest extends KaribuTest {

    private final List<String> calls = new ArrayList<>();
    private String browserMode = "light";
    private final Function1<PendingJavaScriptInvocation, Unit> browser = invocation -> {
        String expression = invocation.getInvocation().getExpression();
        if (expression.contains("window.sbTheme.")) {
            calls.add(expression + " " + invocation.getInvocation().getParameters());
            if (expression.contains("toggle")) {
                browserMode = "dark".equals(browserMode) ? "light" : "dark";
            }
            invocation.complete(Json.create(browserMode));
        }
        return Unit.INSTANCE;
    };

    @BeforeEach
    void aBrowserThatAnswersTheThemeCalls() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(browser);
    }

    @AfterEach
    void noBrowser() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(browser);
    }

    @Test
    void shownTheSwitchAppliesTheSignedInUsersRememberedThemeAndShowsIt() {
        browserMode = "dark";
        UI.getCurrent().navigate("dashboards");
        MockVaadin.clientRoundtrip();

        assertThat(calls).singleElement().asString().contains("window.sbTheme.applyFor($0)").contains("[admin, ");
        var toggle = _get(Button.class, spec -> spec.withId("theme-toggle"));
        assertThat(toggle.getElement().getAttribute(ThemeToggle.MODE_ATTRIBUTE)).isEqualTo("dark");
        assertThat(toggle.getAriaLabel()).hasValue("Switch to the light theme");
    }

    @Test
    void aClickSwitchesTheThemeForThatUserAndTheSwitchFollows() {
        UI.getCurrent().navigate("dashboards");
        MockVaadin.clientRoundtrip();
        var toggle = _get(Button.class, spec -> spec.withId("theme-toggle"));
        assertThat(toggle.getElement().getAttribute(ThemeToggle.MODE_ATTRIBUTE)).isEqualTo("light");

        _click(toggle);
        MockVaadin.clientRoundtrip();

        assertThat(calls).last().asString().contains("window.sbTheme.toggle($0)").contains("[admin, ");
        assertThat(toggle.getElement().getAttribute(ThemeToggle.MODE_ATTRIBUTE)).isEqualTo("dark");
        assertThat(toggle.getAriaLabel()).hasValue("Switch to the light theme");

        _click(toggle);
        MockVaadin.clientRoundtrip();
        assertThat(toggle.getElement().getAttribute(ThemeToggle.MODE_ATTRIBUTE)).isEqualTo("light");
    }
}
