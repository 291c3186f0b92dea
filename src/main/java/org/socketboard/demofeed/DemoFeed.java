package org.socketboard.demofeed;

import org.socketboard.upstream.domain.Protocol;

import java.util.List;

/**
 * The documentation of one built-in feed, as a service import would need it.
 *
 * @param name           short unique name, e.g. {@code ticker}
 * @param pathTemplate   the path with its path parameters, e.g. {@code /feeds/ticker/{market}}
 * @param description    what the feed sends and when
 * @param parameters     its path and query parameters
 * @param sampleRequest  the message a client sends first (JSON), or {@code null} when it needs none
 * @param sampleResponse a message of exactly the shape the feed sends
 * @param protocol       what the feed speaks inside the WebSocket
 */
public record DemoFeed(String name, String pathTemplate, String description, List<DemoFeedParameter> parameters,
                       String sampleRequest, String sampleResponse, Protocol protocol) {

    /** A plain WebSocket feed. */
    public DemoFeed(String name, String pathTemplate, String description, List<DemoFeedParameter> parameters,
                    String sampleRequest, String sampleResponse) {
        this(name, pathTemplate, description, parameters, sampleRequest, sampleResponse, Protocol.WEBSOCKET);
    }
}
