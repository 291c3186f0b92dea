package org.socketboard.service.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.testsupport.LoopbackWebSocketServer;

import java.util.List;
import java.util.stream.Stream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The import form with samples shaped as real services send them (issue 12): plain text,
 * newline-delimited JSON, NaN and Infinity, and JSON that is broken.
 */
class SampleShapesViewTest extends ServiceViewTest {

    @Test
    void aPlainTextFirstMessageCapturedByTestConnectionIsTheSampleAndSaves() throws Exception {
        try (var upstream = LoopbackWebSocketServer.sendingOnOpen("temp=21.5;hum=40")) {
            openImportPage();
            type(field("service-name"), "sensor");
            type(field("service-url"), upstream.uri("/sensor").toString());

            var outcome = runConnectionTest();

            assertThat(_get(Span.class, spec -> spec.withId("service-test-outcome")).getClassNames()).as(outcome)
                    .contains(LumoUtility.TextColor.SUCCESS);
            assertThat(area("service-sample-response").getValue()).isEqualTo("temp=21.5;hum=40");
            assertThat(area("service-sample-response").isInvalid()).isFalse();
            assertThat(shownFields()).extracting(FieldMeta::name, FieldMeta::path, FieldMeta::type)
                    .containsExactly(tuple("text", "/text", FieldType.STRING));

            _click(button("service-save"));

            assertThat(errorNotifications()).isEmpty();
            assertThat(repository.findAll()).singleElement().satisfies(saved -> assertThat(saved.getResponseFields())
                    .extracting(FieldMeta::name).containsExactly("text"));
        }
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                arguments("key=value text", "temp=21.5;hum=40", List.of(tuple("text", FieldType.STRING))),
                arguments("a status word", "OK", List.of(tuple("text", FieldType.STRING))),
                arguments("a bare number", "42", List.of(tuple("value", FieldType.INTEGER))),
                arguments("newline-delimited JSON", "{\"seq\":1,\"v\":10}\n{\"seq\":2,\"v\":11.5}\n",
                        List.of(tuple("seq", FieldType.INTEGER), tuple("v", FieldType.NUMBER))),
                arguments("concatenated JSON", "{\"seq\":3,\"v\":12}{\"seq\":4,\"v\":13}",
                        List.of(tuple("seq", FieldType.INTEGER), tuple("v", FieldType.INTEGER))),
                arguments("NaN and Infinity", "{\"seq\":1,\"loss\":NaN,\"acc\":0.91}\n{\"seq\":2,\"loss\":0.4,\"acc\":Infinity}",
                        List.of(tuple("seq", FieldType.INTEGER), tuple("loss", FieldType.NUMBER), tuple("acc", FieldType.NUMBER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aTypedSampleShowsItsFieldsAndTheServiceSaves(String kind, String sample, List<org.assertj.core.groups.Tuple> expected)
            throws Exception {
        try (var upstream = LoopbackWebSocketServer.sendingOnOpen("{\"other\":true}")) {
            openImportPage();
            type(field("service-name"), "shaped");
            type(field("service-url"), upstream.uri("/").toString());
            type(area("service-sample-response"), sample);

            assertThat(area("service-sample-response").isInvalid()).isFalse();
            assertThat(shownFields()).extracting(FieldMeta::name, FieldMeta::type).containsExactlyElementsOf(expected);
            runConnectionTest();
            assertThat(area("service-sample-response").getValue()).as("the typed sample is kept").isEqualTo(sample);
            _click(button("service-save"));

            assertThat(errorNotifications()).isEmpty();
            assertThat(repository.findAll()).singleElement().satisfies(saved -> assertThat(saved.getResponseFields())
                    .extracting(FieldMeta::name, FieldMeta::type).containsExactlyElementsOf(expected));
        }
    }

    @Test
    void aSampleMeantAsJsonButBrokenShowsTheJsonErrorWithLineColumnAndExcerptAndIsNotSaved() {
        openImportPage();
        type(area("service-sample-response"), "{\"temp\": 21.5,\n \"hum\": }");

        assertThat(area("service-sample-response").isInvalid()).isTrue();
        assertThat(area("service-sample-response").getErrorMessage())
                .isEqualTo("Invalid JSON at line 2, column 9: a value was expected, found “}”, near “ \"hum\": }”");
        assertThat(shownFields()).isEmpty();

        type(field("service-name"), "broken");
        type(field("service-url"), "wss://sensors.example.com/feed");
        _click(button("service-save"));
        assertThat(saveErrors()).anySatisfy(text -> assertThat(text).contains("Invalid JSON at line 2, column 9"));
        assertThat(repository.count()).isZero();
    }

    @Test
    void aNewlineDelimitedSampleWithABrokenLineNamesThatLine() {
        openImportPage();
        type(area("service-sample-response"), "{\"seq\":1}\n{\"seq\":2,}\n{\"seq\":3}");

        assertThat(area("service-sample-response").getErrorMessage())
                .isEqualTo("Invalid JSON at line 2, column 10: a comma before } is not allowed (trailing comma), near “{\"seq\":2,}”");
    }

    @SuppressWarnings("unchecked")
    private static List<FieldMeta> shownFields() {
        TreeGrid<FieldMeta> tree = _get(TreeGrid.class, spec -> spec.withId("service-fields"));
        return GridKt._findAll(tree);
    }
}
