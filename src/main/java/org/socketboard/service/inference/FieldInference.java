package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.SampleFrames;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Infers the fields of sample messages and where their records are.
 *
 * <h2>Paths</h2>
 * Every {@link FieldMeta#path()} is a JSON Pointer ({@code /data/city}; {@code ~1} stands for a
 * {@code /} and {@code ~0} for a {@code ~} inside a name), with one addition: the segment {@code *}
 * means "every element" of an array. So in {@code {"data":[{"city":"Oslo"}]}} the field {@code city}
 * has the path {@code /data/*&#47;city}. An array's children describe its elements: the merged fields
 * of its objects, or, for an array of values, one child named {@code *} (path {@code /tags/*}) with the
 * elements' type.
 * <ul>
 *   <li>{@link InferredSample#fields()}: the whole message. A root object gives its fields, a root array
 *   its elements' fields (paths under {@code /*}), a bare value one field {@code value} with path "".</li>
 *   <li>{@link InferredSample#recordFields()}: the fields of one record, with paths relative to the
 *   record ({@code /city}); a record that is a bare value is kept as {@code {"value": …}} (as the
 *   runtime keeps it), so it is one field {@code value} with path {@code /value}.</li>
 * </ul>
 *
 * <h2>Types</h2>
 * The elements of an array are merged (the first {@value #MAX_MERGED_ELEMENTS}): a field present in
 * any element is listed once, in order of first appearance. Differing types settle as: integer with
 * decimal → NUMBER, null with anything → that thing, other mixes → STRING; a field is NULL only when it
 * is null everywhere. A number or text field whose values are times is TIMESTAMP ({@link TimestampFields}
 * says when: dates written out under any name, epoch numbers under a time-like name). The example is the text of the first non-null value (containers as compact
 * JSON), cut to {@value #MAX_EXAMPLE_CHARS} characters. Nesting deeper than {@value #MAX_DEPTH} levels
 * is listed without children. Samples are read by {@link SampleReader} as live messages are (numbers
 * and booleans are recognised in XML text; plain text is one field {@code text}). A sample of several
 * JSON documents (newline-delimited or concatenated) is several messages: their fields are merged.
 *
 * <h2>Records</h2>
 * A root array's elements are the records ({@code ""}). Otherwise the records are the elements of the
 * shallowest array of objects reachable through objects (up to {@value #MAX_RECORD_SEARCH_DEPTH} levels
 * down), the largest one when several stand at that depth; with none the message itself is the record.
 * With <em>array records</em> (a service's "Each array is one record") an array at the record path is
 * one record whose fields are its positions, {@code /0}, {@code /1}, … (see
 * {@link #recordFields(JsonNode, String, boolean)}); people give such fields display names.
 */
@Component
public class FieldInference {

    /** The largest sample accepted: 1 MB of text. */
    public static final int MAX_SAMPLE_CHARS = 1_048_576;
    static final int MAX_DEPTH = 32;
    static final int MAX_MERGED_ELEMENTS = 500;
    static final int MAX_EXAMPLE_CHARS = 60;
    static final int MAX_RECORD_SEARCH_DEPTH = 4;
    static final String EVERY_ELEMENT = "*";
    static final String BARE_VALUE = "value";

    private final SampleReader reader = new SampleReader();

    /** Infers a sample request: one JSON document, since a request is sent as one JSON text. */
    public InferredSample inferRequest(String json) {
        requireSize(json);
        return infer(SampleFormat.JSON, List.of(reader.readJson(json)));
    }

    /**
     * Infers a sample response, read as live messages are ({@link SampleReader#readMessage}): JSON
     * (newline-delimited or concatenated documents too, each a message), XML, or plain text as one
     * field {@code text}.
     *
     * @throws SampleParseException naming line, column and an excerpt when a part cannot be read
     */
    public InferredSample inferResponse(String sample) {
        requireSize(sample);
        return inferMessages(sample);
    }

    /**
     * {@link #inferResponse(String)} for a service in {@code protocol}: a sample pasted as that protocol's
     * message frames ({@code 42["tick",{…}]}, a STOMP MESSAGE frame) is read as the messages they carry,
     * with the protocol's field ({@code event}, {@code destination}), as {@link SampleFrames} says.
     */
    public InferredSample inferResponse(String sample, Protocol protocol) {
        requireSize(sample);
        return inferMessages(SampleFrames.messages(protocol, sample).orElse(sample));
    }

    private InferredSample inferMessages(String sample) {
        if (sample == null || sample.isBlank()) {
            throw new SampleParseException("The sample is empty.");
        }
        MessageContent content = reader.readMessage(sample);
        if (!content.problems().isEmpty()) {
            throw new SampleParseException(content.problems().get(0));
        }
        return infer(content.format(), content.documents());
    }

    /**
     * The fields of one record when the records of each message are at {@code recordPath} ({@code ""}
     * or a JSON Pointer): the merged fields of the elements where it is an array, else of the node
     * itself, over all documents that have something there.
     *
     * @throws InvalidRecordPathException when the path is not a JSON Pointer or no document has anything there
     */
    public List<FieldMeta> recordFields(List<JsonNode> documents, String recordPath) {
        return recordFields(documents, recordPath, false);
    }

    /**
     * The fields of one record as {@link #recordFields(List, String)} does, or, with
     * {@code arrayRecords}, where an array at the record path is one record read by position (as the
     * runtime's {@code RecordExtractor} reads it): such records have a field per position, named
     * {@code 0}, {@code 1}, … with paths {@code /0}, {@code /1}, …, merged over the records (an array
     * of arrays gives one record per inner array).
     *
     * @throws InvalidRecordPathException when the path is not a JSON Pointer or no document has anything there
     */
    public List<FieldMeta> recordFields(List<JsonNode> documents, String recordPath, boolean arrayRecords) {
        JsonPointer pointer = pointer(recordPath);
        List<JsonNode> records = new ArrayList<>();
        boolean found = false;
        for (JsonNode document : documents) {
            JsonNode at = document.at(pointer);
            if (at.isMissingNode()) {
                continue;
            }
            found = true;
            if (arrayRecords && at.isArray()) {
                records.addAll(isListOfRecords(at) ? elementsOf(at) : List.of(at));
            } else if (at.isArray()) {
                elementsOf(at).forEach(element -> records.add(asRecord(element)));
            } else if (!at.isNull()) {
                records.add(asRecord(at));
            }
        }
        if (!found) {
            throw new InvalidRecordPathException("The sample has nothing at " + recordPath + ".");
        }
        List<JsonNode> merged = records.stream().limit(MAX_MERGED_ELEMENTS).toList();
        return arrayRecords ? positionalFields(merged) : contentFields(merged, "", BARE_VALUE, 0);
    }

    /** Array records: a field per position of the arrays among them, then the merged fields of the objects. */
    private List<FieldMeta> positionalFields(List<JsonNode> records) {
        List<List<JsonNode>> valuesByPosition = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isArray()) {
                continue;
            }
            List<JsonNode> elements = elementsOf(record);
            for (int i = 0; i < elements.size(); i++) {
                if (valuesByPosition.size() == i) {
                    valuesByPosition.add(new ArrayList<>());
                }
                valuesByPosition.get(i).add(elements.get(i));
            }
        }
        List<FieldMeta> fields = new ArrayList<>();
        for (int i = 0; i < valuesByPosition.size(); i++) {
            fields.add(describe(valuesByPosition.get(i), Integer.toString(i), "/" + i, 0));
        }
        List<JsonNode> objects = records.stream().filter(JsonNode::isObject).toList();
        if (!objects.isEmpty()) {
            fields.addAll(objectFields(objects, "", 0));
        }
        return fields;
    }

    /** As the runtime reads array records: an array of arrays and objects (or an empty one) is a list of records. */
    private static boolean isListOfRecords(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).allMatch(JsonNode::isContainerNode);
    }

    /** Where the records of this message are (see the class comment): {@code ""} or a JSON Pointer. */
    public String detectRecordPath(JsonNode tree) {
        if (tree.isArray()) {
            return "";
        }
        Map<String, JsonNode> level = Map.of("", tree);
        for (int depth = 0; depth < MAX_RECORD_SEARCH_DEPTH && !level.isEmpty(); depth++) {
            Map<String, JsonNode> next = new LinkedHashMap<>();
            String largest = null;
            int largestSize = 0;
            for (Map.Entry<String, JsonNode> parent : level.entrySet()) {
                for (Map.Entry<String, JsonNode> child : fieldsOf(parent.getValue())) {
                    String path = parent.getKey() + "/" + escape(child.getKey());
                    JsonNode value = child.getValue();
                    if (isArrayOfObjects(value) && value.size() > largestSize) {
                        largest = path;
                        largestSize = value.size();
                    } else if (value.isObject()) {
                        next.put(path, value);
                    }
                }
            }
            if (largest != null) {
                return largest;
            }
            level = next;
        }
        return "";
    }

    /**
     * Several documents are several messages: their fields are merged, and the records are where the
     * first document that has records below its root has them (a heartbeat before the data does not
     * decide it).
     */
    private InferredSample infer(SampleFormat format, List<JsonNode> documents) {
        List<JsonNode> present = documents.stream().filter(document -> !document.isNull()).toList();
        boolean allArrays = !present.isEmpty() && present.stream().allMatch(JsonNode::isArray);
        List<FieldMeta> fields = allArrays
                ? contentFields(present.stream().flatMap(array -> elementsOf(array).stream()).limit(MAX_MERGED_ELEMENTS).toList(),
                        "/" + EVERY_ELEMENT, EVERY_ELEMENT, 0)
                : contentFields(documents, "", BARE_VALUE, 0);
        String recordPath = documents.stream().map(this::detectRecordPath).filter(path -> !path.isEmpty())
                .findFirst().orElse("");
        return new InferredSample(format, documents, fields, recordPath, recordFields(documents, recordPath));
    }

    /**
     * The fields of values that stand at the same place (one node, or the elements of arrays): the
     * merged fields of the objects among them, or else one field for the values themselves.
     */
    private List<FieldMeta> contentFields(List<JsonNode> values, String path, String valueName, int depth) {
        List<JsonNode> present = values.stream().filter(value -> !value.isNull()).toList();
        if (!present.isEmpty() && present.stream().allMatch(JsonNode::isObject)) {
            return objectFields(present, path, depth);
        }
        return values.isEmpty() ? List.of() : List.of(describe(values, valueName, path, depth));
    }

    private List<FieldMeta> objectFields(List<JsonNode> objects, String path, int depth) {
        Map<String, List<JsonNode>> valuesByName = new LinkedHashMap<>();
        for (JsonNode object : objects) {
            for (Map.Entry<String, JsonNode> field : fieldsOf(object)) {
                valuesByName.computeIfAbsent(field.getKey(), name -> new ArrayList<>()).add(field.getValue());
            }
        }
        List<FieldMeta> fields = new ArrayList<>();
        valuesByName.forEach((name, values) -> fields.add(describe(values, name, path + "/" + escape(name), depth)));
        return fields;
    }

    /** One field from all the values it has in the sample. */
    private FieldMeta describe(List<JsonNode> values, String name, String path, int depth) {
        FieldType type = values.stream().map(FieldInference::typeOf).reduce(FieldType.NULL, FieldInference::merge);
        if ((type.isNumeric() || type == FieldType.STRING) && TimestampFields.areTimestamps(name, values)) {
            type = FieldType.TIMESTAMP;
        }
        List<FieldMeta> children = List.of();
        if (depth < MAX_DEPTH && type == FieldType.OBJECT) {
            children = objectFields(values.stream().filter(JsonNode::isObject).toList(), path, depth + 1);
        } else if (depth < MAX_DEPTH && type == FieldType.ARRAY) {
            List<JsonNode> elements = values.stream().filter(JsonNode::isArray)
                    .flatMap(array -> elementsOf(array).stream())
                    .limit(MAX_MERGED_ELEMENTS)
                    .toList();
            children = contentFields(elements, path + "/" + EVERY_ELEMENT, EVERY_ELEMENT, depth + 1);
        }
        return new FieldMeta(name, path, type, example(values), children);
    }

    private static String example(List<JsonNode> values) {
        String text = values.stream().filter(value -> !value.isNull()).findFirst()
                .map(value -> value.isContainerNode() ? value.toString() : value.asText())
                .orElse("null");
        return text.length() <= MAX_EXAMPLE_CHARS ? text : text.substring(0, MAX_EXAMPLE_CHARS - 1) + "…";
    }

    static FieldType typeOf(JsonNode node) {
        if (node.isIntegralNumber()) {
            return FieldType.INTEGER;
        } else if (node.isNumber()) {
            return FieldType.NUMBER;
        } else if (node.isBoolean()) {
            return FieldType.BOOLEAN;
        } else if (node.isObject()) {
            return FieldType.OBJECT;
        } else if (node.isArray()) {
            return FieldType.ARRAY;
        } else if (node.isNull()) {
            return FieldType.NULL;
        }
        return FieldType.STRING;
    }

    static FieldType merge(FieldType a, FieldType b) {
        if (a == b || b == FieldType.NULL) {
            return a;
        } else if (a == FieldType.NULL) {
            return b;
        } else if (a.isNumeric() && b.isNumeric()) {
            return FieldType.NUMBER;
        }
        return FieldType.STRING;
    }

    /** As the runtime keeps it: a record that is not an object is {@code {"value": …}}, so its field is /value. */
    private static JsonNode asRecord(JsonNode node) {
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode().set(BARE_VALUE, node);
    }

    private static boolean isArrayOfObjects(JsonNode node) {
        List<JsonNode> present = node.isArray()
                ? elementsOf(node).stream().filter(element -> !element.isNull()).toList()
                : List.of();
        return !present.isEmpty() && present.stream().allMatch(JsonNode::isObject);
    }

    private static List<JsonNode> elementsOf(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).limit(MAX_MERGED_ELEMENTS).toList();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fieldsOf(JsonNode object) {
        return object.properties();
    }

    private static JsonPointer pointer(String recordPath) {
        String path = recordPath == null ? "" : recordPath;
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new InvalidRecordPathException(
                    "A record path is empty (the whole message) or starts with /, e.g. /data.");
        }
        try {
            return JsonPointer.compile(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordPathException("The record path " + path + " is not a valid JSON Pointer: "
                    + "write ~0 for ~ and ~1 for / inside a name.");
        }
    }

    /** A name as one JSON Pointer segment. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static void requireSize(String sample) {
        if (sample != null && sample.length() > MAX_SAMPLE_CHARS) {
            throw new SampleParseException("The sample is too large (" + sample.length()
                    + " characters); samples up to 1 MB (" + MAX_SAMPLE_CHARS + " characters) are accepted.");
        }
    }
}
