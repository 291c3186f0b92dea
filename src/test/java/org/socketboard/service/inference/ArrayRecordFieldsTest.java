package org.socketboard.service.inference;

import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Records that are arrays, read by position: the fields inference lists for them and their display names. */
class ArrayRecordFieldsTest {

    private final FieldInference inference = new FieldInference();

    private InferredSample sample(String json) {
        return inference.inferResponse(json);
    }

    @Test
    void anArrayAtTheRecordPathIsOneRecordWithAFieldPerPosition() {
        var fields = inference.recordFields(sample("[17,[1700000000000,42.5,0.3]]").documents(), "/1", true);

        assertThat(fields).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::example)
                .containsExactly(tuple("0", "/0", "1700000000000"), tuple("1", "/1", "42.5"), tuple("2", "/2", "0.3"));
        assertThat(fields.get(1).type()).isEqualTo(FieldType.NUMBER);
    }

    @Test
    void withoutTheOptionTheSameArrayIsAListOfValueRecords() {
        var fields = inference.recordFields(sample("[17,[1700000000000,42.5,0.3]]").documents(), "/1", false);

        assertThat(fields).extracting(FieldMeta::name, FieldMeta::path).containsExactly(tuple("value", "/value"));
    }

    @Test
    void anArrayOfArraysMergesThePositionsOfEveryInnerArray() {
        var fields = inference.recordFields(sample("{\"candles\":[[1700000000000,1],[1700000060000,1.5,\"late\"]]}").documents(),
                "/candles", true);

        assertThat(fields).extracting(FieldMeta::path).containsExactly("/0", "/1", "/2");
        assertThat(fields.get(1).type()).as("1 and 1.5 merge").isEqualTo(FieldType.NUMBER);
        assertThat(fields.get(2).example()).isEqualTo("late");
    }

    @Test
    void aNestedArrayInAPositionalRecordKeepsItsElementsAsChildren() {
        var fields = inference.recordFields(sample("[[1700000000000,[1.1,1.2]]]").documents(), "", true);

        assertThat(fields).extracting(FieldMeta::path, FieldMeta::type)
                .contains(tuple("/1", FieldType.ARRAY));
        assertThat(fields.get(1).children()).extracting(FieldMeta::path).containsExactly("/1/*");
    }

    @Test
    void objectsAmongArrayRecordsKeepTheirNamedFields() {
        var fields = inference.recordFields(sample("[[1,2],{\"k\":\"v\"}]").documents(), "", true);

        assertThat(fields).extracting(FieldMeta::path).containsExactly("/0", "/1", "/k");
    }

    @Test
    void displayNamesAreGivenByPathAndShownAsTheLabel() {
        var fields = inference.recordFields(sample("[17,[1700000000000,42.5]]").documents(), "/1", true);

        var named = FieldMeta.named(fields, Map.of("/0", "time", "/9", "nowhere"));

        assertThat(named).extracting(FieldMeta::label).containsExactly("time", "1");
        assertThat(named.get(0).displayName()).isEqualTo("time");
        assertThat(named.get(1).displayName()).isNull();
    }
}
