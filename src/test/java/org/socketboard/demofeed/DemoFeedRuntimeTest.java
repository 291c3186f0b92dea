package org.socketboard.demofeed;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Feed connections live exactly as long as their clients: nothing keeps running after a client leaves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoFeedRuntimeTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoFeedRuntime runtime;

    @Test
    void closingTheClientEndsItsSessionAndLeavesNoScheduledTask() throws Exception {
        int sessionsBefore = runtime.activeSessions();
        int tasksBefore = runtime.pendingTasks();
        var client = streamingTicker();
        assertThat(runtime.activeSessions()).isEqualTo(sessionsBefore + 1);
        awaitValue(runtime::pendingTasks, tasksBefore + 1); // not while the tick itself is running

        client.close();

        awaitValue(runtime::activeSessions, sessionsBefore);
        awaitValue(runtime::pendingTasks, tasksBefore);
    }

    @Test
    void aClientThatVanishesWithoutClosingIsForgottenAtTheNextSend() throws Exception {
        int sessionsBefore = runtime.activeSessions();
        int tasksBefore = runtime.pendingTasks();

        streamingTicker().abort();

        awaitValue(runtime::activeSessions, sessionsBefore);
        awaitValue(runtime::pendingTasks, tasksBefore);
    }

    @Test
    void aConnectionRefusedForABadParameterLeavesNoSessionBehind() throws Exception {
        int sessionsBefore = runtime.activeSessions();
        try (var client = FeedClient.connect(port, "/feeds/weather?interval=5")) {
            assertThat(client.awaitClose(Duration.ofSeconds(2)).reason()).startsWith("interval must be");
        }
        awaitValue(runtime::activeSessions, sessionsBefore);
    }

    /** A ticker client that has received its first tick; its next tick is at most 10 ms away. */
    private FeedClient streamingTicker() throws Exception {
        var client = FeedClient.connect(port, "/feeds/ticker?rate=100");
        client.next(Duration.ofSeconds(2));
        return client;
    }

    private static void awaitValue(IntSupplier actual, int expected) {
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(actual.getAsInt()).isEqualTo(expected));
    }
}
