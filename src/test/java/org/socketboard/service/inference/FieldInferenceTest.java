package org.socketboard.service.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FieldInferenceTest {

    private final FieldInference inference = new FieldInference();

    @Test
    void nestedObjectsBecomeFieldsWithChildrenAndPointerPaths() {
        InferredSample sample = inference.inferResponse("""
                {"symbol": "AAPL", "quote": {"price": 189.5, "volume": 1200, "open": true},
                 "a/b": "slash", "t~x": "tilde"}""");

        assertThat(sample.format()).isEqualTo(SampleFormat.JSON);
        assertThat(sample.fields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type, FieldMeta::example)
                .containsExactly(
                        tuple("symbol", "/symbol", FieldType.STRING, "AAPL"),
                        tuple("quote", "/quote", FieldType.OBJECT, "{\"price\":189.5,\"volume\":1200,\"open\":true}"),
                        tuple("a/b", "/a~1b", FieldType.STRING, "slash"),
                        tuple("t~x", "/t~0x", FieldType.STRING, "tilde"));
        assertThat(sample.fields().get(1).children())
                .extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type, FieldMeta::example)
                .containsExactly(
                        tuple("price", "/quote/price", FieldType.NUMBER, "189.5"),
                        tuple("volume", "/quote/volume", FieldType.INTEGER, "1200"),
                        tuple("open", "/quote/open", FieldType.BOOLEAN, "true"));
        assertThat(sample.documents().get(0).at("/quote/price").asDouble()).isEqualTo(189.5);
    }

    @Test
    void theElementsOfAnArrayOfObjectsAreMergedInOrderOfFirstAppearance() {
        InferredSample sample = inference.inferResponse("""
                {"data": [
                  {"city": "Oslo", "temp": 4},
                  {"city": "Rome", "wind": {"speed": 3}},
                  {"humidity": 80, "wind": {"gust": 7.5}}
                ]}""");

        FieldMeta data = sample.fields().get(0);
        assertThat(data.type()).isEqualTo(FieldType.ARRAY);
        assertThat(data.children()).extracting(FieldMeta::name, FieldMeta::path)
                .containsExactly(tuple("city", "/data/*/city"), tuple("temp", "/data/*/temp"),
                        tuple("wind", "/data/*/wind"), tuple("humidity", "/data/*/humidity"));
        assertThat(data.children().get(2).children()).extracting(FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("/data/*/wind/speed", FieldType.INTEGER),
                        tuple("/data/*/wind/gust", FieldType.NUMBER));
    }

    @Test
    void differingTypesSettleOnTheTypeThatHoldsThemAll() {
        InferredSample sample = inference.inferResponse("""
                [{"n": 1, "mixed": 1, "nullable": null, "never": null, "flag": true},
                 {"n": 2.5, "mixed": "one", "nullable": "x", "never": null, "flag": 0}]""");

        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::type, FieldMeta::example)
                .containsExactly(
                        tuple("n", FieldType.NUMBER, "1"),
                        tuple("mixed", FieldType.STRING, "1"),
                        tuple("nullable", FieldType.STRING, "x"),
                        tuple("never", FieldType.NULL, "null"),
                        tuple("flag", FieldType.STRING, "true"));
    }

    @Test
    void anArrayOfValuesHasOneChildForItsElements() {
        InferredSample sample = inference.inferRequest("{\"symbols\": [\"AAPL\", \"MSFT\"], \"matrix\": [[1, 2], [3]]}");

        FieldMeta symbols = sample.fields().get(0);
        assertThat(symbols.children()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type, FieldMeta::example)
                .containsExactly(tuple("*", "/symbols/*", FieldType.STRING, "AAPL"));
        FieldMeta rows = sample.fields().get(1).children().get(0);
        assertThat(rows.path()).isEqualTo("/matrix/*");
        assertThat(rows.type()).isEqualTo(FieldType.ARRAY);
        assertThat(rows.children()).extracting(FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("/matrix/*/*", FieldType.INTEGER));
    }

    @Test
    void longExamplesAreCut() {
        InferredSample sample = inference.inferResponse("{\"text\": \"" + "a".repeat(100) + "\"}");

        String example = sample.fields().get(0).example();
        assertThat(example).hasSize(FieldInference.MAX_EXAMPLE_CHARS).endsWith("…").startsWith("aaaa");
    }

    @Test
    void nestingDeeperThanTheCapIsListedWithoutChildren() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

        FieldMeta field = inference.inferResponse(deep).fields().get(0);
        int levels = 1;
        while (!field.children().isEmpty()) {
            field = field.children().get(0);
            levels++;
        }

        assertThat(levels).isEqualTo(FieldInference.MAX_DEPTH + 1);
        assertThat(field.type()).isEqualTo(FieldType.OBJECT);
    }

    @Test
    void theRecordsOfAWrapperObjectAreItsArrayOfObjects() {
        InferredSample sample = inference.inferResponse("""
                {"status": "ok", "count": 2, "data": [{"city": "Oslo", "temp": 4}, {"city": "Rome", "temp": 17.5}]}""");

        assertThat(sample.recordPath()).isEqualTo("/data");
        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("city", "/city", FieldType.STRING), tuple("temp", "/temp", FieldType.NUMBER));
    }

    @Test
    void theLargestArrayOfObjectsWinsAndNestedWrappersAreSearched() {
        String twoArrays = "{\"meta\": [{\"page\": 1}], \"rows\": [{\"id\": 1}, {\"id\": 2}]}";
        String nested = "{\"result\": {\"status\": \"ok\", \"items\": [{\"id\": 1}]}}";
        String shallowerFirst = "{\"deep\": {\"rows\": [{\"id\": 1}, {\"id\": 2}]}, \"top\": [{\"id\": 3}]}";

        assertThat(inference.inferResponse(twoArrays).recordPath()).isEqualTo("/rows");
        assertThat(inference.inferResponse(nested).recordPath()).isEqualTo("/result/items");
        assertThat(inference.inferResponse(shallowerFirst).recordPath()).isEqualTo("/top");
    }

    @Test
    void aRootArrayHoldsTheRecordsItself() {
        InferredSample sample = inference.inferResponse("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"extra\": true}]");

        assertThat(sample.recordPath()).isEmpty();
        assertThat(sample.fields()).extracting(FieldMeta::path).containsExactly("/*/id", "/*/name", "/*/extra");
        assertThat(sample.recordFields()).extracting(FieldMeta::path).containsExactly("/id", "/name", "/extra");
    }

    @Test
    void aSingleObjectIsItsOwnRecord() {
        InferredSample sample = inference.inferResponse("{\"symbol\": \"AAPL\", \"tags\": [\"tech\"], \"price\": 1.5}");

        assertThat(sample.recordPath()).isEmpty();
        assertThat(sample.recordFields()).extracting(FieldMeta::path).containsExactly("/symbol", "/tags", "/price");
    }

    @Test
    void aBareValueIsOneFieldCalledValue() {
        InferredSample sample = inference.inferResponse("42.5");

        assertThat(sample.fields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("value", "", FieldType.NUMBER));
        // The runtime keeps the record as {"value": 42.5} (RecordExtractor): the field is found at /value.
        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("value", "/value", FieldType.NUMBER));
    }

    @Test
    void recordFieldsCanBeRecomputedForAnotherPath() {
        InferredSample sample = inference.inferResponse("{\"data\": [{\"city\": \"Oslo\"}], \"meta\": {\"page\": 3}}");

        assertThat(inference.recordFields(sample.documents(), "/meta")).extracting(FieldMeta::path).containsExactly("/page");
        assertThat(inference.recordFields(sample.documents(), "")).extracting(FieldMeta::path).containsExactly("/data", "/meta");
        assertThat(inference.recordFields(sample.documents(), "/data/0")).extracting(FieldMeta::path).containsExactly("/city");
    }

    @Test
    void aRecordPathThatPointsNowhereIsRefusedWithAReason() {
        InferredSample sample = inference.inferResponse("{\"data\": []}");

        assertThatThrownBy(() -> inference.recordFields(sample.documents(), "/rows"))
                .isInstanceOf(InvalidRecordPathException.class).hasMessage("The sample has nothing at /rows.");
        assertThatThrownBy(() -> inference.recordFields(sample.documents(), "data"))
                .isInstanceOf(InvalidRecordPathException.class).hasMessageContaining("starts with /");
    }

    @Test
    void xmlBecomesTheSameTreeWithNumbersAndBooleansRecognised() {
        InferredSample sample = inference.inferResponse("""
                <?xml version="1.0"?>
                <quotes>
                  <quote symbol="AAPL"><price>189.5</price><volume>1200</volume><halted>false</halted><zip>007</zip></quote>
                  <quote symbol="MSFT"><price>410</price><volume>900</volume><halted>true</halted><zip>123</zip></quote>
                </quotes>""");

        assertThat(sample.format()).isEqualTo(SampleFormat.XML);
        assertThat(sample.recordPath()).isEqualTo("/quote");
        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::type, FieldMeta::example)
                .containsExactly(
                        tuple("symbol", FieldType.STRING, "AAPL"),
                        tuple("price", FieldType.NUMBER, "189.5"),
                        tuple("volume", FieldType.INTEGER, "1200"),
                        tuple("halted", FieldType.BOOLEAN, "false"),
                        tuple("zip", FieldType.STRING, "007"));
        assertThat(sample.documents().get(0).at("/quote/1/price").isNumber()).isTrue();
    }

    @Test
    void theTextOfAnXmlElementWithAttributesIsCalledValue() {
        InferredSample sample = inference.inferResponse("<reading unit=\"C\">21.5</reading>");

        assertThat(sample.fields()).extracting(FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("/unit", FieldType.STRING), tuple("/value", FieldType.NUMBER));
    }

    @Test
    void anXxePayloadIsNotResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String payload = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<r><v>&xxe;</v></r>";

        assertThatThrownBy(() -> inference.inferResponse(payload))
                .isInstanceOf(SampleParseException.class)
                .hasMessageStartingWith("Invalid XML at line 3")
                .hasMessageContaining("xxe")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    static Stream<Arguments> malformedSamples() {
        return Stream.of(
                arguments("{\n  \"a\": 1,\n  \"b\": }", 3, 8,
                        "Invalid JSON at line 3, column 8: a value was expected, found “}”, near “  \"b\": }”"),
                arguments("<a>\n  <b>1</b>\n  <c>2</b>\n</a>", 3, 9,
                        "Invalid XML at line 3, column 9: unexpected close tag </b>; expected </c>, near “  <c>2</b>”"),
                arguments("<a>x</a><b/>", 1, 10,
                        "Invalid XML at line 1, column 10: more than one root element; an XML message has exactly one, near “<a>x</a><b/>”"));
    }

    @ParameterizedTest
    @MethodSource("malformedSamples")
    void malformedSamplesAreReportedWithLineAndColumn(String sample, int line, int column, String message) {
        assertThatThrownBy(() -> inference.inferResponse(sample))
                .isInstanceOfSatisfying(SampleParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    @Test
    void trailingTextAfterTheJsonIsMalformed() {
        assertThatThrownBy(() -> inference.inferRequest("{\"a\": 1} extra"))
                .isInstanceOf(SampleParseException.class)
                .hasMessageStartingWith("Invalid JSON at line 1, column 15: “extra” is not a JSON value");
        assertThatThrownBy(() -> inference.inferRequest("{\"a\": 1} {\"b\": 2}"))
                .isInstanceOf(SampleParseException.class)
                .hasMessage("Invalid JSON at line 1, column 10: more text follows the end of the JSON value; "
                        + "one value is expected here, near “{\"a\": 1} {\"b\": 2}”");
    }

    @Test
    void aRequestMustBeJsonEvenWhenItLooksLikeXml() {
        assertThatThrownBy(() -> inference.inferRequest("<subscribe/>"))
                .isInstanceOf(SampleParseException.class).hasMessage("Invalid JSON at line 1, column 1: a value was expected, found “<”, near “<subscribe/>”");
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThatThrownBy(() -> inference.inferResponse("  \n "))
                .isInstanceOf(SampleParseException.class).hasMessage("The sample is empty.");
    }

    @Test
    void aSampleOverOneMegabyteIsRefusedBeforeParsing() {
        String justFits = "\"" + "x".repeat(FieldInference.MAX_SAMPLE_CHARS - 2) + "\"";
        String tooLarge = justFits + " ";

        assertThat(inference.inferResponse(justFits).fields()).hasSize(1);
        assertThatThrownBy(() -> inference.inferResponse(tooLarge))
                .isInstanceOfSatisfying(SampleParseException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The sample is too large (1048577 characters);"
                            + " samples up to 1 MB (1048576 characters) are accepted.");
                    assertThat(List.of(e.line(), e.column())).containsExactly(0, 0);
                });
    }

    @Test
    void aNewlineDelimitedSampleIsSeveralMessagesWhoseFieldsAreMerged() {
        InferredSample sample = inference.inferResponse("{\"seq\":1,\"v\":10}\n{\"seq\":2,\"v\":11,\"note\":\"late\"}\n");

        assertThat(sample.format()).isEqualTo(SampleFormat.JSON);
        assertThat(sample.documents()).hasSize(2);
        assertThat(sample.recordPath()).isEmpty();
        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type)
                .containsExactly(tuple("seq", "/seq", FieldType.INTEGER), tuple("v", "/v", FieldType.INTEGER),
                        tuple("note", "/note", FieldType.STRING));
    }

    @Test
    void concatenatedDocumentsInferTheirRecordsWhereTheFirstDocumentWithRecordsHasThem() {
        InferredSample sample = inference.inferResponse(
                "{\"type\":\"hello\"}{\"type\":\"data\",\"data\":[{\"city\":\"Oslo\",\"temp\":4.5}]}");

        assertThat(sample.documents()).hasSize(2);
        assertThat(sample.recordPath()).isEqualTo("/data");
        assertThat(sample.recordFields()).extracting(FieldMeta::path).containsExactly("/city", "/temp");
    }

    @Test
    void notANumberAndInfinityInASampleAreNullFieldsAndTheOthersAreKept() {
        InferredSample sample = inference.inferResponse("{\"seq\":1,\"loss\":NaN,\"acc\":0.91}\n{\"seq\":2,\"loss\":0.5,\"acc\":Infinity}");

        assertThat(sample.recordFields()).extracting(FieldMeta::name, FieldMeta::type)
                .containsExactly(tuple("seq", FieldType.INTEGER), tuple("loss", FieldType.NUMBER), tuple("acc", FieldType.NUMBER));
        assertThat(sample.documents().get(0).get("loss").isNull()).isTrue();
    }

    @Test
    void plainTextSamplesAreOneFieldTextAsTheRuntimeKeepsThem() {
        for (String text : List.of("temp=21.5;hum=40", "OK", "42 apples", "Nothing to report")) {
            InferredSample sample = inference.inferResponse(text);

            assertThat(sample.format()).as(text).isEqualTo(SampleFormat.TEXT);
            assertThat(sample.recordFields()).as(text).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type, FieldMeta::example)
                    .containsExactly(tuple("text", "/text", FieldType.STRING, text));
        }
    }

    @Test
    void aBareNumberSampleIsAJsonValueAsInTheRuntime() {
        InferredSample sample = inference.inferResponse("42");

        assertThat(sample.format()).isEqualTo(SampleFormat.JSON);
        assertThat(sample.recordFields()).extracting(FieldMeta::path, FieldMeta::type).containsExactly(tuple("/value", FieldType.INTEGER));
    }

    @Test
    void aSampleMeantAsJsonButBrokenGetsTheJsonErrorNotATextField() {
        assertThatThrownBy(() -> inference.inferResponse("{\"temp\": 21.5,\n \"hum\": }"))
                .isInstanceOf(SampleParseException.class)
                .hasMessageStartingWith("Invalid JSON at line 2, column 9:");
        assertThatThrownBy(() -> inference.inferResponse("[1, 2"))
                .isInstanceOf(SampleParseException.class)
                .hasMessageStartingWith("Invalid JSON at line 1, column 6: the text ends before the array");
    }

    @Test
    void aNewlineDelimitedSampleWithABadLineIsRefusedNamingThatLine() {
        assertThatThrownBy(() -> inference.inferResponse("{\"seq\":1}\n{\"seq\":2,}\n{\"seq\":3}"))
                .isInstanceOfSatisfying(SampleParseException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aSampleWithAByteOrderMarkIsRead() {
        assertThat(inference.inferResponse("\uFEFF{\"a\":1}").recordFields()).extracting(FieldMeta::path).containsExactly("/a");
    }
}
