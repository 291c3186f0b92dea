package org.socketboard.demofeed;

import org.socketboard.upstream.domain.Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

/**
 * {@code /feeds/stomp}: a STOMP 1.2 endpoint on Spring's own STOMP support and simple broker. Topics
 * {@code /topic/prices.<SYMBOL>} (ACME, GLOBEX, INITECH, UMBRELLA) get a tick of that symbol in turn
 * every {@code socketboard.feeds.stomp-tick} (250 ms: each symbol once a second); {@code /topic/echo}
 * passes on whatever a client SENDs to it. Anything else is refused with an ERROR frame. Heart-beats
 * every {@code socketboard.feeds.stomp-heart-beat} (10 s) both ways. The feeds' rules hold: no
 * endpoint while feeds are off (404), and the connection caps of {@link DemoFeedRuntime}.
 */
@Configuration
@EnableWebSocketMessageBroker
class StompFeed implements WebSocketMessageBrokerConfigurer {

    static final String PATH = "/feeds/stomp";
    static final String PRICES = "/topic/prices.";
    static final String ECHO = "/topic/echo";

    static final DemoFeed FEED = new DemoFeed("stomp", PATH,
            "STOMP 1.2 (protocol STOMP): SUBSCRIBE to /topic/prices.<SYMBOL> for "
                    + String.join(", ", Ticks.DEFAULT_SYMBOLS) + " (each symbol ticks once a second, JSON with "
                    + "content-type application/json), or to /topic/echo, which passes on what clients SEND to it. "
                    + "Other destinations get an ERROR frame.",
            List.of(), null,
            """
            {"type":"tick","market":"NYSE","symbol":"ACME","price":101.23,"change":0.12,"volume":1200,\
            "ts":"2026-11-25T12:00:00.123Z"}""", Protocol.STOMP);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final FeedSettings settings;
    private final DemoFeedRuntime runtime;
    private final SimpMessagingTemplate broker;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration tick;
    private final Duration heartBeat;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    StompFeed(FeedSettings settings, DemoFeedRuntime runtime, @Lazy SimpMessagingTemplate broker, Clock clock,
              @org.springframework.beans.factory.annotation.Qualifier(DemoFeedConfig.RANDOM) RandomGenerator random,
              @Value("${socketboard.feeds.stomp-tick:250ms}") Duration tick,
              @Value("${socketboard.feeds.stomp-heart-beat:10s}") Duration heartBeat) {
        this.settings = settings;
        this.runtime = runtime;
        this.broker = broker;
        this.clock = clock;
        this.random = random;
        this.tick = tick;
        this.heartBeat = heartBeat;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("stomp-feed-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        var endpoint = registry.addEndpoint(PATH).setAllowedOriginPatterns("*");
        if (!settings.enabled()) {
            endpoint.addInterceptors(new DemoFeedConfig.FeedsOff());
        }
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long beat = heartBeat.toMillis();
        registry.enableSimpleBroker("/topic").setHeartbeatValue(new long[] {beat, beat}).setTaskScheduler(scheduler);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(Admission::new);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new Destinations());
    }

    /** The ticks, sent on the broker's scheduler only while the feeds are on. */
    @Bean
    StompTicker stompTicker() {
        return new StompTicker();
    }

    /** Ticks go out only while the feeds are on; the broker drops them when no one subscribes. */
    final class StompTicker implements SmartLifecycle {

        private volatile ScheduledFuture<?> ticking;

        @Override
        public void start() {
            if (settings.enabled()) {
                var ticks = new Ticks(Ticks.DEFAULT_MARKET, Ticks.DEFAULT_SYMBOLS, random, () -> TIMESTAMP.format(clock.instant()));
                ticking = scheduler.scheduleWithFixedDelay(() -> {
                    Ticks.Tick next = ticks.next();
                    broker.convertAndSend(PRICES + next.symbol(), next);
                }, tick);
            }
        }

        @Override
        public void stop() {
            ScheduledFuture<?> running = ticking;
            if (running != null) {
                running.cancel(false);
                ticking = null;
            }
        }

        @Override
        public boolean isRunning() {
            return ticking != null;
        }
    }

    /** Each STOMP connection counts against the feeds' connection caps, like every other feed's. */
    private final class Admission extends WebSocketHandlerDecorator {

        Admission(WebSocketHandler delegate) {
            super(delegate);
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) throws Exception {
            if (runtime.open(session).isPresent()) {
                super.afterConnectionEstablished(session);
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
            runtime.closed(session);
            super.afterConnectionClosed(session, closeStatus);
        }
    }

    /** Only the price topics of known symbols and the echo topic; SEND only to the echo topic. */
    private static final class Destinations implements ChannelInterceptor {

        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
            StompCommand command = headers.getCommand();
            String destination = headers.getDestination();
            if (command == StompCommand.SUBSCRIBE && !(ECHO.equals(destination) || isPriceTopic(destination))) {
                throw new MessageDeliveryException("Unknown destination " + destination + ": subscribe to "
                        + PRICES + "<SYMBOL> (" + String.join(", ", Ticks.DEFAULT_SYMBOLS) + ") or " + ECHO);
            }
            if (command == StompCommand.SEND && !ECHO.equals(destination)) {
                throw new MessageDeliveryException("Clients may send only to " + ECHO);
            }
            return message;
        }

        private static boolean isPriceTopic(String destination) {
            return destination != null && destination.startsWith(PRICES)
                    && Ticks.DEFAULT_SYMBOLS.contains(destination.substring(PRICES.length()));
        }
    }
}
