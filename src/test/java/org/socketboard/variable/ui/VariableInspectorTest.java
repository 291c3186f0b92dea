package org.socketboard.variable.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.variable.runtime.RawFrame;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The variable page against the app's own ticker feed: every update arrives by a push round trip. */
class VariableInspectorTest extends KaribuTest {

    private static final long WAIT_MILLIS = 15_000;

    @Autowired
    VariableCatalog catalog;

    @Autowired
    VariableRegistry registry;

    @Autowired
    LiveRefresher refresher;

    @Autowired
    ServiceCatalog services;

    private Variable variable;

    @BeforeEach
    void aTickerVariable() {
        // The service catalog infers the preview's columns (symbol, price, ...) from the sample tick.
        var service = new VariableFixtures(services, port).feed("/feeds/ticker?rate=20");
        variable = catalog.save(VariableFixtures.variableOn(service, 100));
        UI.getCurrent().navigate("variables/" + variable.getName());
    }

    private static <T extends Component> T byId(Class<T> type, String id) {
        return _get(type, spec -> spec.withId(id));
    }

    private static String state() {
        return byId(Span.class, "variable-state").getText();
    }

    private static long messages() {
        return Long.parseLong(byId(Span.class, "variable-messages").getText());
    }

    @SuppressWarnings("unchecked")
    private static Grid<Object> grid(String id) {
        return byId(Grid.class, id);
    }

    /** Runs the pending pushes until the page shows what is expected, or fails after a bounded wait. */
    private static void awaitPushed(String what, BooleanSupplier shown) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            MockVaadin.clientRoundtrip();
            if (shown.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The page did not show " + what + " within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void openingShowsTheStateTheRecordsAndGrowingCountersByPush() throws InterruptedException {
        assertThat(state()).isEqualTo("CLOSED");
        assertThat(byId(Component.class, "variable-inspector")).isNotNull();

        _click(byId(Button.class, "variable-open"));

        awaitPushed("OPEN with records", () -> state().equals("OPEN") && GridKt._size(grid("variable-preview")) > 0);
        long seen = messages();
        assertThat(seen).isPositive();
        awaitPushed("more messages", () -> messages() > seen);
        assertThat(GridKt._getFormatted(grid("variable-preview"), 0, "/symbol")).isNotBlank();
        assertThat(GridKt._getFormatted(grid("variable-preview"), 0, "/price")).matches("\\d+(\\.\\d+)?");
        assertThat(GridKt._size(grid("variable-frames"))).isPositive();
        assertThat(GridKt._size(grid("variable-events"))).isPositive();

        _click(byId(Button.class, "variable-close"));

        awaitPushed("CLOSED", () -> state().equals("CLOSED"));
    }

    @Test
    void aSentMessageAppearsFirstInTheFrameLog() throws InterruptedException {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("OPEN", () -> state().equals("OPEN"));

        _setValue(byId(TextArea.class, "variable-message"), "{\"hello\":\"feed\"}");
        _click(byId(Button.class, "variable-send"));

        awaitPushed("the sent frame", () -> GridKt._findAll(grid("variable-frames")).stream()
                .map(RawFrame.class::cast)
                .anyMatch(frame -> frame.direction() == RawFrame.Direction.OUT && frame.text().equals("{\"hello\":\"feed\"}")));
        var frames = GridKt._findAll(grid("variable-frames")).stream().map(RawFrame.class::cast).toList();
        assertThat(frames).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aMessageThatIsNotValidJsonIsRefusedBeforeSendingWithTheReason() throws InterruptedException {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("OPEN", () -> state().equals("OPEN"));
        var message = byId(TextArea.class, "variable-message");

        _setValue(message, "{\"hello\": feed}");
        _click(byId(Button.class, "variable-send"));

        assertThat(message.isInvalid()).isTrue();
        assertThat(message.getErrorMessage()).contains("Invalid JSON at line 1");
        assertThat(registry.running(variable.getId()).orElseThrow().stats().messagesSent()).isZero();
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aDashboardVariablesPageOpensAPrivateInstanceThatGoesWithThePage() throws InterruptedException {
        variable.setScope(VariableScope.DASHBOARD);
        variable = catalog.save(variable);
        int instancesBefore = registry.liveInstances();
        int watchesBefore = refresher.watchCount();
        int connectionsBefore = registry.openConnections();
        UI.getCurrent().navigate("variables/" + variable.getName());
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore + 1);

        _click(byId(Button.class, "variable-open"));
        awaitPushed("OPEN", () -> state().equals("OPEN"));

        UI.getCurrent().navigate("variables");

        assertThat(registry.liveInstances()).isEqualTo(instancesBefore);
        assertThat(refresher.watchCount()).isEqualTo(watchesBefore);
        awaitPushed("no connection left", () -> registry.openConnections() <= connectionsBefore);
    }
}
