package org.socketboard.demofeed;

import org.socketboard.upstream.domain.Protocol;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The admitted connections by session id, for refusing a frame on the one it came from. */
    private final Map<String, OneWriter> sessions = new ConcurrentHashMap<>();
    StompFeed(FeedSettings settings, DemoFeedRuntime runtime, @Lazy SimpMessagingTemplate broker, Clock clock,
              @Qualifier(DemoFeedConfig.RANDOM) RandomGenerator random,
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
                OneWriter writer = new OneWriter(session);
                sessions.put(session.getId(), writer);
                super.afterConnectionEstablished(writer);
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
            sessions.remove(session.getId());
            runtime.closed(session);
            super.afterConnectionClosed(session, closeStatus);
        }
    }

    /**
     * A session written by one thread at a time, Spring's writes and our refusals alike. A refusal is
     * written and the session closed under the same lock, so its ERROR always reaches the client before
     * the close. (Throwing from the inbound interceptor instead makes Spring write the ERROR on the reading
     * thread: when a CONNECTED or heart-beat is being written at that moment, Spring's session decorator
     * buffers the ERROR, and the close that follows drops the buffer.)
     */
    private static final class OneWriter extends WebSocketSessionDecorator {

        private static final StompEncoder ENCODER = new StompEncoder();
        private final Object writing = new Object();

        OneWriter(WebSocketSession session) {
            super(session);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            synchronized (writing) {
                super.sendMessage(message);
            }
        }

        /**
         * Sends an ERROR frame with {@code reason} (naming the refused frame's receipt, if it asked for one)
         * and closes with 1002, as Spring does after an ERROR.
         */
        void refuse(String reason, String receipt) {
            StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
            error.setMessage(reason);
            if (receipt != null) {
                error.setReceiptId(receipt);
            }
            TextMessage frame = new TextMessage(ENCODER.encode(error.getMessageHeaders(), new byte[0]));
            synchronized (writing) {
                try {
                    if (isOpen()) {
                        getDelegate().sendMessage(frame);
                    }
                } catch (IOException | IllegalStateException gone) {
                    // The client left meanwhile: nobody to tell.
                }
                try {
                    getDelegate().close(CloseStatus.PROTOCOL_ERROR);
                } catch (IOException alreadyClosed) {
                    // Nothing left to close.
                }
            }
        }

        /** Answers a receipt request (STOMP 1.2 requires it; Spring's simple broker answers only DISCONNECT's). */
        void receipt(String receipt) {
            StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
            answer.setReceiptId(receipt);
            try {
                sendMessage(new TextMessage(ENCODER.encode(answer.getMessageHeaders(), new byte[0])));
            } catch (IOException | IllegalStateException gone) {
                // The client left meanwhile: nobody to tell.
            }
        }
    }

    /**
     * Only the price topics of known symbols and the echo topic; SEND only to the echo topic. A refused
     * frame goes no further and its session is refused with an ERROR ({@link OneWriter#refuse}).
     */
    private final class Destinations implements ChannelInterceptor {

        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
            StompCommand command = headers.getCommand();
            String destination = headers.getDestination();
            if (command == StompCommand.SUBSCRIBE && !(ECHO.equals(destination) || isPriceTopic(destination))) {
                return refuse(headers, "Unknown destination " + destination + ": subscribe to "
                        + PRICES + "<SYMBOL> (" + String.join(", ", Ticks.DEFAULT_SYMBOLS) + ") or " + ECHO);
            }
            if (command == StompCommand.SEND && !ECHO.equals(destination)) {
                return refuse(headers, "Clients may send only to " + ECHO);
            }
            return message;
        }

        /** A SEND taken by the broker is answered with its receipt. */
        @Override
        public void postSend(Message<?> message, MessageChannel channel, boolean sent) {
            StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
            OneWriter session = headers.getSessionId() == null ? null : sessions.get(headers.getSessionId());
            if (sent && headers.getCommand() == StompCommand.SEND && headers.getReceipt() != null && session != null) {
                session.receipt(headers.getReceipt());
            }
        }

        private Message<?> refuse(StompHeaderAccessor refused, String reason) {
            OneWriter session = sessions.get(refused.getSessionId());
            if (session != null) {
                session.refuse(reason, refused.getReceipt());
            }
            return null;
        }

        private static boolean isPriceTopic(String destination) {
            return destination != null && destination.startsWith(PRICES)
                    && Ticks.DEFAULT_SYMBOLS.contains(destination.substring(PRICES.length()));
        }
    }
}
