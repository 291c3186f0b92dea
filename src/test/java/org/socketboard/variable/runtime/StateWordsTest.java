package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.security.MutableClock;
import org.socketboard.variable.domain.InsertStrategy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.socketboard.upstream.UpstreamClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a widget says about its variable, against a loopback port where nothing listens. */
class StateWordsTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private LiveVariable variable;

    @AfterEach
    void close() throws Exception {
        if (variable != null) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        scheduler.shutdownNow();
    }

    private LiveVariable onAPortWhereNothingListens(ReconnectPolicy reconnect) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var spec = new LiveVariableSpec("refused", URI.create("ws://127.0.0.1:" + port + "/feed"), Map.of(), List.of(),
                "", InsertStrategy.ADD_LAST, 10, null, "", List.of(), reconnect, ConnectionLimits.DEFAULT);
        variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, clock, scheduler);
        return variable;
    }

    @Test
    void aVariableNobodyOpenedIsClosedAndSaysSo() throws IOException {
        var words = StateWords.of(onAPortWhereNothingListens(ReconnectPolicy.disabled()));

        assertThat(words.state()).isEqualTo(VariableState.CLOSED);
        assertThat(words.words()).isEqualTo("closed: not opened yet");
    }

    @Test
    void aLostConnectionCountsDownTheSecondsToTheNextAttempt() throws IOException {
        // Equal jitter: the first wait is between 4 and 8 s.
        var live = onAPortWhereNothingListens(new ReconnectPolicy(true, Duration.ofSeconds(8), Duration.ofSeconds(8), 0));

        live.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.state() == VariableState.RECONNECTING);
        String first = StateWords.of(live).words();
        clock.advance(Duration.ofSeconds(2));
        String later = StateWords.of(live).words();
        clock.advance(Duration.ofSeconds(10));
        String due = StateWords.of(live).words();

        assertThat(first).matches("reconnecting in [4-8] s");
        int firstSeconds = Integer.parseInt(first.replaceAll("\\D", ""));
        assertThat(later).isEqualTo("reconnecting in " + (firstSeconds - 2) + " s");
        assertThat(due).isEqualTo("reconnecting in 1 s");
    }

    @Test
    void aConnectionThatFailsForGoodSaysWhyInPlainWords() throws IOException {
        var live = onAPortWhereNothingListens(ReconnectPolicy.disabled());

        live.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.state() == VariableState.FAILED);
        var words = StateWords.of(live);

        assertThat(words.words()).startsWith("failed: ").hasSizeGreaterThan("failed: ".length() + 3)
                .containsIgnoringCase("connect").doesNotContain("java.", "Exception", "null");
    }

    @Test
    void aVariableClosedByHandSaysWhoClosedIt() throws Exception {
        var live = onAPortWhereNothingListens(new ReconnectPolicy(true, Duration.ofSeconds(8), Duration.ofSeconds(8), 0));
        live.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.state() == VariableState.RECONNECTING);

        live.close("Closed by hand on the variable page").get(5, TimeUnit.SECONDS);

        assertThat(StateWords.of(live).words()).isEqualTo("closed by hand on the variable page");
    }
}
