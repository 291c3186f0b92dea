package org.socketboard.demofeed;

/** A whole-number query parameter with a default and an accepted range, read and documented from one place. */
record RangedParameter(String name, int fallback, int min, int max, String meaning) {

    /**
     * Rate of a ticking feed: up to benchmark rates, where a single connection stops being useful. A server
     * accepts at most its {@code socketboard.feeds.max-rate} ({@link FeedSettings#rate()}).
     */
    static final RangedParameter RATE = new RangedParameter("rate", 2, 1, 10_000,
            "messages per second (at most the server's socketboard.feeds.max-rate)");

    /** Milliseconds between messages: a floor keeps a client from turning a feed into a busy loop. */
    static RangedParameter interval(int fallback, String meaning) {
        return new RangedParameter("interval", fallback, 100, 60_000, meaning);
    }

    /** The same parameter accepting at most {@code cap} (and defaulting to no more than it). */
    RangedParameter cappedAt(int cap) {
        int highest = Math.max(min, Math.min(max, cap));
        return new RangedParameter(name, Math.min(fallback, highest), min, highest, meaning);
    }

    int readFrom(FeedRequest request) {
        return request.number(name, fallback, min, max);
    }

    DemoFeedParameter documented() {
        return DemoFeedParameter.query(name, String.valueOf(fallback), meaning + ", " + min + " to " + max);
    }
}
