package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import com.ctc.wstx.api.WstxInputProperties;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads message text into Jackson trees, the same way for samples at import and for live messages
 * (so that the runtime sees the paths the inference showed). {@link #readMessage} decides the format:
 * <ul>
 *   <li>text starting (after blanks and a byte order mark) with {@code {} or {@code [}: JSON, one or
 *   more documents ({@link LenientJson}: newline-delimited, concatenated, NaN and Infinity as null, …);</li>
 *   <li>starting with {@code <}: XML;</li>
 *   <li>starting like a JSON number, string or literal ({@code 42}, {@code "on"}, {@code true}) and
 *   reading as such: JSON; any other text (also {@code 42 apples}): one record {@code {"text": "…"}}.</li>
 * </ul>
 * XML conventions (Jackson's): the root element's name is dropped, child elements and attributes
 * become fields, repeated elements become arrays, the text of an element that also has attributes
 * becomes the field {@code value}. XML has only text, so a text that is written exactly like a JSON
 * number ({@code 42}, {@code -1.5e3}; not {@code 007} or {@code 1,5}) becomes a number and
 * {@code true}/{@code false} a boolean; everything else stays text. DTDs and external entities are
 * refused, so an XXE payload is never resolved.
 */
public final class SampleReader {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    /** The field that holds the text of an XML element that also has attributes or children. */
    public static final String XML_TEXT_FIELD = "value";
    /** The one field of a plain-text message's record: {@code {"text": "temp=21.5;hum=40"}}. */
    public static final String TEXT_FIELD = "text";

    /** How deep objects and arrays (or XML elements) may nest, in samples and live messages alike. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

    private final LenientJson json;
    private final XmlMapper xml;

    public SampleReader() {
        this(StreamReadConstraints.builder().maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH).build());
    }

    /** With limits on nesting and size (the live runtime's, for messages). */
    public SampleReader(StreamReadConstraints constraints) {
        this.json = new LenientJson(constraints);
        this.xml = secureXmlMapper(constraints);
    }

    /**
     * Reads a whole message or sample in the format its text shows (see the class comment). Never
     * throws for bad input: what cannot be read is in {@link MessageContent#problems()}, each with its
     * line, column and an excerpt; the documents around a bad JSON document are kept.
     */
    public MessageContent readMessage(String text) {
        String content = LenientJson.withoutByteOrderMark(text);
        int start = firstNonWhitespace(content);
        char first = start < content.length() ? content.charAt(start) : ' ';
        if (first == '{' || first == '[') {
            return json.read(content);
        }
        if (first == '<') {
            try {
                return new MessageContent(SampleFormat.XML, List.of(readXml(content)), List.of());
            } catch (SampleParseException e) {
                return new MessageContent(SampleFormat.XML, List.of(), List.of(e.problem()));
            }
        }
        if (looksLikeJsonScalar(first)) {
            MessageContent scalar = json.read(content);
            if (scalar.problems().isEmpty() && !scalar.documents().isEmpty()) {
                return scalar;
            }
        }
        return new MessageContent(SampleFormat.TEXT,
                List.of(JsonNodeFactory.instance.objectNode().put(TEXT_FIELD, content)), List.of());
    }

    /** One JSON document, the whole text (a request body is sent as one message). */
    public JsonNode readJson(String text) {
        requireContent(text);
        return json.readOne(text);
    }

    public JsonNode readXml(String text) {
        requireContent(text);
        try {
            return typed(xml.readTree(text));
        } catch (JacksonException e) {
            // Woodstox knows where the XML broke; Jackson's own location is often just the start.
            if (e.getCause() instanceof XMLStreamException cause && cause.getLocation() != null) {
                Location at = cause.getLocation();
                throw new SampleParseException(ReadProblems.xml(cause.getMessage(), text, at.getLineNumber(), at.getColumnNumber()));
            }
            JsonLocation at = e.getLocation();
            throw new SampleParseException(ReadProblems.xml(e.getOriginalMessage(), text,
                    at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr()));
        }
    }

    private static int firstNonWhitespace(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A bare number, string or literal such as {@code 42.5} or {@code NaN}; other plain text stays text. */
    private static boolean looksLikeJsonScalar(char first) {
        return first == '-' || first == '"' || (first >= '0' && first <= '9')
                || first == 't' || first == 'f' || first == 'n' || first == 'N' || first == 'I';
    }

    private static void requireContent(String text) {
        if (text == null || text.isBlank()) {
            throw new SampleParseException("The sample is empty.");
        }
    }

    /** Numbers and booleans written as XML text become numbers and booleans (see the class comment). */
    private JsonNode typed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(typed(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, typed(array.get(i)));
            }
        } else if (node.isTextual()) {
            String text = node.textValue();
            if (JSON_NUMBER.matcher(text).matches()) {
                return readJson(text);
            }
            if (text.equals("true") || text.equals("false")) {
                return BooleanNode.valueOf(Boolean.parseBoolean(text));
            }
        }
        return node;
    }

    private static XmlMapper secureXmlMapper(StreamReadConstraints constraints) {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        if (input.isPropertySupported(WstxInputProperties.P_MAX_ELEMENT_DEPTH)) {
            input.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, constraints.getMaxNestingDepth());
        }
        XmlMapper mapper = new XmlMapper(XmlFactory.builder()
                .xmlInputFactory(input)
                .streamReadConstraints(constraints)
                .nameForTextElement(XML_TEXT_FIELD)
                .build());
        // Without this, anything after the root element would be dropped silently.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
