package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way SocketBoard reads JSON, for live messages and samples alike: what Python's {@code json}
 * module or a browser's {@code fetch(...).json()} reads, no more (README, "What SocketBoard reads").
 * <ul>
 *   <li>{@code NaN}, {@code Infinity} and {@code -Infinity} (Python), and numbers too large for a
 *   double such as {@code 1e400} (both), are read; every non-finite number becomes JSON {@code null};</li>
 *   <li>a leading byte order mark U+FEFF is skipped (the browser's UTF-8 decoding drops it);</li>
 *   <li>integers of any length up to the number limit stay exact; a repeated field name keeps its last value;</li>
 *   <li>several documents in one text: newline-delimited, whitespace-separated or simply
 *   concatenated ({@code {..}{..}}), each a document of its own.</li>
 * </ul>
 * Refused as both clients refuse them: single quotes, comments, trailing commas, unquoted names,
 * leading zeros, control characters inside strings.
 */
public final class LenientJson {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public LenientJson(StreamReadConstraints constraints) {
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(constraints)
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    /** The text without a leading byte order mark. */
    public static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * Reads every document of {@code text} (no byte order mark: see {@link #withoutByteOrderMark}) into
     * {@code documents}. A broken document is one problem in {@code problems}; reading resumes at the
     * next line after the broken document's first line that starts with {@code {} or {@code [}, so the
     * good lines of newline-delimited JSON around a bad one are kept. Whitespace alone is no document.
     */
    public void readDocuments(String text, List<JsonNode> documents, List<ReadProblem> problems) {
        int from = 0;
        int lineBefore = 0;
        while (from >= 0) {
            String part = from == 0 ? text : text.substring(from);
            int read = 0;
            boolean inDocument = false;
            JsonParser parser = createParser(part);
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    inDocument = true;
                    documents.add(finite(mapper.readTree(parser)));
                    inDocument = false;
                    read++;
                }
                return;
            } catch (JacksonException e) {
                ReadProblem problem = ReadProblems.json(e, parser.currentLocation(), text, from, lineBefore);
                problems.add(problem);
                // Resume after the line where the broken document began (or where a token between documents failed).
                int brokenAt = inDocument ? from + startOfDocument(part, read) : problem.offset();
                from = nextDocumentLine(text, brokenAt);
                lineBefore = from < 0 ? 0 : lineOf(text, from) - 1;
            } catch (IOException e) {
                throw noIoFromText(e);
            } finally {
                closeQuietly(parser);
            }
        }
    }

    /**
     * Where document number {@code index} (0-based) of {@code text} starts, the ones before it being
     * good. Only on the error path, so that reading good documents records no positions.
     */
    private int startOfDocument(String text, int index) {
        JsonParser parser = createParser(text);
        try {
            for (int i = 0; i < index; i++) {
                parser.nextToken();
                parser.skipChildren();
            }
            parser.nextToken();
            return (int) parser.currentTokenLocation().getCharOffset();
        } catch (IOException e) {
            throw noIoFromText(e);
        } finally {
            closeQuietly(parser);
        }
    }

    private JsonParser createParser(String text) {
        try {
            return factory.createParser(text);
        } catch (IOException e) {
            throw noIoFromText(e);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException e) {
            throw noIoFromText(e);
        }
    }

    /** A String source has no I/O; the parser declares it anyway. */
    private static IllegalStateException noIoFromText(IOException e) {
        return new IllegalStateException(e);
    }

    /** Where the next line starting (after blanks) with { or [ begins after the line of {@code offset}, or -1. */
    private static int nextDocumentLine(String text, int offset) {
        int lineEnd = text.indexOf('\n', offset);
        while (lineEnd >= 0) {
            int start = lineEnd + 1;
            int i = start;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
                i++;
            }
            if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
                return start;
            }
            lineEnd = text.indexOf('\n', start);
        }
        return -1;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** One document that must be the whole text, e.g. a request body or the text of an XML element. */
    public JsonNode readOne(String text) {
        List<JsonNode> documents = new ArrayList<>(1);
        List<ReadProblem> problems = new ArrayList<>(1);
        readDocuments(withoutByteOrderMark(text), documents, problems);
        if (!problems.isEmpty()) {
            throw new SampleParseException(problems.get(0));
        }
        if (documents.size() > 1) {
            JsonLocation second = secondDocument(text);
            throw new SampleParseException(ReadProblems.positioned("JSON", text, second,
                    "more text follows the end of the JSON value; one value is expected here"));
        }
        if (documents.isEmpty()) {
            throw new SampleParseException("The sample is empty.");
        }
        return documents.get(0);
    }

    private JsonLocation secondDocument(String text) {
        JsonParser parser = createParser(withoutByteOrderMark(text));
        try {
            parser.nextToken();
            parser.skipChildren();
            parser.nextToken();
            return parser.currentTokenLocation();
        } catch (IOException e) {
            throw noIoFromText(e);
        } finally {
            closeQuietly(parser);
        }
    }

    /** Non-finite numbers (NaN, ±Infinity, overflow) as JSON null, in place; the root may be replaced. */
    static JsonNode finite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isContainerNode() || isNonFinite(value)) {
                    field.setValue(finite(value));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isContainerNode() || isNonFinite(element)) {
                    array.set(i, finite(element));
                }
            }
        } else if (isNonFinite(node)) {
            return NullNode.getInstance();
        }
        return node;
    }

    private static boolean isNonFinite(JsonNode node) {
        return node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue());
    }
}
