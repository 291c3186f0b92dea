package org.socketboard.upstream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * One message a protocol took out of a frame: the body to decode as any message is (JSON, XML or text),
 * and fields the protocol adds to every record made from it.
 *
 * @param body        the message text (a Socket.IO event's payload as JSON, a STOMP MESSAGE body)
 * @param contentType the MIME type the server gave (STOMP {@code content-type}), or "" when none
 * @param fields      added to each record, e.g. {@code event} (Socket.IO) or {@code destination} (STOMP)
 * @param problem     why the protocol could not read this message (a malformed packet or frame), in plain
 *                    words: the variable counts and logs it as a decode error; null for a readable message
 */
public record WireMessage(String body, String contentType, Map<String, String> fields, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public WireMessage {
        body = body == null ? "" : body;
        contentType = contentType == null ? "" : contentType;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public WireMessage(String body, String contentType, Map<String, String> fields) {
        this(body, contentType, fields, null);
    }

    /** A packet or frame the protocol could not read: {@code raw} as it came, {@code problem} why. */
    public static WireMessage unreadable(String raw, String problem) {
        return new WireMessage(raw, "", null, problem);
    }

    /** Whether the server said the body is plain text (not to be read as JSON or XML). */
    public boolean isPlainText() {
        return contentType.regionMatches(true, 0, "text/plain", 0, "text/plain".length());
    }

    /**
     * The message as one sample document: a JSON object body with the fields added ({@code "event"},
     * {@code "destination"}), as its records will have them; any other body (XML, text) as it is.
     */
    public String asSample() {
        try {
            JsonNode document = JSON.readTree(body);
            if (document instanceof ObjectNode object && !isPlainText()) {
                fields.forEach(object::put);
                return object.toString();
            }
        } catch (JsonProcessingException notJson) {
            // XML or text: the body as it is.
        }
        return body;
    }
}
