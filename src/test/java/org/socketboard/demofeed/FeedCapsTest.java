package org.socketboard.demofeed;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in feeds are no free load: connections are capped per client address and in total (over a
 * cap the connection closes with 1013 "try again later" and says which cap), and the rate is capped.
 * Clients on 127.0.0.1 and on ::1 are two client addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "socketboard.feeds.max-rate=50",
        "socketboard.feeds.max-connections=3",
        "socketboard.feeds.max-connections-per-client=2"})
class FeedCapsTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoFeedRuntime runtime;

    @Test
    void aClientOverItsConnectionCapIsClosedWithTheReasonAndItsOtherConnectionsKeepStreaming() throws Exception {
        List<FeedClient> open = new ArrayList<>();
        try {
            open.add(streaming("127.0.0.1"));
            open.add(streaming("127.0.0.1"));

            try (var third = FeedClient.connect(URI.create("ws://127.0.0.1:" + port + "/feeds/ticker"))) {
                FeedClient.Close close = third.awaitClose(Duration.ofSeconds(5));
                assertThat(close.code()).isEqualTo(CloseStatus.SERVICE_OVERLOAD.getCode());
                assertThat(close.reason()).isEqualTo("at most 2 demo feed connections per client address: close one first");
            }
            for (FeedClient client : open) {
                assertThat(client.next(Duration.ofSeconds(2))).contains("\"symbol\"");
            }
        } finally {
            open.forEach(FeedClient::close);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.activeSessions() == 0);
    }

    @Test
    void overTheTotalCapEveryClientIsClosedWithTheReason() throws Exception {
        assumeTrue(reachableOnIpv6Loopback(), "no IPv6 loopback on this machine");
        List<FeedClient> open = new ArrayList<>();
        try {
            open.add(streaming("127.0.0.1"));
            open.add(streaming("127.0.0.1"));
            open.add(streaming("[::1]"));

            try (var fourth = FeedClient.connect(URI.create("ws://[::1]:" + port + "/feeds/ticker"))) {
                FeedClient.Close close = fourth.awaitClose(Duration.ofSeconds(5));
                assertThat(close.code()).isEqualTo(CloseStatus.SERVICE_OVERLOAD.getCode());
                assertThat(close.reason()).isEqualTo("the demo feeds are at their limit of 3 connections: try again later");
            }
        } finally {
            open.forEach(FeedClient::close);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.activeSessions() == 0);
        // Capacity comes back as connections close.
        try (var again = streaming("[::1]")) {
            assertThat(again.isClosedByServer()).isFalse();
        }
    }

    @Test
    void aRateAboveTheServersCapIsRefusedWithTheAcceptedRange() throws Exception {
        try (var client = FeedClient.connect(port, "/feeds/ticker?rate=51")) {
            FeedClient.Close close = client.awaitClose(Duration.ofSeconds(5));

            assertThat(close.code()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(close.reason()).isEqualTo("rate must be a whole number from 1 to 50, got '51'");
        }
    }

    @Test
    void theSubscribeFeedHoldsTheSameRateCap() throws Exception {
        try (var client = FeedClient.connect(port, "/feeds/subscribe?rate=10000")) {
            assertThat(client.awaitClose(Duration.ofSeconds(5)).reason())
                    .isEqualTo("rate must be a whole number from 1 to 50, got '10000'");
        }
    }

    private boolean reachableOnIpv6Loopback() {
        try (var probe = new Socket()) {
            probe.connect(new InetSocketAddress("::1", port), 1_000);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    /** A client on {@code host} that has received its first tick. */
    private FeedClient streaming(String host) throws InterruptedException {
        var client = FeedClient.connect(URI.create("ws://" + host + ":" + port + "/feeds/ticker?rate=20"));
        client.next(Duration.ofSeconds(5));
        return client;
    }
}
