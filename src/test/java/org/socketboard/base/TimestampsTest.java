package org.socketboard.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // seconds
            "1700000000                 | 2023-11-14T22:13:20Z",
            "1700000000.5               | 2023-11-14T22:13:20.500Z",
            "0                          | 1970-01-01T00:00:00Z",
            "-86400                     | 1969-12-31T00:00:00Z",
            "99999999999                | 5138-11-16T09:46:39Z",
            // milliseconds
            "1700000000123              | 2023-11-14T22:13:20.123Z",
            "100000000000               | 1973-03-03T09:46:40Z",
            "1700000000123.9            | 2023-11-14T22:13:20.123900Z",
            // microseconds
            "1700000000000000           | 2023-11-14T22:13:20Z",
            "1700000000123456           | 2023-11-14T22:13:20.123456Z",
            // nanoseconds
            "1700000001000000000        | 2023-11-14T22:13:21Z",
            "1700000000123456789        | 2023-11-14T22:13:20.123456789Z",
            "99999999999999999999       | 5138-11-16T09:46:39.999999999Z",
    })
    void epochNumbersAreReadInTheUnitTheirMagnitudeSays(String epoch, String expected) throws Exception {
        Instant instant = Instant.parse(expected);

        assertThat(Timestamps.read(JSON.readTree(epoch))).as("number").isEqualTo(instant);
        assertThat(Timestamps.read(NODES.textNode(epoch))).as("digit text").isEqualTo(instant);
        assertThat(Timestamps.read(" " + epoch + " ")).as("padded text").isEqualTo(instant);
    }

    @Test
    void everyNumericNodeKindIsReadAlike() {
        Instant expected = Instant.parse("2023-11-14T22:13:20Z");

        assertThat(Timestamps.read(NODES.numberNode(1700000000))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.numberNode(1700000000L))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.numberNode(1.7e9))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.numberNode(1.7e18))).as("ns as a double").isEqualTo(expected);
        assertThat(Timestamps.read(NODES.numberNode(new BigDecimal("1700000000.000")))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.numberNode(new BigInteger("1700000000000000000")))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.textNode("1.7e9"))).isEqualTo(expected);
        assertThat(Timestamps.read(NODES.textNode("+1700000000"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2023-11-14T22:13:20Z",
            "2023-11-14T22:13:20z",
            "2023-11-14t22:13:20Z",
            "2023-11-14T22:13:20.000Z",
            "2023-11-14T22:13:20.000000000Z",
            "2023-11-14T22:13:20.000000000000Z",
            "2023-11-14T22:13:20,000Z",
            "2023-11-14T22:13:20",
            "2023-11-14 22:13:20",
            "2023-11-14 22:13:20Z",
            "2023-11-14 22:13:20 Z",
            "2023-11-14 22:13:20 UTC",
            "2023-11-14 22:13:20 GMT",
            "2023-11-14T22:13:20+00:00",
            "2023-11-14T23:13:20+01:00",
            "2023-11-14T23:13:20+0100",
            "2023-11-14T23:13:20+01",
            "2023-11-14T17:13:20-05:00",
            "2023-11-14T17:13:20-0500",
            "2023-11-14T17:13:20-05",
            "2023-11-14T23:43:20+01:30",
            "2023-11-14 23:13:20 +01:00",
            "2023-11-14T23:13:20+01:00[Europe/Paris]",
            "2023/11/14 22:13:20",
            "2023/11/14T22:13:20Z",
            "20231114T221320Z",
            "20231114T231320+0100",
            "Tue, 14 Nov 2023 22:13:20 GMT",
            "Tue, 14 Nov 2023 22:13:20 UT",
            "Tue, 14 Nov 2023 22:13:20 UTC",
            "Tue, 14 Nov 2023 22:13:20 +0000",
            "Tue, 14 Nov 2023 23:13:20 +0100",
            "Tue, 14 Nov 2023 17:13:20 -0500",
            "tue, 14 nov 2023 22:13:20 gmt",
            "14 Nov 2023 22:13:20 GMT",
            "Tue,14 Nov 2023 22:13:20 GMT",
            "  2023-11-14T22:13:20Z\n",
    })
    void isoTextsAndTheirEverydayVariantsAndRfc2822DatesAreRead(String text) {
        assertThat(Timestamps.read(text)).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(Timestamps.isDateText(text)).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "2023-11-14T22:13:20.1Z              | 2023-11-14T22:13:20.100Z",
            "2023-11-14T22:13:20.12Z             | 2023-11-14T22:13:20.120Z",
            "2023-11-14T22:13:20.123456Z         | 2023-11-14T22:13:20.123456Z",
            "2023-11-14T22:13:20.123456789Z      | 2023-11-14T22:13:20.123456789Z",
            "2023-11-14T22:13:20.1234567891234Z  | 2023-11-14T22:13:20.123456789Z",
            "2023-11-14 22:13:20.5               | 2023-11-14T22:13:20.500Z",
            "2023-11-14T22:13Z                   | 2023-11-14T22:13:00Z",
            "2023-11-14 22:13                    | 2023-11-14T22:13:00Z",
            "2023-11-14T23:13+01:00              | 2023-11-14T22:13:00Z",
            "Tue, 14 Nov 2023 22:13 GMT          | 2023-11-14T22:13:00Z",
            "2023-11-14                          | 2023-11-14T00:00:00Z",
            "2023/11/14                          | 2023-11-14T00:00:00Z",
            "20231114                            | 2023-11-14T00:00:00Z",
            "0001-01-01T00:00:00Z                | 0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z      | 9999-12-31T23:59:59.999999999Z",
            "2024-02-29                          | 2024-02-29T00:00:00Z",
            "2023-11-14T00:30:00+01:00           | 2023-11-13T23:30:00Z",
    })
    void fractionsMissingPartsAndDatesAreRead(String text, String expected) {
        assertThat(Timestamps.read(text.strip())).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", " ", "now", "yesterday", "n/a", "null", "NaN", "Infinity", "-Infinity", "1e308", "-1e308",
            "100000000000000000000", "-100000000000000000000", "10000-01-01T00:00:00Z", "+10000-01-01",
            "2023-02-30", "2023-13-01", "2023-11-14T25:00:00Z", "2023-11-14T22:61:00Z", "2023-11-14T22:13:20+25:00",
            "Mon, 14 Nov 2023 22:13:20 GMT", "14 Foo 2023 22:13:20 GMT", "2023-11-14T22:13:20 Mars",
            "12:30", "2023-11", "1.2.3", "0x1F", "1,700,000,000", "--1", "1e", "2023-11-14T22:13:20Z trailing",
    })
    void textsThatNameNoTimeReadAsNull(String text) {
        assertThat(Timestamps.read(text)).isNull();
        assertThat(Timestamps.read(NODES.textNode(text))).isNull();
    }

    @Test
    void valuesThatAreNoTimeReadAsNull() throws Exception {
        for (String json : new String[] {"null", "true", "{}", "{\"t\": 1}", "[1700000000]", "1e308", "-1e308",
                "1e20", "-1e20", "123456789012345678901234567890"}) {
            JsonNode node = JSON.readTree(json);
            assertThat(Timestamps.read(node)).as(json).isNull();
        }
        assertThat(Timestamps.read(NODES.numberNode(Double.NaN))).isNull();
        assertThat(Timestamps.read(NODES.numberNode(Double.POSITIVE_INFINITY))).isNull();
        assertThat(Timestamps.read(NODES.numberNode(Long.MIN_VALUE))).isNull();
        assertThat(Timestamps.read(NODES.numberNode(Long.MAX_VALUE))).as("year 2262 in ns").isNotNull();
        assertThat(Timestamps.read(NODES.missingNode())).isNull();
        assertThat(Timestamps.read((JsonNode) null)).isNull();
        assertThat(Timestamps.read("x".repeat(10_000))).isNull();
    }

    @Test
    void epochDigitsAreNotDateTexts() {
        assertThat(Timestamps.isDateText("1700000000")).isFalse();
        assertThat(Timestamps.isDateText("20231114")).isFalse();
        assertThat(Timestamps.isDateText("hello")).isFalse();
        assertThat(Timestamps.isDateText("2023-11-14")).isTrue();
    }
}
