package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordExtractorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void anEmptyPathMakesTheWholeMessageOneRecord() throws Exception {
        JsonNode message = json("{\"symbol\":\"ACME\",\"price\":1}");

        assertThat(new RecordExtractor("").extract(message)).containsExactly(message);
        assertThat(new RecordExtractor(null).extract(message)).containsExactly(message);
    }

    @Test
    void anArrayAtThePathGivesOneRecordPerElementInOrder() throws Exception {
        JsonNode message = json("{\"data\":{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}}");

        assertThat(new RecordExtractor("/data/items").extract(message))
                .containsExactly(json("{\"id\":1}"), json("{\"id\":2}"), json("{\"id\":3}"));
    }

    @Test
    void valuesThatAreNotObjectsBecomeValueRecords() throws Exception {
        assertThat(new RecordExtractor("/prices").extract(json("{\"prices\":[1.5,\"n/a\",[7]]}")))
                .containsExactly(json("{\"value\":1.5}"), json("{\"value\":\"n/a\"}"), json("{\"value\":[7]}"));
        assertThat(new RecordExtractor("").extract(json("42"))).containsExactly(json("{\"value\":42}"));
    }

    @Test
    void nothingOrNullAtThePathGivesNoRecords() throws Exception {
        var extractor = new RecordExtractor("/data");

        assertThat(extractor.extract(json("{\"type\":\"subscribed\"}"))).isEmpty();
        assertThat(extractor.extract(json("{\"data\":null}"))).isEmpty();
        assertThat(extractor.extract(json("{\"data\":[]}"))).isEmpty();
    }

    @Test
    void nothingAtThePathIsNoAnswerWhileAnEmptyListIsAnEmptyAnswer() throws Exception {
        var extractor = new RecordExtractor("/data");

        assertThat(extractor.find(json("{\"title\":\"REQ_KEEP_ALIVE\"}"))).isEmpty();
        assertThat(extractor.find(json("{\"data\":null}"))).isEmpty();
        assertThat(extractor.find(json("{\"data\":[]}"))).contains(List.of());
    }

    @Test
    void withArrayRecordsAnArrayOfValuesIsOneRecordAndAnArrayOfArraysIsAListOfThem() throws Exception {
        var extractor = new RecordExtractor("/1", true);

        assertThat(extractor.extract(json("[17,[1700000000000,42.5,0.3]]"))).containsExactly(json("[1700000000000,42.5,0.3]"));
        assertThat(extractor.extract(json("[17,[[1,2],[3,4]]]"))).containsExactly(json("[1,2]"), json("[3,4]"));
        assertThat(extractor.extract(json("[17,[{\"a\":1},[2]]]"))).containsExactly(json("{\"a\":1}"), json("[2]"));
        assertThat(extractor.extract(json("[17,[[1],5]]"))).containsExactly(json("[[1],5]"));
        assertThat(extractor.extract(json("[17,\"hb\"]"))).containsExactly(json("{\"value\":\"hb\"}"));
    }

    @Test
    void aRecordPathThatIsNotAJsonPointerIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new RecordExtractor("data.items"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON Pointer");
    }
}
