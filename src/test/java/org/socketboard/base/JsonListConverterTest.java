package org.socketboard.base;

import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldMetaListConverter;
import org.socketboard.service.domain.FieldType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonListConverterTest {

    private final FieldMetaListConverter converter = new FieldMetaListConverter();

    @Test
    void aTreeOfRecordsReadsBackEqualToWhatWasStored() {
        var quote = new FieldMeta("quote", "/quote", FieldType.OBJECT, null, List.of(
                FieldMeta.leaf("price", "/quote/price", FieldType.NUMBER, "12.5"),
                FieldMeta.leaf("symbol", "/quote/symbol", FieldType.STRING, "ACME")));

        var json = converter.convertToDatabaseColumn(List.of(quote));

        assertThat(json).contains("\"price\"");
        assertThat(converter.convertToEntityAttribute(json)).containsExactly(quote);
    }

    @Test
    void aMissingColumnReadsAsAnEmptyListAndAnEmptyListIsStoredAsAnEmptyArray() {
        assertThat(converter.convertToEntityAttribute(null)).isEmpty();
        assertThat(converter.convertToDatabaseColumn(null)).isEqualTo("[]");
        assertThat(new StringListConverter().convertToEntityAttribute("[\"v1.json\",\"v2\"]"))
                .containsExactly("v1.json", "v2");
    }

    @Test
    void aCorruptColumnIsReportedInsteadOfReadAsEmpty() {
        assertThatThrownBy(() -> converter.convertToEntityAttribute("[{\"name\":"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read back");
    }
}
