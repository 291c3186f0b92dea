package org.socketboard.variable.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The variable form's protocol fields: destinations for STOMP, events for Socket.IO, none for plain WebSocket. */
class ProtocolVariableViewTest extends KaribuTest {

    @Autowired
    VariableCatalog catalog;

    @Autowired
    ServiceCatalog services;

    private VariableFixtures fixtures;

    @BeforeEach
    void theEditor() {
        fixtures = new VariableFixtures(services, port);
        UI.getCurrent().navigate("variables/new");
    }

    private static <T extends Component> T byId(Class<T> type, String id) {
        return _get(type, spec -> spec.withId(id));
    }

    private SocketService service(String path, Protocol protocol) {
        SocketService service = fixtures.feed(path);
        service.setProtocol(protocol);
        return services.save(service);
    }

    /** Fills the form for {@code service} (a service stored after the form opened: the page is opened anew). */
    private String fill(SocketService service) {
        UI.getCurrent().navigate("variables/new");
        String name = VariableFixtures.uniqueName("proto");
        _setValue(byId(TextField.class, "variable-name"), name);
        ComboBoxKt.selectByLabel(byId(ComboBox.class, "variable-service"), service.getName());
        _setValue(byId(Select.class, "variable-scope"), VariableScope.APPLICATION);
        _setValue(byId(Select.class, "variable-strategy"), InsertStrategy.ADD_LAST);
        _setValue(byId(IntegerField.class, "variable-limit"), 50);
        return name;
    }

    @Test
    void aStompVariableTakesItsDestinationsOnePerLineAndItsSendDestination() {
        String name = fill(service("/feeds/stomp", Protocol.STOMP));
        TextArea destinations = byId(TextArea.class, "variable-subscriptions");
        assertThat(destinations.isVisible()).isTrue();
        assertThat(destinations.getLabel()).isEqualTo("Destinations (STOMP)");
        assertThat(byId(TextField.class, "variable-send-target").getLabel()).isEqualTo("Send to destination");

        _setValue(destinations, "/topic/prices.ACME\n\n/topic/prices.{symbol}\n");
        _setValue(byId(TextField.class, "variable-send-target"), "/topic/echo");
        _click(byId(Button.class, "variable-save"));

        Variable saved = catalog.findByName(name).orElseThrow();
        assertThat(saved.getSubscriptions()).containsExactly("/topic/prices.ACME", "/topic/prices.{symbol}");
        assertThat(saved.getSendTarget()).isEqualTo("/topic/echo");
    }

    @Test
    void aStompVariableWithoutADestinationIsRefusedWithTheReasonAtTheField() {
        String name = fill(service("/feeds/stomp", Protocol.STOMP));

        _click(byId(Button.class, "variable-save"));

        TextArea destinations = byId(TextArea.class, "variable-subscriptions");
        assertThat(destinations.isInvalid()).isTrue();
        assertThat(destinations.getErrorMessage()).isEqualTo("Give at least one destination to subscribe to, e.g. /topic/prices");
        assertThat(catalog.findByName(name)).isEmpty();
    }

    @Test
    void aSocketIoVariableChoosesEventsAndThePlainWebSocketOneHasNoProtocolFields() {
        String name = fill(service("/feeds/ticker", Protocol.SOCKET_IO));
        TextArea events = byId(TextArea.class, "variable-subscriptions");
        assertThat(events.getLabel()).isEqualTo("Events (Socket.IO)");
        assertThat(byId(TextField.class, "variable-send-target").getLabel()).isEqualTo("Emit event");
        _setValue(events, "tick\nnews");
        _click(byId(Button.class, "variable-save"));
        assertThat(catalog.findByName(name).orElseThrow().getSubscriptions()).isEqualTo(List.of("tick", "news"));

        fill(service("/feeds/ticker", Protocol.WEBSOCKET));
        _assertNone(TextArea.class, spec -> spec.withId("variable-subscriptions"));
        _assertNone(TextField.class, spec -> spec.withId("variable-send-target"));
    }
}
