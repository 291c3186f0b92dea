package org.socketboard.variable.runtime;

import org.junit.jupiter.api.Test;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.service.inference.SampleParseException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a message or sample can fail to read, through the runtime's decoder and the import's
 * inference: each reason says where (line, column), shows an excerpt, and names nothing of Java or
 * the parsing library.
 */
class DecodeErrorMessagesTest {

    /** Names of classes, packages, parser switches: none may reach a person. */
    static final Pattern INTERNAL_NAME = Pattern.compile("com\\.|java\\.|Jackson|Json[A-Z]|Exception|FAIL_ON|ALLOW_|Stream[A-Z]|\\[Source");
    static final Pattern POSITION = Pattern.compile("at line \\d+, column \\d+");
    static final Pattern EXCERPT = Pattern.compile("near “[^”]*”");

    static final List<String> BROKEN_JSON = List.of(
            "{\"symbol\":\"ACME\",\"price\":12.",
            "{\"a\":1",
            "[1,2",
            "{\"a\":\"abc",
            "{\"a",
            "{",
            "[",
            "{'a':1}",
            "{\"a\":'x'}",
            "{\"a\":1,}",
            "[1,2,]",
            "{\"a\":[1,,2]}",
            "{\"a\":1 /* note */}",
            "{ // note\n \"a\":1}",
            "{\"a\":tru}",
            "{\"a\":True}",
            "{\"a\":None}",
            "{\"a\":undefined}",
            "{\"a\":\"x\u0001y\"}",
            "{\"a\":\"line\nbreak\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":[1}",
            "{\"a\":1]",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":1e}",
            "{\"a\":.5}",
            "{\"a\":+1}",
            "{\"a\":--1}",
            "{\"a\":-}",
            "{\"a\":-Inf}",
            "{\"a\":Infinit}",
            "{\"a\":NaNa}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":1,\"b\"}",
            "[1 2]",
            "{\"a\":1}x",
            "{\"a\":1}}",
            "{\"a\":1,\u0000\"b\":2}",
            "{\"seq\":1}\n{\"seq\":",
            "{\"seq\":1}{",
            "{\n  \"subscribe\": [\"ACME\"],,\n}",
            "[".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1) + "]".repeat(MessageDecoder.DEFAULT_MAX_NESTING_DEPTH + 1),
            "{\"a\":" + "9".repeat(1200) + "}",
            "{\"a\":1.\u00e9}");

    static final List<String> BROKEN_XML = List.of(
            "<quote>\n<price>12.5</quote>",
            "<a><b></a>",
            "<a>",
            "<a></a><b/>",
            "<a>&x;</a>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"lol\">]><r>&a;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r><v>&x;</v></r>",
            "<a b=1/>",
            "<a>x</a>garbage",
            "<>",
            "<a><!-- x</a>",
            "<a>&#0;</a>",
            "<1a/>",
            "<a>" .repeat(300) + "x" + "</a>".repeat(300));

    private final MessageDecoder decoder = new MessageDecoder();
    private final FieldInference inference = new FieldInference();

    @Test
    void everyBrokenJsonMessageAndSampleIsExplainedInPlainWordsWithWhereAndAnExcerpt() {
        assertThat(reasonsFor(BROKEN_JSON)).allSatisfy(DecodeErrorMessagesTest::assertReadable);
    }

    @Test
    void everyBrokenXmlMessageAndSampleIsExplainedInPlainWordsWithWhereAndAnExcerpt() {
        assertThat(reasonsFor(BROKEN_XML)).allSatisfy(DecodeErrorMessagesTest::assertReadable);
    }

    /** Each text as a live text frame, as a binary frame and as a sample at import. */
    private List<String> reasonsFor(List<String> texts) {
        List<String> reasons = new ArrayList<>();
        for (String text : texts) {
            reasons.addAll(runtimeReasons(text));
            reasons.add(sampleReason(text));
        }
        return reasons;
    }

    @Test
    void binaryFramesThatAreNotUtf8TextAreExplainedWithWhereAndAnExcerpt() {
        var random = new java.util.Random(12);
        List<String> reasons = new ArrayList<>();
        reasons.add(decoder.decodeBinary(ByteBuffer.wrap(new byte[]{'o', 'k', '\n', 'h', 'i', ' ', (byte) 0xFF, '!'})).error());
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0xC0; // never a valid first byte: each frame is refused or read as JSON/XML
            DecodeResult result = decoder.decodeBinary(ByteBuffer.wrap(bytes));
            reasons.addAll(result.errors());
        }

        assertThat(reasons.get(0)).startsWith("The binary message is not UTF-8 text: at line 2, column 4 the byte 0xFF");
        assertThat(reasons).hasSizeGreaterThan(1).allSatisfy(DecodeErrorMessagesTest::assertReadable);
    }

    private List<String> runtimeReasons(String text) {
        DecodeResult result = decoder.decodeText(text);
        assertThat(result.errors()).as("the runtime refuses %s", text).isNotEmpty();
        DecodeResult binary = decoder.decodeBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(binary.errors()).as("in a binary frame too").isEqualTo(result.errors());
        return result.errors();
    }

    private String sampleReason(String text) {
        SampleParseException refused = catchThrowableOfType(SampleParseException.class, () -> inference.inferResponse(text));
        assertThat(refused).as("the import refuses %s", text).isNotNull();
        assertThat(refused.line()).isPositive();
        assertThat(refused.column()).isPositive();
        return refused.getMessage();
    }

    static void assertReadable(String reason) {
        assertThat(reason).doesNotContainPattern(INTERNAL_NAME).containsPattern(POSITION).containsPattern(EXCERPT);
    }
}
