package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void aJsonMessageIsDecodedIntoATree() throws Exception {
        DecodeResult result = decoder.decodeText(" {\"symbol\":\"ACME\",\"price\":12.5,\"tags\":[1,2]}\n");

        assertThat(result.isDecoded()).isTrue();
        assertThat(result.message()).isEqualTo(json("{\"symbol\":\"ACME\",\"price\":12.5,\"tags\":[1,2]}"));
    }

    @Test
    void plainTextIsKeptAsATextRecord() throws Exception {
        assertThat(decoder.decodeText("market closed").message()).isEqualTo(json("{\"text\":\"market closed\"}"));
        assertThat(decoder.decodeText("true story").message()).isEqualTo(json("{\"text\":\"true story\"}"));
        assertThat(decoder.decodeText("").message()).isEqualTo(json("{\"text\":\"\"}"));
    }

    @Test
    void aBareNumberIsDecodedAsAJsonValue() {
        DecodeResult result = decoder.decodeText("42.5");

        assertThat(result.message().isNumber()).isTrue();
        assertThat(result.message().asDouble()).isEqualTo(42.5);
    }

    @Test
    void truncatedJsonGivesTheReasonAndWhereInsteadOfAnException() {
        DecodeResult result = decoder.decodeText("{\"symbol\":\"ACME\",\"price\":12.");

        assertThat(result.isDecoded()).isFalse();
        assertThat(result.message()).isNull();
        assertThat(result.error()).startsWith("Not valid JSON:").contains("line 1");
    }

    @Test
    void jsonFollowedByGarbageIsRefused() {
        assertThat(decoder.decodeText("{\"a\":1} {\"b\":2}").error()).startsWith("Not valid JSON:");
    }

    @Test
    void aBinaryFrameOfUtf8JsonIsDecoded() throws Exception {
        var bytes = ByteBuffer.wrap("{\"city\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(decoder.decodeBinary(bytes).message()).isEqualTo(json("{\"city\":\"Zürich\"}"));
        assertThat(bytes.remaining()).as("the caller's buffer is not consumed").isPositive();
    }

    @Test
    void invalidUtf8InABinaryFrameGivesAReason() {
        var bytes = ByteBuffer.wrap(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThat(decoder.decodeBinary(bytes).error()).isEqualTo("The binary message is not UTF-8 text");
    }

    @Test
    void randomBinaryDataGivesAReasonAndNeverThrows() {
        var random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            DecodeResult result = decoder.decodeBinary(ByteBuffer.wrap(bytes));
            assertThat(result.isDecoded() ? result.message() : result.error()).isNotNull();
        }
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAndWithinItAccepted() {
        String tooDeep = "[".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1) + "]".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1);
        String deepEnough = "[".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH) + "]".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH);

        assertThat(decoder.decodeText(tooDeep).error()).contains("nesting depth");
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
        assertThat(result.message()).isEqualTo(json("{\"symbol\":\"ACME\",\"price\":12.5}"));
    }

    @Test
    void anExternalEntityInXmlIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r><v>&x;</v></r>";

        DecodeResult result = decoder.decodeText(xxe);

        assertThat(String.valueOf(result.message())).doesNotContain("TOP-SECRET");
        assertThat(result.error()).startsWith("Invalid XML").doesNotContain("TOP-SECRET");
    }

    @Test
    void internalEntityExpansionInXmlIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><r>&b;</r>";

        DecodeResult result = decoder.decodeText(laughs);

        assertThat(String.valueOf(result.message())).doesNotContain("lol");
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
        assertThat(decoder.decodeText("<tick><price>1</tick>").error()).startsWith("Invalid XML");
    }
}
