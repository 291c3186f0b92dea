package org.socketboard.demofeed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Serves every {@link DemoFeedHandler} on its paths. Any origin may connect: the feeds are public demo
 * data, and browsers (unlike the app's own server-side client) always send an Origin header.
 */
@Configuration
@EnableWebSocket
class DemoFeedConfig implements WebSocketConfigurer {

    static final String RANDOM = "demoFeedRandom";

    private final List<DemoFeedHandler> feeds;

    DemoFeedConfig(List<DemoFeedHandler> feeds) {
        this.feeds = feeds;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        feeds.forEach(feed -> registry.addHandler(feed, feed.paths().toArray(String[]::new))
                .setAllowedOriginPatterns("*"));
    }

    /**
     * The feeds' random source; {@code socketboard.demofeed.seed} fixes it. {@link Random} because it
     * is safe to share between the scheduler's threads. Static: the handlers this configuration
     * registers need it before the configuration itself exists.
     */
    @Bean(RANDOM)
    static RandomGenerator demoFeedRandom(@Value("${socketboard.demofeed.seed:#{null}}") Long seed) {
        return seed == null ? new Random() : new Random(seed);
    }
}
