package org.socketboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketboard.Application;
import org.socketboard.demofeed.DemoFeedRuntime;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the application (two Spring contexts under the {@code redis} profile, one database:
 * the CI's PostgreSQL under the {@code postgres} profile, else one in-memory H2) and a third context that
 * only serves the built-in ticker feed, so that the feed outlives the instances and counts their
 * connections. Redis runs on 127.0.0.1:6379; every run uses keys of its own prefix and deletes them.
 */
@Tag("redis")
class SharedVariablesAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int LIMIT = 20;
    /** Nothing here serves a page: dev mode would build the frontend bundle in the background. */
    private static final String NO_PAGES = "--vaadin.productionMode=true";

    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<VariableLease> leases = new ArrayList<>();

    @AfterEach
    void stopEverythingAndForgetTheKeys() {
        leases.forEach(VariableLease::close);
        contexts.forEach(ConfigurableApplicationContext::close);
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            var redis = connection.sync();
            ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix() + "*")).forEachRemaining(redis::del);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void oneInstanceHoldsTheConnectionTheOtherTakesOverAndTheRecordsSurviveARestart() throws Exception {
        ConfigurableApplicationContext feed = startFeedHost();
        DemoFeedRuntime feedSessions = feed.getBean(DemoFeedRuntime.class);
        int feedPort = feed.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

        ConfigurableApplicationContext a = startInstance("A");
        Variable variable = SystemAuthentication.call(() -> {
            SocketService service = new VariableFixtures(a.getBean(ServiceCatalog.class), feedPort)
                    .feed("/feeds/ticker?rate=20&symbols=ACME");
            return a.getBean(VariableCatalog.class).save(VariableFixtures.variableOn(service, LIMIT));
        });
        ConfigurableApplicationContext b = startInstance("B");
        assertThat(health(b)).contains("\"redis\":{\"status\":\"UP\"}");
        assertThat(health(feed)).doesNotContain("redis");

        LiveVariable onA = view(a, variable);
        LiveVariable onB = view(b, variable);

        // Exactly one upstream connection, held by A; B mirrors it and both show the same last records.
        await().atMost(WAIT).until(() -> onA.dataset().size() == LIMIT && onA.dataset().snapshot().equals(onB.dataset().snapshot()));
        assertThat(feedSessions.activeSessions()).isEqualTo(1);
        assertThat(onA.connectionHolder()).contains("A");
        assertThat(onB.connectionHolder()).contains("A");
        assertThat(onB.state()).isEqualTo(VariableState.OPEN);
        assertThat(onB.hasConnection()).isFalse();
        assertConsecutiveTicks(onB.dataset().snapshot());

        // The holder stops: B takes over within 10 s, and its dataset goes on without a record twice.
        a.close();
        List<JsonNode> beforeTakeOver = onB.dataset().snapshot();
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.hasConnection() && onB.connectionHolder().orElse("").equals("B"));
        await().atMost(WAIT).until(() -> feedSessions.activeSessions() == 1
                && !onB.dataset().snapshot().contains(beforeTakeOver.get(LIMIT - 1 - 5)));
        assertConsecutiveTicks(onB.dataset().snapshot());

        // Nobody looks any more, then both stop; started again, each begins with the records B had at its end.
        onB.close();
        await().atMost(WAIT).until(() -> !onB.hasConnection());
        List<JsonNode> atTheEnd = onB.dataset().snapshot();
        b.close();
        await().atMost(WAIT).until(() -> feedSessions.activeSessions() == 0);
        // A last: the security context holder a test sets is the last started context's (Vaadin's strategy).
        ConfigurableApplicationContext b2 = startInstance("B");
        ConfigurableApplicationContext a2 = startInstance("A");
        assertThat(look(a2, variable).dataset().snapshot()).isEqualTo(atTheEnd);
        assertThat(look(b2, variable).dataset().snapshot()).isEqualTo(atTheEnd);

        // A definition changed on A is live on B: the holder re-opens with it, B's dataset follows.
        LiveVariable onA2 = view(a2, variable);
        view(b2, variable);
        await().atMost(WAIT).until(() -> feedSessions.activeSessions() == 1);
        SystemAuthentication.run(() -> {
            VariableCatalog catalog = a2.getBean(VariableCatalog.class);
            Variable stored = catalog.find(variable.getId()).orElseThrow();
            stored.setDataLimit(5);
            catalog.save(stored);
        });
        VariableRegistry registryOfB = b2.getBean(VariableRegistry.class);
        await().atMost(WAIT).until(() -> {
            LiveVariable current = registryOfB.running(variable.getId()).orElseThrow();
            return current.spec().limit() == 5 && current.dataset().size() == 5
                    && current.dataset().snapshot().equals(a2.getBean(VariableRegistry.class).running(variable.getId()).orElseThrow().dataset().snapshot());
        });
        assertThat(onA2.state()).isEqualTo(VariableState.CLOSED); // replaced
        await().atMost(WAIT).until(() -> feedSessions.activeSessions() == 1);
    }

    private static String health(ConfigurableApplicationContext instance) throws Exception {
        int port = instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Each tick once (under load the feed may stamp two ticks with one millisecond), in the feed's order. */
    private static void assertConsecutiveTicks(List<JsonNode> records) {
        assertThat(new HashSet<>(records)).hasSameSizeAs(records);
        assertThat(records.stream().map(record -> record.path("ts").asText()).toList()).isSorted();
    }

    private LiveVariable view(ConfigurableApplicationContext instance, Variable variable) {
        VariableLease lease = instance.getBean(VariableRegistry.class).acquire(stored(instance, variable), "viewer");
        leases.add(lease);
        return lease.live();
    }

    private LiveVariable look(ConfigurableApplicationContext instance, Variable variable) {
        VariableLease lease = instance.getBean(VariableRegistry.class).watch(stored(instance, variable), "page");
        leases.add(lease);
        return lease.live();
    }

    private static Variable stored(ConfigurableApplicationContext instance, Variable variable) {
        return SystemAuthentication.call(() -> instance.getBean(VariableCatalog.class).find(variable.getId()).orElseThrow());
    }

    private ConfigurableApplicationContext startFeedHost() {
        return started(new SpringApplicationBuilder(Application.class).run("--server.port=0", NO_PAGES));
    }

    private ConfigurableApplicationContext startInstance(String name) {
        return started(new SpringApplicationBuilder(Application.class).profiles("redis").run(
                "--server.port=0", NO_PAGES,
                "--spring.datasource.url=jdbc:h2:mem:cluster-" + run + ";DB_CLOSE_DELAY=-1",
                "--socketboard.test.schema=sb_cluster_" + run,
                "--socketboard.cluster.key-prefix=" + prefix(),
                "--socketboard.cluster.instance-id=" + name));
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }

    private String prefix() {
        return "sbtest-" + run + ":";
    }
}
