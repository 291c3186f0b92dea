package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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

    public LenientJson(StreamReadConstraints constraints) {
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(constraints)
                .build();
    }

    /** The text without a leading byte order mark. */
    public static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * Every document of {@code text} (no byte order mark: see {@link #withoutByteOrderMark}), as
     * {@link #readDocuments} reads them. The common case, one document that reads cleanly, costs one
     * parser and no lists; several documents are read on with the same parser; the first broken one
     * sends the whole text through {@link #readDocuments}, which finds and reports the problem.
     *
     * @return the documents in order (immutable) and the problems; {@link SampleFormat#JSON}
     */
    public MessageContent read(String text) {
        JsonParser parser = createParser(text);
        try {
            JsonNode first = null;
            List<JsonNode> several = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonNode document = readTree(parser);
                if (first == null) {
                    first = document;
                } else {
                    if (several == null) {
                        several = new ArrayList<>();
                        several.add(first);
                    }
                    several.add(document);
                }
            }
            List<JsonNode> documents = several != null ? List.copyOf(several) : first != null ? List.of(first) : List.of();
            return new MessageContent(SampleFormat.JSON, documents, List.of());
        } catch (JacksonException e) {
            List<JsonNode> documents = new ArrayList<>();
            List<ReadProblem> problems = new ArrayList<>(1);
            readDocuments(text, documents, problems);
            return new MessageContent(SampleFormat.JSON, List.copyOf(documents), List.copyOf(problems));
        } catch (IOException e) {
            throw noIoFromText(e);
        } finally {
            closeQuietly(parser);
        }
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
                    documents.add(readTree(parser));
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

    /**
     * The document that starts at the parser's current token, built as Jackson's {@code readTree}
     * builds it (the same node classes: int, long or BigInteger by size, double for a fraction; a
     * repeated name keeps its last value in its first place), except that a non-finite number (NaN,
     * ±Infinity, a double overflow such as {@code 1e400}) becomes null as it is read. Built here, not
     * by {@code readTree}, because this runs for every live message: it spares a data-binding context
     * per document and a second walk over the tree for non-finite numbers. No recursion: the parser's
     * nesting limit is the only bound on depth. Leaves the parser at the document's last token.
     */
    private static JsonNode readTree(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ContainerNode<?> current = null;
        Deque<ContainerNode<?>> enclosing = null;
        String name = null;
        for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
            JsonNode value;
            switch (token) {
                case FIELD_NAME -> {
                    name = parser.currentName();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    if (enclosing == null || enclosing.isEmpty()) {
                        return current;
                    }
                    current = enclosing.pop();
                    continue;
                }
                case START_OBJECT -> value = nodes.objectNode();
                case START_ARRAY -> value = nodes.arrayNode();
                case VALUE_STRING -> value = nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT -> value = integer(parser, nodes);
                case VALUE_NUMBER_FLOAT -> {
                    double number = parser.getDoubleValue();
                    value = Double.isFinite(number) ? nodes.numberNode(number) : nodes.nullNode();
                }
                case VALUE_TRUE -> value = nodes.booleanNode(true);
                case VALUE_FALSE -> value = nodes.booleanNode(false);
                case VALUE_NULL -> value = nodes.nullNode();
                default -> throw new IllegalStateException("JSON text gave the token " + token);
            }
            if (current instanceof ObjectNode object) {
                object.replace(name, value);
            } else if (current instanceof ArrayNode array) {
                array.add(value);
            } else if (!(value instanceof ContainerNode<?>)) {
                return value;
            }
            if (value instanceof ContainerNode<?> container) {
                if (current != null) {
                    if (enclosing == null) {
                        enclosing = new ArrayDeque<>();
                    }
                    enclosing.push(current);
                }
                current = container;
            }
        }
    }

    private static JsonNode integer(JsonParser parser, JsonNodeFactory nodes) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
        };
    }
}
