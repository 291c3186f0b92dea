package org.socketboard.demofeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriTemplate;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The plumbing every feed shares: a connection becomes a {@link FeedSession} on the shared scheduler,
 * bad parameters close it with 1008 (policy violation) and the reason, and closing it stops the stream.
 * A feed only says what to send and how often ({@link #onOpen}), and how to answer client messages.
 */
abstract class DemoFeedHandler extends TextWebSocketHandler {

    /** Fixed-width ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-25T12:00:00.123Z}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final DemoFeedRuntime runtime;
    private final ObjectMapper json;
    private final List<String> paths;
    private final List<UriTemplate> templates;
    protected final Clock clock;
    protected final RandomGenerator random;
    /** The {@code rate} parameter as this server accepts it (capped by {@code socketboard.feeds.max-rate}). */
    protected final RangedParameter rate;

    protected DemoFeedHandler(FeedTools tools, String... paths) {
        this.runtime = tools.runtime();
        this.json = tools.json();
        this.clock = tools.clock();
        this.random = tools.random();
        this.rate = tools.settings().rate();
        this.paths = List.of(paths);
        this.templates = Arrays.stream(paths).map(UriTemplate::new).toList();
    }

    /** The path templates this feed answers on, e.g. {@code /feeds/ticker/{market}}. */
    List<String> paths() {
        return paths;
    }

    /** Starts what the new connection should receive; throws {@link InvalidFeedRequestException} for bad parameters. */
    protected abstract void onOpen(FeedSession session, FeedRequest request);

    /** Answers a message from the client. Feeds are one-way unless they say otherwise: messages are ignored. */
    protected void onMessage(FeedSession session, FeedRequest request, String text) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        runtime.open(socket).ifPresent(session -> {
            try {
                onOpen(session, request(socket));
            } catch (InvalidFeedRequestException e) {
                session.close(CloseStatus.POLICY_VIOLATION.withReason(e.getMessage()));
            }
        });
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        runtime.session(socket).ifPresent(session -> onMessage(session, request(socket), message.getPayload()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        runtime.closed(socket);
    }

    protected String timestamp() {
        return TIMESTAMP.format(clock.instant());
    }

    protected String toJson(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feed message could not be written as JSON: " + message, e);
        }
    }

    private FeedRequest request(WebSocketSession socket) {
        return FeedRequest.of(socket.getUri(), templates);
    }
}
