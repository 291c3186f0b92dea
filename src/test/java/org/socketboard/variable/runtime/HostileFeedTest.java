package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.domain.InsertStrategy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 10 part 4, kept true: hostile frames lose no good record, read no file, fetch no DTD; a flood arrives whole. */
class HostileFeedTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(100), 0);
    private static final ConnectionLimits ONE_MEGABYTE = new ConnectionLimits(Duration.ofSeconds(3), Duration.ofMillis(500), 1_048_576, Duration.ZERO);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
        scheduler.shutdownNow();
    }

    private LiveVariable variable(LoopbackWebSocketServer server, int limit) {
        var spec = new LiveVariableSpec("hostile", server.uri("/feed"), Map.of(), List.of(), "", InsertStrategy.ADD_LAST, limit,
                null, "", List.of(), QUICK, ONE_MEGABYTE);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        cleanup.add(0, () -> variable.close().get(5, TimeUnit.SECONDS));
        return variable;
    }

    /** One frame the feed sends; {@code ends} when the client must close the connection over it. */
    private record Frame(Consumer<LoopbackWebSocketServer.Peer> send, boolean ends) {
        static Frame text(String text) {
            return new Frame(peer -> peer.sendText(text), false);
        }
    }

    @Test
    void everyGoodRecordIsKeptAmongHostileFramesAndNoFileOrDtdIsRead() throws Exception {
        var dtdServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(dtdServer);
        dtdServer.setSoTimeout(1);
        var hostnameFile = java.nio.file.Path.of("/etc/hostname");
        // The XXE frame names this file; its content must never show up in a record.
        String hostname = java.nio.file.Files.isReadable(hostnameFile) ? java.nio.file.Files.readString(hostnameFile).strip() : "";
        String secretLine = hostname.isEmpty() ? "\u0000unreadable\u0000" : hostname;
        List<Frame> hostile = List.of(
                new Frame(peer -> peer.sendBinary(new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xFD}), false),
                new Frame(peer -> peer.sendFrame(0x1, true, new byte[]{'{', (byte) 0xC3, 0x28, '}'}), true),
                new Frame(peer -> peer.sendText("{\"big\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}"), true),
                Frame.text("[".repeat(100_000) + "]".repeat(100_000)),
                Frame.text("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)),
                Frame.text("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
                        + "<lolz>&lol4;</lolz>"),
                Frame.text("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><r>&x;</r>"),
                Frame.text("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:" + dtdServer.getLocalPort() + "/evil.dtd\"><r>1</r>"),
                Frame.text("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:" + dtdServer.getLocalPort() + "/p.dtd\"> %p;]><r>2</r>"),
                Frame.text("{\"seq\":"),
                Frame.text(""),
                Frame.text("\u0000\u0000\u0000"),
                Frame.text("{\"v\":1e999999}"),
                Frame.text("{\"v\":" + "9".repeat(100_000) + "}"),
                Frame.text("]]]]}}}}"),
                Frame.text("{\"" + "k".repeat(100_000) + "\":1}"),
                Frame.text("{\"a\":1}{\"b\":"),
                Frame.text("\uFEFF\uFEFF{"),
                Frame.text("<r><unclosed></r>"),
                Frame.text("null"),
                Frame.text("\"just a string with <script>alert(1)</script>\""),
                new Frame(peer -> peer.sendBinary("{\"seq\":".getBytes(StandardCharsets.UTF_8)), false),
                new Frame(peer -> peer.sendBinary(new byte[64 * 1024]), false),
                new Frame(peer -> peer.sendFragmented("{\"frag", "mented\":", "}"), false),
                new Frame(peer -> peer.sendPing("unexpected ping"), false),
                new Frame(peer -> peer.sendFrame(0xA, true, "unsolicited pong".getBytes(StandardCharsets.UTF_8)), false));
        List<Frame> feed = new ArrayList<>();
        for (int seq = 1; seq <= 25; seq++) {
            int good = seq;
            feed.add(Frame.text("{\"seq\":" + good + "}"));
            feed.add(hostile.get(seq - 1));
        }
        feed.add(hostile.get(25));
        assertThat(hostile).as("kinds of hostile frames").hasSize(26);
        var next = new AtomicInteger();
        var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                // Each connection goes on where the last one ended; after a frame the client must refuse, it waits.
                for (int i = next.getAndIncrement(); i < feed.size(); i = next.getAndIncrement()) {
                    feed.get(i).send().accept(peer);
                    if (feed.get(i).ends()) {
                        return;
                    }
                }
            }
        });
        cleanup.add(server);
        var variable = variable(server, 1000);

        variable.open();

        await().atMost(Duration.ofSeconds(20)).until(() -> next.get() >= feed.size() && variable.state() == VariableState.OPEN
                && variable.dataset().snapshot().stream().anyMatch(r -> r.path("seq").asInt() == 25));
        List<Integer> kept = variable.dataset().snapshot().stream().filter(r -> r.has("seq")).map(r -> r.get("seq").asInt()).toList();
        assertThat(kept).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(variable.dataset().snapshot()).extracting(JsonNode::toString).noneMatch(text -> text.contains(secretLine));
        assertThat(accepted(dtdServer)).as("no DTD was fetched").isZero();
        assertThat(variable.stats().decodeErrors()).isPositive();
    }

    private static int accepted(ServerSocket server) {
        int count = 0;
        while (true) {
            try (var ignored = server.accept()) {
                count++;
            } catch (java.io.IOException none) {
                return count;
            }
        }
    }

    @Test
    void aFloodOfTwentyThousandMessagesArrivesWholeAndInOrder() throws Exception {
        var server = new LoopbackWebSocketServer(new LoopbackWebSocketServer.Behaviour() {
            @Override
            public void onOpen(LoopbackWebSocketServer.Peer peer) {
                for (int seq = 1; seq <= 20_000; seq++) {
                    peer.sendText("{\"seq\":" + seq + ",\"symbol\":\"ACME\",\"price\":" + (100 + seq % 7) + "}");
                }
            }
        });
        cleanup.add(server);
        var variable = variable(server, 100);

        variable.open();

        await().atMost(Duration.ofSeconds(20)).until(() -> variable.stats().messagesReceived() == 20_000);
        assertThat(variable.stats().decodeErrors()).isZero();
        assertThat(variable.dataset().snapshot()).extracting(r -> r.get("seq").asInt())
                .containsExactlyElementsOf(IntStream.rangeClosed(19_901, 20_000).boxed().toList());
        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
    }
}
