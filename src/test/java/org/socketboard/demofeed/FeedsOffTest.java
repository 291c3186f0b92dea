package org.socketboard.demofeed;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** With the feeds off (by default: with the demo off) no feed answers: every handshake is refused with 404. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "socketboard.feeds.enabled=false")
class FeedsOffTest {

    @LocalServerPort
    int port;

    @Test
    void everyFeedRefusesTheHandshakeWith404() {
        for (DemoFeed feed : DemoFeedCatalog.feeds()) {
            String path = feed.pathTemplate().replaceAll("/\\{[^}]+}", "");
            Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {
                    })
                    .orTimeout(20, TimeUnit.SECONDS)
                    .join());

            assertThat(refused).as(path).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theShippedSettingsTurnTheFeedsOffWithTheDemo() throws Exception {
        var shipped = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("set by the operator",
                Map.of("socketboard.demo.enabled", "false")));

        String enabled = environment.resolvePlaceholders(shipped.getProperty("socketboard.feeds.enabled"));

        assertThat(enabled).isEqualTo("false");
        assertThat(environment.resolvePlaceholders(shipped.getProperty("socketboard.feeds.enabled")
                .replace("socketboard.demo.enabled", "socketboard.demo.unset"))).as("demo on by default").isEqualTo("true");
    }
}
