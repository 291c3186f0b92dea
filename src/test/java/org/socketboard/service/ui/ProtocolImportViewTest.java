package org.socketboard.service.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing a STOMP service: the protocol chosen in words, a STOMP server found behind a plain WebSocket
 * URL (the built-in STOMP feed) and the switch offered with the sample captured in STOMP.
 */
class ProtocolImportViewTest extends ServiceViewTest {

    @SuppressWarnings("unchecked")
    private static Select<Protocol> protocolSelect() {
        return _get(Select.class, spec -> spec.withId("service-protocol"));
    }

    @Test
    void theProtocolSelectOffersTheThreeProtocolsByTheirNamesAndStartsAtWebSocket() {
        openImportPage();

        Select<Protocol> protocol = protocolSelect();
        assertThat(protocol.getLabel()).isEqualTo("Protocol");
        assertThat(protocol.getValue()).isEqualTo(Protocol.WEBSOCKET);
        assertThat(protocol.getListDataView().getItems().map(protocol.getItemLabelGenerator()).toList())
                .containsExactly("WebSocket", "Socket.IO", "STOMP");
    }

    @Test
    void aStompServerBehindAPlainUrlIsDetectedAndTheSwitchKeepsTheSampleWithItsDestination() {
        openImportPage();
        type(field("service-name"), "stomp-prices");
        type(field("service-url"), feedUrl("/feeds/stomp"));
        type(area("service-sample-request"), "/topic/prices.ACME");

        String outcome = runConnectionTest();

        assertThat(outcome).contains("The server speaks STOMP: switch the protocol to STOMP");
        var switchButton = button("service-switch-protocol");
        assertThat(switchButton.isVisible()).isTrue();
        assertThat(switchButton.getText()).isEqualTo("Switch the protocol to STOMP");
        assertThat(area("service-sample-response").getValue()).contains("\"destination\":\"/topic/prices.ACME\"");
        assertThat(fields("service-fields")).extracting(FieldMeta::name).contains("symbol", "price", "destination");

        _click(switchButton);

        assertThat(protocolSelect().getValue()).isEqualTo(Protocol.STOMP);
        assertThat(switchButton.isVisible()).isFalse();
        assertThat(testOutcome()).as("switching keeps the test made in that protocol").isEqualTo(outcome);
        _click(button("service-save"));
        List<SocketService> saved = repository.findAll();
        assertThat(saved).singleElement().satisfies(service -> assertThat(service.getProtocol()).isEqualTo(Protocol.STOMP));
    }

    @Test
    void aStompServiceIsTestedInStompAndAnUnknownDestinationIsTheServersReason() {
        openImportPage();
        type(field("service-url"), feedUrl("/feeds/stomp"));
        type(protocolSelect(), Protocol.STOMP);
        type(area("service-sample-request"), "/topic/nowhere");

        String outcome = runConnectionTest();

        assertThat(outcome).contains("The STOMP server sent an ERROR: Unknown destination /topic/nowhere");
        _assertNone(Button.class, spec -> spec.withId("service-switch-protocol"));
    }

    @Test
    void underStompTheSampleRequestIsTheDestinationToTestAndNoJsonError() {
        openImportPage();
        type(protocolSelect(), Protocol.STOMP);
        type(area("service-sample-request"), "/topic/prices.ACME");

        assertThat(area("service-sample-request").getLabel()).contains("Destination");
        assertThat(area("service-sample-request").isInvalid()).as(area("service-sample-request").getErrorMessage()).isFalse();

        type(protocolSelect(), Protocol.WEBSOCKET);

        assertThat(area("service-sample-request").getLabel()).isEqualTo("Sample request (JSON)");
        assertThat(area("service-sample-request").isInvalid()).as("the same text read as JSON again").isTrue();
    }
}
