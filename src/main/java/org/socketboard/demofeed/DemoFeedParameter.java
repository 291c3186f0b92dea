package org.socketboard.demofeed;

/**
 * A path or query parameter of a built-in feed.
 *
 * @param name         as it appears in the URL
 * @param inPath       {@code true} for a {@code {name}} path segment, {@code false} for {@code ?name=value}
 * @param defaultValue what the feed uses when the parameter is absent
 * @param description  meaning and accepted values
 */
public record DemoFeedParameter(String name, boolean inPath, String defaultValue, String description) {

    static DemoFeedParameter query(String name, String defaultValue, String description) {
        return new DemoFeedParameter(name, false, defaultValue, description);
    }
}
