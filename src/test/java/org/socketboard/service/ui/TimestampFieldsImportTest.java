package org.socketboard.service.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The import form's field table shows times in every form as TIMESTAMP, and numbers that are no times as numbers. */
class TimestampFieldsImportTest extends ServiceViewTest {

    @Test
    void aSampleWithTimesInEveryFormListsThemAsTimestampsAndItsPricesAndIdsAsNumbers() {
        openImportPage();
        type(area("service-sample-response"), """
                {"E": 1672515782136, "t": 3400000000, "p": "0.001", "price": 42000.5,
                 "ts_us": 1700000000000000, "ts_ns": "1700000001000000000", "time": 1700000000,
                 "created_at": "2023-11-14 22:13:20.123456+0100", "sent": "Tue, 14 Nov 2023 22:13:20 GMT",
                 "day": "2023/11/14"}
                """);

        Map<String, String> shown = new LinkedHashMap<>();
        TreeGrid<FieldMeta> table = fieldTable();
        for (int row = 0; row < GridKt._size(table); row++) {
            shown.put(GridKt._get(table, row).name(), GridKt._getFormatted(table, row, "type"));
        }

        assertThat(shown).containsExactly(
                Map.entry("E", "time"), Map.entry("t", "whole number"), Map.entry("p", "text"),
                Map.entry("price", "number"), Map.entry("ts_us", "time"), Map.entry("ts_ns", "time"),
                Map.entry("time", "time"), Map.entry("created_at", "time"), Map.entry("sent", "time"),
                Map.entry("day", "time"));
    }

    @Test
    void theBuiltInTickerFeedsTimeIsATimestampWhenTestedOverTheSocket() {
        openImportPage();
        type(field("service-name"), "ticker");
        type(field("service-url"), feedUrl("/feeds/ticker?symbols=ACME&rate=20"));

        runConnectionTest();

        List<FieldMeta> fields = GridKt._findAll(fieldTable());
        assertThat(fields).filteredOn(field -> field.name().equals("ts")).singleElement()
                .extracting(FieldMeta::type).isEqualTo(FieldType.TIMESTAMP);
        assertThat(fields).filteredOn(field -> field.name().equals("price")).singleElement()
                .extracting(FieldMeta::type).isEqualTo(FieldType.NUMBER);
    }

    @SuppressWarnings("unchecked")
    private static TreeGrid<FieldMeta> fieldTable() {
        return _get(TreeGrid.class, spec -> spec.withId("service-fields"));
    }
}
