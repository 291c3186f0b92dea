package org.socketboard.service.ui;

import com.github.mvysny.fakeservlet.FakeHttpEnvironment;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 13.6: a query parameter lives in the parameters, not also in the URL, so the two can no longer
 * disagree with one of them silently winning.
 */
class QueryParametersInOnePlaceTest extends ServiceViewTest {

    private static final String CONFLICT = "service-url-query-conflict";
    private static final String QUOTE = "{\"symbol\": \"ACME\", \"price\": 12.5}";

    @Autowired
    ServiceCatalog catalog;

    @Test
    void onSaveTheUrlsQueryStringMovesIntoTheParametersAndTheUrlKeepsNoCopy() {
        // Served over https, a ws:// URL is saved without a test: no upstream needed here.
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        openImportPage();
        type(field("service-name"), "ticker");
        type(field("service-url"), "ws://quotes.example.com/stream?symbols=ACME,GLOBEX&rate=5");
        type(area("service-sample-response"), QUOTE);
        type(_get(Checkbox.class,
                spec -> spec.withId("service-proceed-without-test")), true);
        _click(button("service-save"));

        var stored = catalog.find("ticker").orElseThrow();
        assertThat(stored.getUrl()).isEqualTo("ws://quotes.example.com/stream");
        assertThat(stored.getParams()).extracting(ServiceParam::name, ServiceParam::location, ServiceParam::defaultValue)
                .containsExactly(tuple("symbols", ParamLocation.QUERY, "ACME,GLOBEX"),
                        tuple("rate", ParamLocation.QUERY, "5"));
    }

    @Test
    void aUrlValueThatDiffersFromTheParametersDefaultIsShownAndTheParameterKeepsItsValue() {
        var service = new SocketService();
        service.setName("prices");
        service.setUrl("ws://quotes.example.com/stream");
        service.setParams(List.of(new ServiceParam("symbols", ParamLocation.QUERY,
                FieldType.STRING, "ACME,GLOBEX,INITECH", false, false)));
        service.setSampleResponse(QUOTE);
        service.setTestSkipped(true);
        catalog.save(service);
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        UI.getCurrent().navigate("services/prices");
        _assertNone(Span.class, spec -> spec.withId(CONFLICT));

        type(field("service-url"), "ws://quotes.example.com/stream?symbols=ACME,GLOBEX");

        assertThat(conflict().getText()).contains("The URL says symbols=ACME,GLOBEX")
                .contains("the parameter's is used");
        type(_get(Checkbox.class,
                spec -> spec.withId("service-proceed-without-test")), true);
        _click(button("service-save"));
        var stored = catalog.find("prices").orElseThrow();
        assertThat(stored.getUrl()).isEqualTo("ws://quotes.example.com/stream");
        assertThat(stored.getParams()).extracting(ServiceParam::name, ServiceParam::defaultValue)
                .containsExactly(tuple("symbols", "ACME,GLOBEX,INITECH"));
    }

    @Test
    void anUntouchedDetectedParameterFollowsTheUrlsValueAsItIsTyped() {
        openImportPage();
        type(field("service-url"), "wss://quotes.example.com/stream?symbols=ACME");
        type(field("service-url"), "wss://quotes.example.com/stream?symbols=ACME,GLOBEX");

        assertThat(_get(TextField.class, spec -> spec.withClasses("param-default")).getValue()).isEqualTo("ACME,GLOBEX");
        _assertNone(Span.class, spec -> spec.withId(CONFLICT));
    }

    @Test
    void onAnHttpsPageTheReasonTestIsDisabledForWsIsWrittenOutNotOnlyATooltip() {
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        openImportPage();
        type(field("service-url"), "ws://quotes.example.com/stream");

        assertThat(button("service-test").isEnabled()).isFalse();
        var reason = _get(Span.class, spec -> spec.withId("service-test-blocked"));
        assertThat(reason.getText()).contains("served over https").contains("Proceed without test");

        type(field("service-url"), "wss://quotes.example.com/stream");
        _assertNone(Span.class, spec -> spec.withId("service-test-blocked"));
        assertThat(button("service-test").isEnabled()).isTrue();
    }

    private static Span conflict() {
        return _get(Span.class, spec -> spec.withId(CONFLICT));
    }
}
