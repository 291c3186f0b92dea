package org.socketboard.demofeed;

import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/** {@code /feeds/ticker[/{market}]}: stock ticks for a set of symbols at a chosen rate. */
@Component
class TickerFeed extends DemoFeedHandler {

    static final DemoFeed FEED = new DemoFeed("ticker", "/feeds/ticker/{market}",
            "Stock ticker: one tick per message, the symbols in turn, prices moving as a random walk. "
                    + "The market segment is optional (/feeds/ticker uses " + Ticks.DEFAULT_MARKET
                    + ") and is echoed as \"market\".",
            List.of(new DemoFeedParameter("market", true, Ticks.DEFAULT_MARKET,
                            "market name echoed in every tick, 1 to 20 letters, digits, '.', '_' or '-'"),
                    DemoFeedParameter.query("symbols", String.join(",", Ticks.DEFAULT_SYMBOLS),
                            "comma-separated symbols, 1 to 20 of them, each 1 to 10 letters, digits or dots"),
                    RangedParameter.RATE.documented()),
            null,
            """
            {"type":"tick","market":"NYSE","symbol":"ACME","price":101.23,"change":0.12,"volume":1200,\
            "ts":"2026-11-25T12:00:00.123Z"}""");

    TickerFeed(FeedTools tools) {
        super(tools, "/feeds/ticker", FEED.pathTemplate());
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        String market = request.pathVariable("market", Ticks.DEFAULT_MARKET, Ticks.MARKET);
        List<String> symbols = request.text("symbols")
                .map(csv -> Ticks.symbols(Arrays.asList(csv.split(",", -1))))
                .orElse(Ticks.DEFAULT_SYMBOLS);
        int perSecond = rate.readFrom(request);
        var ticks = new Ticks(market, symbols, random, this::timestamp);
        session.startStream(Pacing.steady(perSecond), () -> toJson(ticks.next()));
    }
}
