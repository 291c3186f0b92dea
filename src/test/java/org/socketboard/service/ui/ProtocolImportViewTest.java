package org.socketboard.service.ui;

import com.github.mvysny.fakeservlet.FakeHttpEnvironment;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.SocketService;
import org.socketboard.testsupport.SocketIoServer;
import org.socketboard.upstream.domain.Protocol;

import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing Socket.IO and STOMP services: the protocol chosen in words, a STOMP server (the built-in feed)
 * or a Socket.IO server (npm socket.io) found behind a plain WebSocket URL and the switch offered with the
 * sample captured in that protocol, and samples pasted as the protocol's frames.
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
        assertThat(testOutcome()).as("switching keeps the test made in that protocol, no longer offering the switch")
                .isEqualTo(outcome.replace("The server speaks STOMP: switch the protocol to STOMP.",
                        "The server speaks STOMP; the protocol is switched to it."))
                .doesNotContain("switch the protocol");
        _click(button("service-save"));
        List<SocketService> saved = repository.findAll();
        assertThat(saved).singleElement().satisfies(service -> assertThat(service.getProtocol()).isEqualTo(Protocol.STOMP));
    }

    @Test
    void aStompServerDetectedWithoutADestinationSaysHowToCaptureASampleInWholeSentences() {
        openImportPage();
        type(field("service-name"), "stomp-no-destination");
        type(field("service-url"), feedUrl("/feeds/stomp"));

        String outcome = runConnectionTest();

        assertThat(outcome).startsWith("The server speaks STOMP: switch the protocol to STOMP. In STOMP: ")
                .endsWith(". Give a destination as the sample request (e.g. /topic/prices) to capture a sample.")
                .doesNotContain(".. ");
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
    @Test
    void aSocketIoSamplePastedAsAnEventFrameGivesThePayloadsFieldsAndTheEventAndSaves() {
        // Served over https, a ws:// URL is saved without a test: no server needed here.
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        openImportPage();
        type(field("service-name"), "socketio-ticks");
        type(field("service-url"), "ws://socketio.example.com/");
        type(protocolSelect(), Protocol.SOCKET_IO);
        type(area("service-sample-response"), "42[\"tick\",{\"symbol\":\"ACME\",\"price\":101.5,\"volume\":1200}]");

        assertThat(area("service-sample-response").isInvalid()).as(area("service-sample-response").getErrorMessage()).isFalse();
        assertThat(fields("service-fields")).extracting(FieldMeta::name)
                .containsExactlyInAnyOrder("symbol", "price", "volume", "event");

        type(_get(Checkbox.class, spec -> spec.withId("service-proceed-without-test")), true);
        _click(button("service-save"));

        assertThat(repository.findAll()).singleElement().satisfies(service -> {
            assertThat(service.getProtocol()).isEqualTo(Protocol.SOCKET_IO);
            assertThat(service.getResponseFields()).extracting(FieldMeta::name).contains("symbol", "price", "event");
        });
    }

    @Test
    void aStompSamplePastedAsAMessageFrameGivesTheBodysFieldsAndTheDestination() {
        openImportPage();
        type(protocolSelect(), Protocol.STOMP);
        // As a browser's network panel shows it: no closing NUL.
        type(area("service-sample-response"), "MESSAGE\ndestination:/topic/prices.ACME\ncontent-type:application/json\n"
                + "subscription:sub-0\nmessage-id:7\n\n{\"symbol\":\"ACME\",\"price\":101.5}");

        assertThat(area("service-sample-response").isInvalid()).as(area("service-sample-response").getErrorMessage()).isFalse();
        assertThat(fields("service-fields")).extracting(FieldMeta::name)
                .containsExactlyInAnyOrder("symbol", "price", "destination");
    }

    @Test
    void aProtocolFramePastedUnderPlainWebSocketIsNotJsonAndSwitchingReadsItInTheProtocol() {
        openImportPage();
        type(area("service-sample-response"), "42[\"tick\",{\"symbol\":\"ACME\"}]");
        assertThat(fields("service-fields")).extracting(FieldMeta::name).doesNotContain("symbol");

        type(protocolSelect(), Protocol.SOCKET_IO);

        assertThat(fields("service-fields")).extracting(FieldMeta::name).containsExactlyInAnyOrder("symbol", "event");
    }

    @Test
    void aSocketIoServerBehindAPlainUrlIsDetectedAndTheSwitchKeepsItsFirstEventWithTheEventName() throws Exception {
        try (var server = new SocketIoServer(Map.of())) {
            openImportPage();
            type(field("service-name"), "socketio-detected");
            type(field("service-url"), server.url() + "socket.io/");

            String outcome = runConnectionTest();

            assertThat(outcome).contains("The server speaks Socket.IO: switch the protocol to Socket.IO");
            var switchButton = button("service-switch-protocol");
            assertThat(switchButton.getText()).isEqualTo("Switch the protocol to Socket.IO");
            String captured = area("service-sample-response").getValue();
            assertThat(captured).contains("\"event\":");
            assertThat(fields("service-fields")).extracting(FieldMeta::name).contains("event");

            _click(switchButton);

            assertThat(protocolSelect().getValue()).isEqualTo(Protocol.SOCKET_IO);
            assertThat(area("service-sample-response").getValue()).as("the captured sample is kept").isEqualTo(captured);
            assertThat(fields("service-fields")).extracting(FieldMeta::name).contains("event");
            _click(button("service-save"));
            assertThat(repository.findAll()).singleElement()
                    .satisfies(service -> assertThat(service.getProtocol()).isEqualTo(Protocol.SOCKET_IO));
        }
    }
}
