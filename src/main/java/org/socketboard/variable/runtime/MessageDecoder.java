package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.socketboard.service.inference.SampleParseException;
import org.socketboard.service.inference.SampleReader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns one whole upstream message into a Jackson tree: JSON as is, XML through inference's hardened
 * {@link SampleReader} (no DTD, no external entities; the same fields and types inference showed for
 * the service's sample), anything else as a text record
 * {@code {"text": "..."}}. Bad input never throws: it gives a {@link DecodeResult} with the reason.
 * Thread-safe; one instance can serve every connection.
 */
public final class MessageDecoder {

    public static final int DEFAULT_MAX_MESSAGE_CHARS = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 200;
    private static final int MAX_REASON_LENGTH = 200;

    private final int maxMessageChars;
    private final ObjectMapper json;
    private final SampleReader xml;

    public MessageDecoder() {
        this(DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_MAX_NESTING_DEPTH);
    }

    public MessageDecoder(int maxMessageChars, int maxNestingDepth) {
        this.maxMessageChars = maxMessageChars;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxMessageChars)
                .build();
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(constraints).build())
                // "{...} trailing garbage" is a broken message, not a good one with noise after it.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.xml = new SampleReader(constraints);
    }

    public int maxMessageChars() {
        return maxMessageChars;
    }

    /** A text frame (or text already assembled from fragments). */
    public DecodeResult decodeText(CharSequence message) {
        if (message.length() > maxMessageChars) {
            return DecodeResult.failed("The message has " + message.length() + " characters, more than the limit of " + maxMessageChars);
        }
        String text = message.toString();
        int start = firstNonWhitespace(text);
        char first = start < text.length() ? text.charAt(start) : ' ';
        if (first == '{' || first == '[') {
            return parse(json, text, "JSON");
        }
        if (first == '<') {
            return parseXml(text);
        }
        if (looksLikeJsonScalar(first)) {
            DecodeResult scalar = parse(json, text, "JSON");
            if (scalar.isDecoded()) {
                return scalar;
            }
        }
        return DecodeResult.decoded(JsonNodeFactory.instance.objectNode().put("text", text));
    }

    /** A binary frame: must be UTF-8 text in one of the formats above. */
    public DecodeResult decodeBinary(ByteBuffer message) {
        if (message.remaining() > maxMessageChars) {
            return DecodeResult.failed("The message has " + message.remaining() + " bytes, more than the limit of " + maxMessageChars);
        }
        try {
            CharSequence text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(message.duplicate());
            return decodeText(text);
        } catch (CharacterCodingException e) {
            return DecodeResult.failed("The binary message is not UTF-8 text");
        }
    }

    private static int firstNonWhitespace(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A bare number, string or literal such as {@code 42.5}; other plain text stays text. */
    private static boolean looksLikeJsonScalar(char first) {
        return first == '-' || first == '"' || (first >= '0' && first <= '9') || first == 't' || first == 'f' || first == 'n';
    }

    private static DecodeResult parse(ObjectMapper mapper, String text, String format) {
        try {
            return DecodeResult.decoded(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            return DecodeResult.failed(reason(format, e));
        }
    }

    /** XML through the same reader as inference, so live records match the fields shown for the sample. */
    private DecodeResult parseXml(String text) {
        try {
            return DecodeResult.decoded(xml.readXml(text));
        } catch (SampleParseException e) {
            return DecodeResult.failed(e.getMessage());
        }
    }

    private static String reason(String format, JsonProcessingException e) {
        String detail = e.getOriginalMessage();
        if (detail.length() > MAX_REASON_LENGTH) {
            detail = detail.substring(0, MAX_REASON_LENGTH) + "…";
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "Not valid " + format + ": " + detail.replace('\n', ' ') + where;
    }
}
