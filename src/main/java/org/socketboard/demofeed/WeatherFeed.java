package org.socketboard.demofeed;

import org.springframework.stereotype.Component;

import java.util.List;

/** {@code /feeds/weather}: a snapshot of all cities on connect and then every interval. */
@Component
class WeatherFeed extends DemoFeedHandler {

    private static final RangedParameter INTERVAL = RangedParameter.interval(3_000, "ms between snapshots");

    static final DemoFeed FEED = new DemoFeed("weather", "/feeds/weather",
            "Weather snapshot: the current readings of several cities as one message, records under \"/data\".",
            List.of(INTERVAL.documented()),
            null,
            """
            {"type":"snapshot","ts":"2026-11-25T12:00:00.123Z","data":[\
            {"city":"Oslo","tempC":3.5,"humidity":81,"windKph":12.0,"conditions":"cloudy"},\
            {"city":"Lisbon","tempC":17.2,"humidity":64,"windKph":9.5,"conditions":"partly cloudy"}]}""");

    record Snapshot(String type, String ts, List<Weather.CityWeather> data) {
    }

    WeatherFeed(FeedTools tools) {
        super(tools, FEED.pathTemplate());
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        var weather = new Weather(random);
        session.startStream(Pacing.steady(1_000.0 / INTERVAL.readFrom(request)),
                () -> toJson(new Snapshot("snapshot", timestamp(), weather.snapshot())));
    }
}
