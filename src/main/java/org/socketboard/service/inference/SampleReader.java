package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import com.ctc.wstx.api.WstxInputProperties;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import java.util.regex.Pattern;

/**
 * Reads message text into a Jackson tree: JSON as it is, XML into the same kind of tree. Whoever
 * decodes live messages should use this too, so that the runtime sees the paths the inference showed.
 * <p>
 * XML conventions (Jackson's): the root element's name is dropped, child elements and attributes
 * become fields, repeated elements become arrays, the text of an element that also has attributes
 * becomes the field {@code value}. XML has only text, so a text that is written exactly like a JSON
 * number ({@code 42}, {@code -1.5e3}; not {@code 007} or {@code 1,5}) becomes a number and
 * {@code true}/{@code false} a boolean; everything else stays text. DTDs and external entities are
 * refused, so an XXE payload is never resolved.
 */
public final class SampleReader {

    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\s*\\(start marker at \\[Source:.*");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    /** The field that holds the text of an XML element that also has attributes or children. */
    public static final String XML_TEXT_FIELD = "value";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final XmlMapper xml;

    public SampleReader() {
        this(StreamReadConstraints.defaults());
    }

    /**
     * With limits on nesting and size: the live runtime reads XML messages with this reader too, so
     * that a message has the same fields (and field types) that inference showed for its sample.
     */
    public SampleReader(StreamReadConstraints constraints) {
        this.xml = secureXmlMapper(constraints);
    }

    /** XML when the text starts with {@code <} (after blanks), otherwise JSON. */
    public static SampleFormat detectFormat(String text) {
        return text.stripLeading().startsWith("<") ? SampleFormat.XML : SampleFormat.JSON;
    }

    /** Reads the text in its {@linkplain #detectFormat detected} format. */
    public JsonNode read(String text) {
        return detectFormat(text) == SampleFormat.XML ? readXml(text) : readJson(text);
    }

    public JsonNode readJson(String text) {
        requireContent(text);
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw positioned("JSON", e.getLocation(), e.getOriginalMessage());
        }
    }

    public JsonNode readXml(String text) {
        requireContent(text);
        try {
            return typed(xml.readTree(text));
        } catch (JacksonException e) {
            // Woodstox knows where the XML broke; Jackson's own location is often just the start.
            if (e.getCause() instanceof XMLStreamException cause && cause.getLocation() != null) {
                Location at = cause.getLocation();
                throw positioned("XML", at.getLineNumber(), at.getColumnNumber(), withoutLocation(cause));
            }
            throw positioned("XML", e.getLocation(), e.getOriginalMessage());
        }
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

    private static SampleParseException positioned(String format, JsonLocation location, String problem) {
        return location == null
                ? new SampleParseException("Invalid " + format + ": " + firstLine(problem))
                : positioned(format, location.getLineNr(), location.getColumnNr(), problem);
    }

    private static SampleParseException positioned(String format, int line, int column, String problem) {
        return new SampleParseException("Invalid " + format + " at line " + line + ", column " + column + ": "
                + firstLine(problem), line, column);
    }

    /** XMLStreamException puts "ParseError at [row,col]:[3,14]\nMessage: …" before the problem. */
    private static String withoutLocation(XMLStreamException e) {
        String message = e.getMessage();
        int start = message.indexOf("Message: ");
        return start < 0 ? message : message.substring(start + "Message: ".length());
    }

    /** The first line of Jackson's message, without its pointer back into the source text. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return SOURCE_REFERENCE.matcher(line).replaceAll("").strip();
    }
}
