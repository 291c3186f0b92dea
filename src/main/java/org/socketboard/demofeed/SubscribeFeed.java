package org.socketboard.demofeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /feeds/subscribe}: silent until the client subscribes to symbols, then ticks for those only.
 * A subscribe replaces the previous subscription; there is no acknowledgement, so the first reply to a
 * subscribe is a tick (what a connection test should capture as the sample response).
 */
@Component
class SubscribeFeed extends DemoFeedHandler {

    static final DemoFeed FEED = new DemoFeed("subscribe", "/feeds/subscribe",
            "Subscription protocol: sends nothing until the client sends {\"action\":\"subscribe\",\"symbols\":[…]}, "
                    + "then ticks (market " + Ticks.DEFAULT_MARKET + ") for those symbols only; "
                    + "{\"action\":\"unsubscribe\"} stops them. A bad request is answered with "
                    + "{\"type\":\"error\",\"message\":…} and the connection stays open.",
            List.of(RangedParameter.RATE.documented()),
            """
            {"action":"subscribe","symbols":["ACME","GLOBEX"]}""",
            TickerFeed.FEED.sampleResponse());

    record ErrorMessage(String type, String message) {
        ErrorMessage(String message) {
            this("error", message);
        }
    }

    private final ObjectMapper reader;

    SubscribeFeed(FeedTools tools) {
        super(tools, FEED.pathTemplate());
        this.reader = tools.json();
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        rate.readFrom(request); // reject a bad rate now rather than at the first subscribe
    }

    @Override
    protected void onMessage(FeedSession session, FeedRequest request, String text) {
        try {
            JsonNode command = parse(text);
            String action = command.path("action").asText("");
            switch (action) {
                case "subscribe" -> {
                    var ticks = new Ticks(Ticks.DEFAULT_MARKET, symbols(command), random, this::timestamp);
                    session.startStream(Pacing.steady(rate.readFrom(request)),
                            () -> toJson(ticks.next()));
                }
                case "unsubscribe" -> session.stopStream();
                case "" -> throw new InvalidFeedRequestException(
                        "missing \"action\": expected \"subscribe\" or \"unsubscribe\"");
                default -> throw new InvalidFeedRequestException("unknown action '" + FeedRequest.echo(action)
                        + "': expected \"subscribe\" or \"unsubscribe\"");
            }
        } catch (InvalidFeedRequestException e) {
            session.send(toJson(new ErrorMessage(e.getMessage())));
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode command = reader.readTree(text);
            if (command == null || !command.isObject()) {
                throw new InvalidFeedRequestException("expected a JSON object such as " + FEED.sampleRequest());
            }
            return command;
        } catch (JsonProcessingException e) {
            throw new InvalidFeedRequestException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> symbols(JsonNode command) {
        JsonNode symbols = command.path("symbols");
        if (!symbols.isArray() || symbols.isEmpty()) {
            throw new InvalidFeedRequestException("\"symbols\" must be a non-empty array, e.g. [\"ACME\",\"GLOBEX\"]");
        }
        List<String> requested = new ArrayList<>();
        for (JsonNode symbol : symbols) {
            if (!symbol.isTextual()) {
                throw new InvalidFeedRequestException("\"symbols\" must contain strings, got " + symbol.getNodeType());
            }
            requested.add(symbol.asText());
        }
        return Ticks.symbols(requested);
    }
}
