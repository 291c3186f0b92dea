package org.socketboard.variable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.demofeed.DemoFeedRuntime;
import org.socketboard.service.ServiceCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableEvent;
import org.socketboard.variable.runtime.VariableListener;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.socketboard.testsupport.SignedInAs;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry against the app's own demo feeds on loopback. */
// Changes go through method security: these tests act as an admin.
@SignedInAs
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VariableRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    VariableRegistry registry;

    @Autowired
    VariableCatalog catalog;

    @Autowired
    ServiceCatalog services;

    @Autowired
    ViewerSettings viewerSettings;

    @Autowired
    DemoFeedRuntime feeds;

    @LocalServerPort
    int port;

    private VariableFixtures fixtures;
    private final List<VariableLease> leases = new ArrayList<>();
    private final List<LiveVariable> toClose = new ArrayList<>();

    @BeforeEach
    void fixtures() {
        fixtures = new VariableFixtures(services, port);
    }

    /**
     * Closes the instances first, so that letting go of them then forgets them at once instead of
     * leaving them open through the idle grace into the next test's counts.
     */
    @AfterEach
    void closeWhatTheTestOpened() {
        leases.forEach(lease -> toClose.add(lease.live()));
        toClose.forEach(LiveVariable::close);
        leases.forEach(VariableLease::close);
        await().atMost(WAIT).until(() -> toClose.stream().noneMatch(LiveVariable::hasConnection));
    }

    private LiveVariable openShared(Variable variable) {
        var lease = registry.acquire(variable, "test");
        leases.add(lease);
        toClose.add(lease.live());
        lease.live().open();
        return lease.live();
    }

    private static List<String> symbols(LiveVariable live) {
        return live.dataset().snapshot().stream().map(record -> record.path("symbol").asText()).toList();
    }

    @Test
    void anApplicationVariableReceivesTickerRecordsAndKeepsNoMoreThanItsLimit() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=100"), 5));

        var live = openShared(variable);

        await().atMost(WAIT).until(() -> live.dataset().version() > 12);
        assertThat(live.state()).isEqualTo(VariableState.OPEN);
        assertThat(live.dataset().size()).isEqualTo(5);
        assertThat(live.dataset().snapshot()).allSatisfy(record -> assertThat(record.path("price").isNumber()).isTrue());
        assertThat(live.stats().messagesReceived()).isGreaterThan(12);
    }

    @Test
    void everyViewerOfAnApplicationVariableSharesOneInstance() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker"), 10));

        var first = registry.acquire(variable, "tab-a");
        var second = registry.acquire(variable, "tab-b");
        leases.add(first);
        leases.add(second);

        assertThat(second.live()).isSameAs(first.live());
        assertThat(registry.running(variable.getId())).containsSame(first.live());
    }

    @Test
    void theMessagesToSendOnOpenSubscribeSoOnlyTheSubscribedSymbolArrives() {
        var variable = VariableFixtures.variableOn(fixtures.feed("/feeds/subscribe?rate=100"), 50);
        variable.setSendOnOpen(List.of("{\"action\":\"subscribe\",\"symbols\":[\"GLOBEX\"]}"));
        variable = catalog.save(variable);

        var live = openShared(variable);

        await().atMost(WAIT).until(() -> live.dataset().size() >= 10);
        assertThat(symbols(live)).containsOnly("GLOBEX");
    }

    @Test
    void aDashboardVariableHasOneConnectionPerTabAndReleasingBothLeavesNothingBehind() {
        var definition = VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 20);
        definition.setScope(VariableScope.DASHBOARD);
        definition.setConnectOnLoad(true);
        var variable = catalog.save(definition);
        int connectionsBefore = registry.openConnections();
        int instancesBefore = registry.liveInstances();
        int listenersBefore = registry.listenerCount();

        var tabOne = registry.acquire(variable, "tab-1");
        var tabTwo = registry.acquire(variable, "tab-2");
        var one = tabOne.live();
        var two = tabTwo.live();
        // What a widget does: listen to the dataset and to the variable, and remove both on detach.
        var widgetListening = List.of(one.dataset().onChange(() -> { }), one.addListener(new VariableListener() {
        }));

        assertThat(one).isNotSameAs(two);
        await().atMost(WAIT).until(() -> one.dataset().size() > 0 && two.dataset().size() > 0);
        assertThat(registry.openConnections()).isEqualTo(connectionsBefore + 2);
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore + 2);
        assertThat(registry.listenerCount()).isEqualTo(listenersBefore + 2);

        widgetListening.forEach(subscription -> subscription.close());
        registry.release("tab-1");
        tabTwo.close();

        await().atMost(WAIT).until(() -> registry.openConnections() == connectionsBefore);
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore);
        assertThat(registry.listenerCount()).isEqualTo(listenersBefore);
        for (LiveVariable released : List.of(one, two)) {
            assertThat(released.state()).isEqualTo(VariableState.CLOSED);
            assertThat(released.hasConnection()).isFalse();
            assertThat(released.hasPendingReconnect()).isFalse();
            assertThat(released.listenerCount()).isZero();
            assertThat(released.dataset().listenerCount()).isZero();
        }
    }

    @Test
    void theSameTabAcquiringTwiceSharesItsInstanceUntilItsLastLeaseCloses() {
        var definition = VariableFixtures.variableOn(fixtures.feed("/feeds/ticker"), 20);
        definition.setScope(VariableScope.DASHBOARD);
        var variable = catalog.save(definition);
        int instancesBefore = registry.liveInstances();

        var chart = registry.acquire(variable, "tab-x");
        var grid = registry.acquire(variable, "tab-x");
        assertThat(grid.live()).isSameAs(chart.live());

        chart.close();
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore + 1);
        grid.close();
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore);
    }

    @Test
    void savingAChangedDefinitionReplacesTheRunningInstanceAndReopensIt() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        var old = openShared(variable);
        var lease = leases.get(0);
        var replacement = new AtomicReference<LiveVariable>();
        lease.onReplaced(replacement::set);
        await().atMost(WAIT).until(() -> old.state() == VariableState.OPEN);

        variable.setDataLimit(3);
        catalog.save(variable);

        assertThat(replacement.get()).isNotNull().isNotSameAs(old).isSameAs(lease.live());
        toClose.add(replacement.get());
        assertThat(replacement.get().dataset().limit()).isEqualTo(3);
        await().atMost(WAIT).until(() -> replacement.get().dataset().size() == 3);
        await().atMost(WAIT).until(() -> !old.hasConnection());
        assertThat(old.state()).isEqualTo(VariableState.CLOSED);
        assertThat(registry.running(variable.getId())).containsSame(replacement.get());
    }

    @Test
    void deletingAVariableClosesItsRunningInstance() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker"), 10));
        var live = openShared(variable);
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN);

        catalog.delete(variable.getId());

        await().atMost(WAIT).until(() -> !live.hasConnection());
        assertThat(registry.running(variable.getId())).isEmpty();
    }

    @Test
    void aSharedInstanceIsNotClosedWhenAViewReleasesIt() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        var live = openShared(variable);

        registry.acquire(variable, "tab-gone").close();
        registry.release("tab-gone");

        await().atMost(WAIT).until(() -> live.dataset().size() > 2);
        assertThat(live.state()).isEqualTo(VariableState.OPEN);
    }

    @Test
    void anApplicationVariableThatConnectsOnLoadIsOpenedWithoutAnyViewer() {
        var definition = VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10);
        definition.setConnectOnLoad(true);
        var variable = catalog.save(definition);
        var live = registry.running(variable.getId()).orElseThrow();
        toClose.add(live);

        registry.connectOnLoad();

        await().atMost(WAIT).until(() -> live.dataset().size() > 0);
        assertThat(registry.running(variable.getId())).containsSame(live);
        assertThat(live.state()).isEqualTo(VariableState.OPEN);
    }

    // ---- live when viewed -------------------------------------------------------------------------

    /** A viewer's lease, let go by the test itself (not by the clean-up, which closes instances first). */
    private VariableLease view(Variable variable, String tab) {
        return registry.acquire(variable, tab);
    }

    /** A viewer (let go by the clean-up) once the variable holds {@code records} records. */
    private VariableLease viewUntilItHolds(Variable variable, int records) {
        var lease = view(variable, "tab-a");
        leases.add(lease);
        await().atMost(WAIT).until(() -> lease.live().dataset().size() >= records);
        return lease;
    }

    private static long opens(LiveVariable live) {
        return live.events().stream().filter(event -> event.type() == VariableEvent.Type.OPEN).count();
    }

    @Test
    void theFirstViewerOpensAnApplicationVariableAndTheSecondSharesItsOneUpstreamConnection() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        int feedSessionsBefore = feeds.activeSessions();
        int connectionsBefore = registry.openConnections();
        assertThat(registry.running(variable.getId())).isEmpty();

        var first = view(variable, "tab-a");
        leases.add(first);
        var live = first.live();
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN && live.dataset().size() > 0);
        var second = view(variable, "tab-b");
        leases.add(second);

        assertThat(second.live()).isSameAs(live);
        await().atMost(WAIT).until(() -> live.dataset().size() > 3);
        assertThat(registry.openConnections()).isEqualTo(connectionsBefore + 1);
        assertThat(feeds.activeSessions()).isEqualTo(feedSessionsBefore + 1);
        assertThat(opens(live)).isEqualTo(1);
    }

    @Test
    void whenTheLastViewerLeavesTheVariableStaysOpenThroughTheGraceAndThenCloses() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        var first = view(variable, "tab-a");
        var second = view(variable, "tab-b");
        var live = first.live();
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN);

        first.close();
        long lastLeft = System.nanoTime();
        second.close();

        assertThat(live.state()).isEqualTo(VariableState.OPEN);
        await().atMost(WAIT).until(() -> !live.hasConnection());
        Duration open = Duration.ofNanos(System.nanoTime() - lastLeft);
        assertThat(open).isGreaterThanOrEqualTo(viewerSettings.idleGrace().minusMillis(50));
        assertThat(live.state()).isEqualTo(VariableState.CLOSED);
        assertThat(registry.running(variable.getId())).isEmpty();
        assertThat(live.events()).anySatisfy(event -> assertThat(event.detail()).contains("No viewers"));
    }

    @Test
    void aViewerComingBackWithinTheGraceKeepsTheSameConnection() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        var first = view(variable, "tab-a");
        var live = first.live();
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN);
        first.close(); // the only viewer leaves (a reload): the grace starts

        var back = view(variable, "tab-a-reloaded");
        leases.add(back);

        assertThat(back.live()).isSameAs(live);
        Duration grace = viewerSettings.idleGrace();
        await().during(grace.plusMillis(500)).atMost(grace.multipliedBy(4).plus(WAIT))
                .until(() -> live.state() == VariableState.OPEN);
        assertThat(opens(live)).isEqualTo(1);
        assertThat(live.stats().reconnects()).isZero();
    }

    @Test
    void tickingConnectOnLoadOpensItOnSaveAndUntickingLetsItCloseWithoutViewers() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        assertThat(registry.running(variable.getId())).isEmpty();

        variable.setConnectOnLoad(true);
        variable = catalog.save(variable);
        var live = registry.running(variable.getId()).orElseThrow();
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN && live.dataset().size() > 0);
        // Connect on load keeps it open with no viewer at all, also past the grace.
        Duration grace = viewerSettings.idleGrace();
        await().during(grace.plusMillis(500)).atMost(grace.multipliedBy(4).plus(WAIT))
                .until(() -> live.state() == VariableState.OPEN);

        variable.setConnectOnLoad(false);
        catalog.save(variable);
        var replacement = registry.running(variable.getId()).orElseThrow();

        assertThat(replacement).isNotSameAs(live);
        assertThat(replacement.dataset().size()).isPositive();
        await().atMost(WAIT).until(() -> !replacement.hasConnection() && !live.hasConnection());
        assertThat(replacement.state()).isEqualTo(VariableState.CLOSED);
        assertThat(registry.running(variable.getId())).isEmpty();
    }

    @Test
    void aSavedChangeReopensTheVariableWithTheNewDefinitionAndKeepsTheNewestRecordsThatFit() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=20"), 10));
        var lease = viewUntilItHolds(variable, 10);
        var old = lease.live();
        var keptAtReplacement = new AtomicReference<List<JsonNode>>();
        var versionAtReplacement = new AtomicLong();
        lease.onReplaced(next -> {
            versionAtReplacement.set(next.dataset().version());
            keptAtReplacement.set(next.dataset().snapshot());
        });

        variable.setDataLimit(4);
        catalog.save(variable);

        var replacement = lease.live();
        assertThat(replacement).isNotSameAs(old);
        assertThat(replacement.dataset().limit()).isEqualTo(4);
        assertThat(versionAtReplacement.get()).isEqualTo(4);
        await().atMost(WAIT).until(() -> !old.hasConnection());
        List<JsonNode> oldRecords = old.dataset().snapshot();
        assertThat(keptAtReplacement.get()).hasSize(4);
        assertThat(oldRecords).containsSubsequence(keptAtReplacement.get());
        await().atMost(WAIT).until(() -> replacement.dataset().version() > 4);
        assertThat(replacement.state()).isEqualTo(VariableState.OPEN);
        assertThat(replacement.dataset().size()).isEqualTo(4);
    }

    @Test
    void aSavedChangeOfStrategyStartsTheReplacementEmpty() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=20"), 10));
        var lease = viewUntilItHolds(variable, 3);
        var sizeAtReplacement = new AtomicLong(-1);
        lease.onReplaced(next -> sizeAtReplacement.set(next.dataset().size()));

        variable.setStrategy(InsertStrategy.REFRESH);
        catalog.save(variable);

        assertThat(sizeAtReplacement.get()).isZero();
        await().atMost(WAIT).until(() -> lease.live().state() == VariableState.OPEN && lease.live().dataset().size() == 1);
    }

    @Test
    void theVariablePageLooksWithoutOpeningAndOpeningByHandHoldsItUntilThePageGoes() {
        var variable = catalog.save(VariableFixtures.variableOn(fixtures.feed("/feeds/ticker?rate=50"), 10));
        var page = registry.watch(variable, "inspector-1");
        var live = page.live();
        assertThat(live.state()).isEqualTo(VariableState.CLOSED);
        assertThat(registry.running(variable.getId())).containsSame(live);

        assertThat(page.open()).isTrue();
        await().atMost(WAIT).until(() -> live.state() == VariableState.OPEN);
        // A viewer coming and going does not close what the page opened.
        view(variable, "tab-a").close();
        Duration grace = viewerSettings.idleGrace();
        await().during(grace.plusMillis(500)).atMost(grace.multipliedBy(4).plus(WAIT))
                .until(() -> live.state() == VariableState.OPEN);

        page.close();

        await().atMost(WAIT).until(() -> !live.hasConnection());
        assertThat(registry.running(variable.getId())).isEmpty();
    }
}
