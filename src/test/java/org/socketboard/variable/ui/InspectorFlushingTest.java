package org.socketboard.variable.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketboard.KaribuTest;
import org.socketboard.push.Flushing;
import org.socketboard.push.UiFlusher;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inspector updates through the UI's flusher as the dashboards do, here a flusher whose time and
 * hand-overs the test runs ({@link Flushing}): nothing reaches the page before the test lets it.
 */
class InspectorFlushingTest extends KaribuTest {

    @RegisterExtension
    final Flushing flushing = new Flushing();

    @Autowired
    VariableCatalog catalog;

    @Autowired
    VariableRegistry registry;

    @Autowired
    ServiceCatalog services;

    private Variable variable;
    private VariableInspector inspector;
    private UiFlusher flusher;

    @BeforeEach
    void anInspectorOnATickerVariable() {
        var service = new VariableFixtures(services, port).feed("/feeds/ticker?rate=20");
        variable = catalog.save(VariableFixtures.variableOn(service, 100));
        inspector = new VariableInspector(variable, registry, flushing.flushers(), false);
        UI.getCurrent().add(inspector);
        flusher = flushing.flushers().forUi(UI.getCurrent());
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private static int rows(String id) {
        return GridKt._size(_get(Grid.class, spec -> spec.withId(id)));
    }

    /** The flushes handed to the UI run, as the next client round trip would run them. */
    private void flushesRun() {
        flushing.runDue();
        MockVaadin.runUIQueue();
    }

    @Test
    void stateCountersAndLogsChangeOnlyAtTheFlushersTick() {
        LiveVariable live = registry.running(variable.getId()).orElseThrow();
        try (var viewer = registry.watch(variable, "test-viewer")) {
            viewer.open();
            await().atMost(Duration.ofSeconds(15)).until(() -> live.state() == VariableState.OPEN
                    && live.stats().messagesReceived() > 0);
            flushesRun();

            assertThat(text("variable-state")).as("no tick yet").isEqualTo("closed: not opened yet");
            assertThat(text("variable-messages")).isEqualTo("0");

            flushing.tick();
            MockVaadin.runUIQueue();

            assertThat(text("variable-state")).isEqualTo("open");
            assertThat(Long.parseLong(text("variable-messages"))).isPositive();
            assertThat(rows("variable-frames")).isPositive();
            assertThat(rows("variable-events")).isPositive();
            assertThat(rows("variable-preview")).isPositive();
            live.close();
        }
    }

    @Test
    void aDatasetChangeReachesThePreviewInTheFlushItAsksForWithoutWaitingForATick() throws Exception {
        flushesRun(); // the first snapshot: empty
        flushing.advance(Flushing.INTERVAL); // a quiet interval
        var json = new ObjectMapper();
        LiveVariable live = registry.running(variable.getId()).orElseThrow();

        live.dataset().accept(List.of(json.readTree("{\"symbol\": \"A\", \"ts\": \"soon\"}"),
                json.readTree("{\"symbol\": \"B\", \"ts\": \"2023-11-14T22:13:20Z\"}")));
        assertThat(rows("variable-preview")).as("not flushed yet").isZero();
        flushesRun();

        assertThat(rows("variable-preview")).isEqualTo(2);
        assertThat(text("variable-unreadable-times")).isEqualTo("1");
        assertThat(flusher.flushCount()).isEqualTo(2);
    }

    @Test
    void theInstanceThatASavedChangeStartsIsFollowedByThePreview() throws Exception {
        flushesRun();
        LiveVariable first = registry.running(variable.getId()).orElseThrow();

        variable.setDataLimit(30);
        catalog.save(variable);
        LiveVariable replacing = registry.running(variable.getId()).orElseThrow();
        assertThat(replacing).isNotSameAs(first);
        flushing.tick();
        MockVaadin.runUIQueue();
        replacing.dataset().accept(List.of(new ObjectMapper().readTree("{\"symbol\": \"NEW\"}")));
        flushing.advance(Flushing.INTERVAL);
        MockVaadin.runUIQueue();

        assertThat(rows("variable-preview")).isEqualTo(1);
        assertThat(flusher.subscriptionCount()).as("the old dataset let go").isEqualTo(1);
    }

    @Test
    void leavingThePageLetsGoOfItsSubscriptionAndWatch() {
        assertThat(flusher.subscriptionCount()).isEqualTo(1);
        assertThat(flusher.watchCount()).isEqualTo(1);

        UI.getCurrent().remove(inspector);

        assertThat(flusher.subscriptionCount()).isZero();
        assertThat(flusher.watchCount()).isZero();
    }
}
