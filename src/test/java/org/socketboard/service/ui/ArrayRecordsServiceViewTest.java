package org.socketboard.service.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.junit.jupiter.api.Test;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.domain.FieldMeta;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** An admin imports a feed whose records are arrays, reads them by position and names the positions. */
class ArrayRecordsServiceViewTest extends ServiceViewTest {

    private static final String CANDLE = "[17,[1700000000000,42.5,0.3]]";

    @SuppressWarnings("unchecked")
    private static TreeGrid<FieldMeta> responseFields() {
        return _get(TreeGrid.class, spec -> spec.withId("service-fields"));
    }

    private static List<FieldMeta> shownFields() {
        return GridKt._findAll(responseFields());
    }

    private static TextField displayNameOf(int row) {
        return (TextField) GridKt._getCellComponent(responseFields(), row, "displayName");
    }

    @Test
    void tickingEachArrayIsOneRecordListsThePositionsWhichTheAdminNamesAndTheNamesAreStored() {
        openImportPage();
        type(field("service-name"), "candles");
        type(field("service-url"), feedUrl("/feeds/ticker?rate=20"));
        type(area("service-sample-response"), CANDLE);
        type(field("service-record-path"), "/1");
        assertThat(shownFields()).extracting(FieldMeta::path).containsExactly("/value");

        type(_get(Checkbox.class, spec -> spec.withId("service-array-records")), true);

        assertThat(shownFields()).extracting(FieldMeta::name, FieldMeta::path)
                .containsExactly(tuple("0", "/0"), tuple("1", "/1"), tuple("2", "/2"));
        assertThat(displayNameOf(0).getPlaceholder()).isEqualTo("0");
        type(displayNameOf(0), "time");
        type(displayNameOf(1), "price");
        runConnectionTest();
        _click(button("service-save"));

        var stored = repository.findByNameKey("candles").orElseThrow();
        assertThat(stored.isArrayRecords()).isTrue();
        assertThat(stored.getFieldNames()).containsExactly(java.util.Map.entry("/0", "time"), java.util.Map.entry("/1", "price"));
        assertThat(stored.getResponseFields()).extracting(FieldMeta::path, FieldMeta::label)
                .containsExactly(tuple("/0", "time"), tuple("/1", "price"), tuple("/2", "2"));

        UI.getCurrent().navigate("services/candles");
        assertThat(_get(Checkbox.class, spec -> spec.withId("service-array-records")).getValue()).isTrue();
        assertThat(displayNameOf(0).getValue()).isEqualTo("time");
        type(displayNameOf(1), "");
        _click(button("service-save"));

        assertThat(repository.findByNameKey("candles").orElseThrow().getFieldNames()).containsOnlyKeys("/0");
    }

    @Test
    void anOverlongDisplayNameIsRefusedUnderTheFieldsAndNothingIsStored() {
        openImportPage();
        type(field("service-name"), "long-names");
        type(field("service-url"), feedUrl("/feeds/ticker?rate=20"));
        type(area("service-sample-response"), "{\"price\": 1}");
        runConnectionTest();
        // A browser stops typing at the limit; the server checks what reaches it anyway.
        type(displayNameOf(0), "p".repeat(ServiceValidator.MAX_FIELD_NAME_LENGTH + 1));

        _click(button("service-save"));

        assertThat(_get(Span.class, spec -> spec.withId("service-field-names-error")).getText())
                .contains("/price").contains("longer than " + ServiceValidator.MAX_FIELD_NAME_LENGTH);
        assertThat(repository.count()).isZero();
    }
}
