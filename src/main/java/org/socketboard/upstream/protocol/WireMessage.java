package org.socketboard.upstream.protocol;

import java.util.Map;

/**
 * One message a protocol took out of a frame: the body to decode as any message is (JSON, XML or text),
 * and fields the protocol adds to every record made from it.
 *
 * @param body        the message text (a Socket.IO event's payload as JSON, a STOMP MESSAGE body)
 * @param contentType the MIME type the server gave (STOMP {@code content-type}), or "" when none
 * @param fields      added to each record, e.g. {@code event} (Socket.IO) or {@code destination} (STOMP)
 */
public record WireMessage(String body, String contentType, Map<String, String> fields) {

    public WireMessage {
        body = body == null ? "" : body;
        contentType = contentType == null ? "" : contentType;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** Whether the server said the body is plain text (not to be read as JSON or XML). */
    public boolean isPlainText() {
        return contentType.regionMatches(true, 0, "text/plain", 0, "text/plain".length());
    }
}
