package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LenientJson builds its trees itself (for speed, see its {@code readTree}); these tests hold it to
 * exactly what Jackson's {@code readTree} builds, node class by node class.
 */
class LenientJsonTest {

    private final LenientJson json = new LenientJson(StreamReadConstraints.builder().maxNestingDepth(500).build());
    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void everyDocumentIsTheTreeJacksonBuildsWithTheSameNodeClasses() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            String text = document(random, 0);
            MessageContent content = json.read(text);

            assertThat(content.problems()).as(text).isEmpty();
            assertThat(content.documents()).as(text).hasSize(1);
            assertSameTree(content.documents().get(0), jackson.readTree(text), text);
        }
    }

    @Test
    void severalDocumentsInOneTextAreEachTheTreeJacksonBuilds() throws Exception {
        Random random = new Random(34);
        for (int i = 0; i < 200; i++) {
            List<String> texts = new ArrayList<>();
            for (int d = 0; d < 1 + random.nextInt(4); d++) {
                // Containers: scalars written back to back would run into one another ("1" "2" is "12").
                texts.add(random.nextBoolean() ? array(random, 0) : object(random, 0));
            }
            List<JsonNode> read = json.read(String.join(random.nextBoolean() ? "\n" : "", texts) + "\n").documents();

            assertThat(read).hasSameSizeAs(texts);
            for (int d = 0; d < texts.size(); d++) {
                assertSameTree(read.get(d), jackson.readTree(texts.get(d)), texts.get(d));
            }
        }
    }

    @Test
    void aRepeatedNameKeepsItsLastValueInItsFirstPlaceAsJacksonDoes() throws Exception {
        String text = "{\"a\":1,\"b\":{\"x\":1},\"a\":[2],\"b\":3}";

        assertSameTree(json.read(text).documents().get(0), jackson.readTree(text), text);
        assertThat(json.read(text).documents().get(0).toString()).isEqualTo("{\"a\":[2],\"b\":3}");
    }

    @Test
    void nestingIsReadUpToTheLimitAndRefusedBeyondIt() throws Exception {
        String deep = "[".repeat(499) + "{\"v\":1.5}" + "]".repeat(499);
        String tooDeep = "[".repeat(501) + "]".repeat(501);

        ObjectMapper deepJackson = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build()).build());

        assertSameTree(json.read(deep).documents().get(0), deepJackson.readTree(deep), deep);
        assertThat(json.read(tooDeep).problems()).hasSize(1);
    }

    /** A random document: objects, arrays, strings with escapes, integers of every size, fractions, literals. */
    private static String document(Random random, int depth) {
        int kind = depth == 0 ? random.nextInt(10) : random.nextInt(depth > 4 ? 7 : 9);
        return switch (kind) {
            case 0 -> "\"" + List.of("ACME", "", "é ü 漢", "tab\\t\\\"quoted\\\"", "\\u00e9\\ud83d\\ude00", "1e400").get(random.nextInt(6)) + "\"";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "-" + "9".repeat(19 + random.nextInt(30));
            case 4 -> List.of("0.5", "-12.75e3", "1E-7", "3.141592653589793238462643383279", "-0.0", "1e308").get(random.nextInt(6));
            case 5 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 6 -> Integer.toString(random.nextInt(100));
            default -> random.nextBoolean() ? array(random, depth) : object(random, depth);
        };
    }

    private static String array(Random random, int depth) {
        List<String> elements = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            elements.add(document(random, depth + 1));
        }
        return "[" + String.join(",", elements) + "]";
    }

    private static String object(Random random, int depth) {
        List<String> fields = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            fields.add("\"" + "abcdef".charAt(random.nextInt(6)) + "\" : " + document(random, depth + 1));
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private static void assertSameTree(JsonNode actual, JsonNode expected, String text) {
        assertThat(actual.getClass()).as(text).isEqualTo(expected.getClass());
        assertThat(actual).as(text).isEqualTo(expected);
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> actualFields = actual.fields();
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                Map.Entry<String, JsonNode> actualField = actualFields.next();
                assertThat(actualField.getKey()).as(text).isEqualTo(field.getKey());
                assertSameTree(actualField.getValue(), field.getValue(), text);
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(actual.get(i), expected.get(i), text);
            }
        }
    }
}
