package org.socketboard.demofeed;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application closes the feed connections and stops the scheduler. Runs its own small
 * context (the feeds and a web server only), since it has to close it.
 */
class DemoFeedShutdownTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebSocketServletAutoConfiguration.class, JacksonAutoConfiguration.class})
    @ComponentScan(basePackageClasses = DemoFeedRuntime.class)
    @EnableConfigurationProperties(FeedSettings.class)
    static class FeedsOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Test
    void closingTheApplicationSaysGoingAwayToClientsAndStopsTheScheduler() throws Exception {
        var app = new SpringApplicationBuilder(FeedsOnly.class).properties("server.port=0").run();
        DemoFeedRuntime runtime = app.getBean(DemoFeedRuntime.class);
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        try (var client = FeedClient.connect(port, "/feeds/ticker?rate=100")) {
            client.next(Duration.ofSeconds(2));

            app.close();

            assertThat(client.awaitClose(Duration.ofSeconds(3)).code()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
        }
        assertThat(runtime.isRunning()).isFalse();
        assertThat(runtime.activeSessions()).isZero();
        assertThat(runtime.pendingTasks()).isZero();
    }
}
