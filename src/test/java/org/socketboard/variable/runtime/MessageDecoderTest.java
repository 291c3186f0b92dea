package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    private List<JsonNode> jsons(String... texts) throws Exception {
        JsonNode[] nodes = new JsonNode[texts.length];
        for (int i = 0; i < texts.length; i++) {
            nodes[i] = json(texts[i]);
        }
        return List.of(nodes);
    }

    /** The one message of a frame that holds exactly one. */
    private JsonNode only(DecodeResult result) {
        assertThat(result.errors()).isEmpty();
        assertThat(result.messages()).hasSize(1);
        return result.messages().get(0);
    }

    @Test
    void aJsonMessageIsDecodedIntoATree() throws Exception {
        DecodeResult result = decoder.decodeText(" {\"symbol\":\"ACME\",\"price\":12.5,\"tags\":[1,2]}\n");

        assertThat(result.isDecoded()).isTrue();
        assertThat(only(result)).isEqualTo(json("{\"symbol\":\"ACME\",\"price\":12.5,\"tags\":[1,2]}"));
    }

    @Test
    void plainTextIsKeptAsATextRecord() throws Exception {
        assertThat(only(decoder.decodeText("market closed"))).isEqualTo(json("{\"text\":\"market closed\"}"));
        assertThat(only(decoder.decodeText("true story"))).isEqualTo(json("{\"text\":\"true story\"}"));
        assertThat(only(decoder.decodeText("temp=21.5;hum=40"))).isEqualTo(json("{\"text\":\"temp=21.5;hum=40\"}"));
        assertThat(only(decoder.decodeText("42 apples"))).isEqualTo(json("{\"text\":\"42 apples\"}"));
        assertThat(only(decoder.decodeText("Nothing new"))).isEqualTo(json("{\"text\":\"Nothing new\"}"));
        assertThat(only(decoder.decodeText(""))).isEqualTo(json("{\"text\":\"\"}"));
    }

    @Test
    void aBareNumberIsDecodedAsAJsonValue() {
        JsonNode value = only(decoder.decodeText("42.5"));

        assertThat(value.isNumber()).isTrue();
        assertThat(value.asDouble()).isEqualTo(42.5);
    }

    @Test
    void newlineDelimitedDocumentsAreMessagesOfTheirOwn() throws Exception {
        DecodeResult result = decoder.decodeText("{\"seq\":1,\"v\":10}\n{\"seq\":2,\"v\":11}\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.messages()).isEqualTo(jsons("{\"seq\":1,\"v\":10}", "{\"seq\":2,\"v\":11}"));
    }

    @Test
    void concatenatedAndWhitespaceSeparatedDocumentsAreMessagesOfTheirOwn() throws Exception {
        assertThat(decoder.decodeText("{\"seq\":3,\"v\":12}{\"seq\":4,\"v\":13}").messages())
                .isEqualTo(jsons("{\"seq\":3,\"v\":12}", "{\"seq\":4,\"v\":13}"));
        assertThat(decoder.decodeText("{\"a\":1} {\"b\":2}\t{\"c\":3}\r\n\r\n{\"d\":4}").messages())
                .isEqualTo(jsons("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":4}"));
        assertThat(decoder.decodeText("[1,2][3]\n{\"x\":[]}").messages()).isEqualTo(jsons("[1,2]", "[3]", "{\"x\":[]}"));
        assertThat(decoder.decodeText("1 2.5 \"three\" true null").messages())
                .isEqualTo(jsons("1", "2.5", "\"three\"", "true", "null"));
    }

    @Test
    void aBadDocumentAmongGoodOnesIsOneErrorAndTheGoodOnesAreKept() throws Exception {
        DecodeResult result = decoder.decodeText("{\"seq\":1}\n{\"seq\":2,\"v\":}\n{\"seq\":3}\n");

        assertThat(result.messages()).isEqualTo(jsons("{\"seq\":1}", "{\"seq\":3}"));
        assertThat(result.errors()).singleElement().asString().startsWith("Invalid JSON at line 2, column 14:");
    }

    @Test
    void aDocumentCutOffByTheNextLineLosesOnlyItself() throws Exception {
        DecodeResult result = decoder.decodeText("{\"seq\":1}\n{\"seq\":2,\"v\":\n{\"seq\":3}\n{\"seq\":4}");

        assertThat(result.messages()).isEqualTo(jsons("{\"seq\":1}", "{\"seq\":3}", "{\"seq\":4}"));
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void aPrettyPrintedBrokenDocumentIsOneErrorBeforeTheNextDocumentLine() throws Exception {
        DecodeResult result = decoder.decodeText("{\n  \"a\": 1,\n  \"b\": x\n}\n{\"c\":2}");

        assertThat(result.messages()).isEqualTo(jsons("{\"c\":2}"));
        assertThat(result.errors()).singleElement().asString().startsWith("Invalid JSON at line 3, column");
    }

    @Test
    void garbageAfterAGoodDocumentOnTheSameLineIsAnErrorAndTheDocumentIsKept() throws Exception {
        DecodeResult result = decoder.decodeText("{\"a\":1} garbage");

        assertThat(result.messages()).isEqualTo(jsons("{\"a\":1}"));
        assertThat(result.errors()).singleElement().asString().contains("garbage");
    }

    @Test
    void notANumberAndInfinityAreReadAsNullKeepingTheOtherFields() throws Exception {
        assertThat(only(decoder.decodeText("{\"seq\":1,\"loss\":NaN,\"acc\":0.91}")))
                .isEqualTo(json("{\"seq\":1,\"loss\":null,\"acc\":0.91}"));
        assertThat(only(decoder.decodeText("{\"loss\":Infinity,\"grad\":-Infinity}")))
                .isEqualTo(json("{\"loss\":null,\"grad\":null}"));
        assertThat(only(decoder.decodeText("[NaN,[1,Infinity],{\"deep\":{\"x\":-Infinity}}]")))
                .isEqualTo(json("[null,[1,null],{\"deep\":{\"x\":null}}]"));
        assertThat(only(decoder.decodeText("NaN")).isNull()).isTrue();
    }

    @Test
    void theInfSpellingsThatTheParserAlsoReadsBecomeNullToo() throws Exception {
        // Neither client reads these; README lists them as the one extra.
        assertThat(only(decoder.decodeText("[+INF,-INF,+Infinity]"))).isEqualTo(json("[null,null,null]"));
    }

    @Test
    void aNumberTooLargeForADoubleIsNullAsInTheBrowserAndPython() throws Exception {
        assertThat(only(decoder.decodeText("{\"big\":1e400,\"small\":-1e400,\"tiny\":1e-400}")))
                .isEqualTo(json("{\"big\":null,\"small\":null,\"tiny\":0.0}"));
    }

    @Test
    void bigIntegersStayExact() {
        JsonNode value = only(decoder.decodeText("{\"id\":123456789012345678901234567890}")).get("id");

        assertThat(value.bigIntegerValue()).hasToString("123456789012345678901234567890");
    }

    @Test
    void aRepeatedFieldNameKeepsItsLastValue() throws Exception {
        assertThat(only(decoder.decodeText("{\"a\":1,\"a\":2}"))).isEqualTo(json("{\"a\":2}"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws Exception {
        assertThat(only(decoder.decodeText("\uFEFF{\"a\":1}"))).isEqualTo(json("{\"a\":1}"));
        byte[] bytes = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(only(decoder.decodeBinary(ByteBuffer.wrap(bytes)))).isEqualTo(json("{\"a\":1}"));
        assertThat(only(decoder.decodeText("\uFEFFhello"))).isEqualTo(json("{\"text\":\"hello\"}"));
    }

    @Test
    void escapedLoneSurrogatesAreReadAsBothClientsReadThem() {
        assertThat(only(decoder.decodeText("{\"s\":\"\\ud800\"}")).get("s").textValue()).isEqualTo("\ud800");
    }

    @Test
    void whatPythonAndTheBrowserRefuseIsRefused() {
        for (String refused : List.of("{'a':1}", "{\"a\":1,}", "[1,]", "{\"a\":1 // note\n}", "{a:1}", "{\"a\":01}",
                "{\"a\":\"tab\there\"}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":0x10}")) {
            assertThat(decoder.decodeText(refused).errors()).as(refused).singleElement().asString().startsWith("Invalid JSON at line 1");
        }
    }

    @Test
    void truncatedJsonGivesTheReasonWhereAndAnExcerptInsteadOfAnException() {
        DecodeResult result = decoder.decodeText("{\"symbol\":\"ACME\",\"price\":12.");

        assertThat(result.isDecoded()).isFalse();
        assertThat(result.messages()).isEmpty();
        assertThat(result.error()).isEqualTo("Invalid JSON at line 1, column 28: a number ends with a . without a digit "
                + "after it, near “…ymbol\":\"ACME\",\"price\":12.”");
    }

    @Test
    void aBinaryFrameOfUtf8JsonIsDecoded() throws Exception {
        var bytes = ByteBuffer.wrap("{\"city\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(only(decoder.decodeBinary(bytes))).isEqualTo(json("{\"city\":\"Zürich\"}"));
        assertThat(bytes.remaining()).as("the caller's buffer is not consumed").isPositive();
    }

    @Test
    void invalidUtf8InsideJsonBecomesTheReplacementCharacterAsInTheBrowser() throws Exception {
        var bytes = ByteBuffer.wrap(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThat(only(decoder.decodeBinary(bytes))).isEqualTo(json("{\"a\":\"\uFFFD(\"}"));
    }

    @Test
    void binaryDataThatIsNeitherUtf8TextNorJsonIsRefusedWithWhere() {
        var bytes = ByteBuffer.wrap(new byte[]{'o', 'k', ' ', (byte) 0xC3, (byte) 0x28});

        assertThat(decoder.decodeBinary(bytes).error()).isEqualTo(
                "The binary message is not UTF-8 text: at line 1, column 4 the byte 0xC3 does not start a valid character, "
                        + "near “ok ” (then the byte)");
    }

    @Test
    void randomBinaryDataGivesAReasonAndNeverThrows() {
        var random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            DecodeResult result = decoder.decodeBinary(ByteBuffer.wrap(bytes));
            assertThat(result.messages().size() + result.errors().size()).isPositive();
        }
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAndWithinItAccepted() {
        String tooDeep = "[".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1) + "]".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1);
        String deepEnough = "[".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH) + "]".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH);

        assertThat(decoder.decodeText(tooDeep).error()).contains("nested deeper than the limit of 200 levels");
        assertThat(decoder.decodeText(deepEnough).isDecoded()).isTrue();
    }

    @Test
    void aMessageLargerThanTheLimitIsRefusedWithItsSize() {
        var small = new MessageDecoder(1000, 50);
        String huge = "{\"x\":\"" + "a".repeat(1000) + "\"}";

        assertThat(small.decodeText(huge).error()).isEqualTo("The message has 1008 characters, more than the limit of 1000");
        assertThat(small.decodeBinary(ByteBuffer.wrap(huge.getBytes(StandardCharsets.UTF_8))).error())
                .isEqualTo("The message has 1008 bytes, more than the limit of 1000");
    }

    @Test
    void xmlIsDecodedIntoATree() throws Exception {
        DecodeResult result = decoder.decodeText("<tick><symbol>ACME</symbol><price>12.5</price></tick>");

        // Typed as inference types the sample: XML text written as a JSON number becomes a number.
        assertThat(only(result)).isEqualTo(json("{\"symbol\":\"ACME\",\"price\":12.5}"));
    }

    @Test
    void anExternalEntityInXmlIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r><v>&x;</v></r>";

        DecodeResult result = decoder.decodeText(xxe);

        assertThat(String.valueOf(result.messages())).doesNotContain("TOP-SECRET");
        assertThat(result.error()).startsWith("Invalid XML").doesNotContain("TOP-SECRET");
    }

    @Test
    void internalEntityExpansionInXmlIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><r>&b;</r>";

        DecodeResult result = decoder.decodeText(laughs);

        assertThat(String.valueOf(result.messages())).doesNotContain("lollol");
        assertThat(result.error()).startsWith("Invalid XML");
    }

    @Test
    void xmlNestedDeeperThanTheLimitIsRefused() {
        var shallow = new MessageDecoder(100_000, 20);
        String deep = "<a>".repeat(30) + "x" + "</a>".repeat(30);

        assertThat(shallow.decodeText(deep).error()).startsWith("Invalid XML");
    }

    @Test
    void malformedXmlGivesAReason() {
        assertThat(decoder.decodeText("<tick><price>1</tick>").error())
                .isEqualTo("Invalid XML at line 1, column 20: unexpected close tag </tick>; expected </price>, near “<tick><price>1</tick>”");
    }
}
