package org.socketboard.demofeed;

import java.util.List;

/**
 * Every built-in feed with its path, parameters and sample messages: the source for seeding the demo
 * dashboard and for the README. Each feed class documents itself; this is the list of them.
 */
public final class DemoFeedCatalog {

    /** All feed endpoints live below this prefix (so that security can let them through). */
    public static final String PATH_PATTERN = "/feeds/**";

    private static final List<DemoFeed> FEEDS = List.of(TickerFeed.FEED, VitalsFeed.FEED, ScoresFeed.FEED,
            WeatherFeed.FEED, SubscribeFeed.FEED, XmlWeatherFeed.FEED, StompFeed.FEED);

    private DemoFeedCatalog() {
    }

    public static List<DemoFeed> feeds() {
        return FEEDS;
    }
}
