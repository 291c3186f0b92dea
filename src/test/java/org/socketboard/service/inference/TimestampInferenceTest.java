package org.socketboard.service.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FieldInference gives time fields the type TIMESTAMP, and only them. */
class TimestampInferenceTest {

    private final FieldInference inference = new FieldInference();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "time        | 1700000000",
            "ts          | 1700000000123",
            "timestamp   | 1700000000123456",
            "time_ns     | 1700000001000000000",
            "ts          | `\"1700000001000000000\"`",
            "time        | 1700000000.25",
            "created_at  | `\"1700000000\"`",
            "updatedAt   | 1700000000000",
            "eventTime   | 1700000000000",
            "E           | 1672515782136",
            "T           | 1672515782136",
            "t           | 1611082800000",
            "date        | 1700000000",
            "at          | 1700000000",
            "anything    | `\"2023-11-14T22:13:20Z\"`",
            "when        | `\"2023-11-14 22:13:20.123456+0100\"`",
            "day         | `\"2023-11-14\"`",
            "sent        | `\"Tue, 14 Nov 2023 22:13:20 GMT\"`",
            "stamp       | `\"2023/11/14 22:13:20\"`",
            "t           | `\"2021-02-22T15:51:44.208Z\"`",
    })
    void timesInEveryFormAreTimestamps(String name, String value) {
        assertThat(typeOf(name, value)).isEqualTo(FieldType.TIMESTAMP);
    }

    @ParameterizedTest(name = "{0}: {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "price       | 42000.5                 | NUMBER",
            "price       | 1700000000              | INTEGER",
            "id          | 1700000000123           | INTEGER",
            "tradeId     | 3400000000              | INTEGER",
            "t           | 3400000000              | INTEGER",
            "T           | 1700000000              | INTEGER",
            "volume      | 1700000000000000        | INTEGER",
            "p           | `\"0.001\"`             | STRING",
            "id          | `\"1700000000123\"`     | STRING",
            "time        | 42                      | INTEGER",
            "response_time | 120                   | INTEGER",
            "timeout     | 1700000000              | INTEGER",
            "time        | 1e20                    | NUMBER",
            "time        | `\"12:30\"`             | STRING",
            "time        | `\"yesterday\"`         | STRING",
            "time        | `\"\"`                  | STRING",
            "date        | 4200000000              | INTEGER",
            "lifetime    | 1700000000              | INTEGER",
            "e           | `\"trade\"`             | STRING",
            "time        | true                    | BOOLEAN",
    })
    void numbersAndTextsThatAreNoTimesKeepTheirType(String name, String value, FieldType expected) {
        assertThat(typeOf(name, value)).isEqualTo(expected);
    }

    @Test
    void aBinanceTradeHasItsTimesAsTimestampsAndItsIdsAndPricesAsTheyAre() {
        List<FieldMeta> fields = inference.inferResponse("""
                {"e":"trade","E":1672515782136,"s":"BNBBTC","t":3400000000,"p":"0.001","q":"100","T":1672515782136,"m":true}
                """).recordFields();

        assertThat(fields).extracting(FieldMeta::name, FieldMeta::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("e", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("E", FieldType.TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("s", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("t", FieldType.INTEGER),
                org.assertj.core.groups.Tuple.tuple("p", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("q", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("T", FieldType.TIMESTAMP),
                org.assertj.core.groups.Tuple.tuple("m", FieldType.BOOLEAN));
    }

    @Test
    void everyRecordMustHoldATimeAndNullsDoNotCount() {
        assertThat(inference.inferResponse("[{\"ts\": 1700000000000}, {\"ts\": null}, {\"ts\": 1700000001000}]")
                .recordFields().get(0).type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(inference.inferResponse("[{\"ts\": 1700000000000}, {\"ts\": 7}]")
                .recordFields().get(0).type()).isEqualTo(FieldType.INTEGER);
        assertThat(inference.inferResponse("[{\"at\": \"2023-11-14T22:13:20Z\"}, {\"at\": \"soon\"}]")
                .recordFields().get(0).type()).isEqualTo(FieldType.STRING);
        assertThat(inference.inferResponse("[{\"ts\": 1700000000}, {\"ts\": 1700000000123456}]")
                .recordFields().get(0).type()).as("mixed units").isEqualTo(FieldType.TIMESTAMP);
    }

    @Test
    void nestedAndXmlTimesAreTimestampsToo() {
        var sample = inference.inferResponse("{\"data\": [{\"quote\": {\"updated_at\": \"2023-11-14T22:13:20Z\", \"bid\": 1.5}}]}");
        FieldMeta quote = sample.recordFields().get(0);
        assertThat(quote.children()).extracting(FieldMeta::type).containsExactly(FieldType.TIMESTAMP, FieldType.NUMBER);

        var xml = inference.inferResponse("<reading><time>1700000000</time><temp>21.5</temp></reading>");
        assertThat(xml.fields()).extracting(FieldMeta::type).containsExactly(FieldType.TIMESTAMP, FieldType.NUMBER);
    }

    private FieldType typeOf(String name, String value) {
        return inference.inferResponse("{\"" + name + "\": " + value + "}").fields().get(0).type();
    }
}
