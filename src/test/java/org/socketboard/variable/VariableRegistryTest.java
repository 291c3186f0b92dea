package org.socketboard.variable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableListener;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry against the app's own demo feeds on loopback. */
// Changes go through method security: these tests act as an admin.
@WithMockUser(roles = "ADMIN")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VariableRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    VariableRegistry registry;

    @Autowired
    VariableCatalog catalog;

    @Autowired
    ServiceCatalog services;

    @LocalServerPort
    int port;

    private VariableFixtures fixtures;
    private final List<VariableLease> leases = new ArrayList<>();
    private final List<LiveVariable> toClose = new ArrayList<>();

    @BeforeEach
    void fixtures() {
        fixtures = new VariableFixtures(services, port);
    }

    @AfterEach
    void closeWhatTheTestOpened() {
        leases.forEach(VariableLease::close);
        toClose.forEach(LiveVariable::close);
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
}
