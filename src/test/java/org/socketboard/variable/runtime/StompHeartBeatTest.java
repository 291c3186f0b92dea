package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STOMP heart-beats against a server that agrees to 100 ms both ways at CONNECTED and then stays silent:
 * we keep sending ours, and its missing ones end the connection.
 */
class StompHeartBeatTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    /** WebSocket pings off: only the STOMP heart-beats watch the connection. */
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMillis(500),
            64 * 1024, Duration.ZERO);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private LoopbackWebSocketServer server;
    private LiveVariable variable;

    @AfterEach
    void cleanUp() throws Exception {
        variable.close().get(5, TimeUnit.SECONDS);
        server.close();
        scheduler.shutdownNow();
    }

    @Test
    void aServerThatSendsNoHeartBeatsIsDroppedAfterTwiceTheAgreedIntervalWhileOursKeepGoing() throws Exception {
        server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onText(LoopbackWebSocketServer.Peer peer, String text) {
                heard.add(text);
                if (text.startsWith("CONNECT\n")) {
                    peer.sendText("CONNECTED\nversion:1.2\nheart-beat:100,100\n\n\0");
                }
            }
        }, "v12.stomp");
        var protocol = new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), null, Duration.ofMillis(100));
        var spec = new LiveVariableSpec("stomp", server.uri("/stomp"), Map.of(), List.of(), "", InsertStrategy.ADD_LAST,
                10, null, "", List.of(), ReconnectPolicy.disabled(), LIMITS, Set.of(), null, false, protocol);
        variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);

        variable.open();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> variable.events().stream().anyMatch(event -> event.type() == VariableEvent.Type.CLOSE));

        assertThat(variable.events()).anySatisfy(event -> {
            assertThat(event.type()).isEqualTo(VariableEvent.Type.CLOSE);
            assertThat(event.detail()).contains("No heart-beat from the STOMP server within 200 ms");
        });
        assertThat(heard.get(0)).startsWith("CONNECT\n").contains("accept-version:1.2,1.1", "heart-beat:100,100");
        assertThat(heard).anyMatch(frame -> frame.startsWith("SUBSCRIBE\n") && frame.contains("destination:/topic/a"));
    }
}
