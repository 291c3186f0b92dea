package org.socketboard.demofeed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Serves every {@link DemoFeedHandler} on its paths while {@code socketboard.feeds.enabled} (by default
 * the demo's switch); otherwise every feed handshake is refused with 404. Any origin may connect: the
 * feeds are public demo data, and browsers (unlike the app's own server-side client) always send an
 * Origin header. {@link DemoFeedRuntime} caps the connections, {@link FeedSettings#rate()} the rate.
 */
@Configuration
@EnableWebSocket
class DemoFeedConfig implements WebSocketConfigurer {

    static final String RANDOM = "demoFeedRandom";

    private final List<DemoFeedHandler> feeds;
    private final FeedSettings settings;

    DemoFeedConfig(List<DemoFeedHandler> feeds, FeedSettings settings) {
        this.feeds = feeds;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        feeds.forEach(feed -> {
            var registration = registry.addHandler(feed, feed.paths().toArray(String[]::new))
                    .setAllowedOriginPatterns("*");
            if (!settings.enabled()) {
                registration.addInterceptors(new FeedsOff());
            }
        });
    }

    /** Refuses the opening handshake with 404: a server whose feeds are off has none. */
    static final class FeedsOff implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception failure) {
            // never reached: the handshake was refused
        }
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
