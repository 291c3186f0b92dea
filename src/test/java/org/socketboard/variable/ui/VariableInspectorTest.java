package org.socketboard.variable.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.push.UiFlushers;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.ViewerSettings;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.socketboard.variable.runtime.RawFrame;
import org.socketboard.variable.runtime.VariableEvent;
import org.socketboard.variable.runtime.ReconnectPolicy;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The variable page against the app's own ticker feed: every update arrives by a push round trip. */
class VariableInspectorTest extends KaribuTest {

    @Autowired
    VariableCatalog catalog;

    @Autowired
    VariableRegistry registry;

    @Autowired
    UiFlushers flushers;

    @Autowired
    ServiceCatalog services;

    private Variable variable;

    @BeforeEach
    void aTickerVariable() {
        // The service catalog infers the preview's columns (symbol, price, ...) from the sample tick.
        var service = new VariableFixtures(services, port).feed("/feeds/ticker?rate=20");
        variable = catalog.save(VariableFixtures.variableOn(service, 100));
        UI.getCurrent().navigate("variables/" + variable.getName());
    }

    private static <T extends Component> T byId(Class<T> type, String id) {
        return _get(type, spec -> spec.withId(id));
    }

    private static String state() {
        return byId(Span.class, "variable-state").getText();
    }

    private static long messages() {
        return Long.parseLong(byId(Span.class, "variable-messages").getText());
    }

    @SuppressWarnings("unchecked")
    private static Grid<Object> grid(String id) {
        return byId(Grid.class, id);
    }


    @Test
    void openingShowsTheStateTheRecordsAndGrowingCountersByPush() throws InterruptedException {
        assertThat(state()).as("in words, not the enum name").isEqualTo("closed: not opened yet");
        assertThat(byId(Component.class, "variable-inspector")).isNotNull();

        _click(byId(Button.class, "variable-open"));

        awaitPushed("open with records", () -> state().equals("open") && GridKt._size(grid("variable-preview")) > 0);
        long seen = messages();
        assertThat(seen).isPositive();
        awaitPushed("more messages", () -> messages() > seen);
        assertThat(Long.parseLong(byId(Span.class, "variable-frames-received").getText())).as("frames shown beside messages").isPositive();
        assertThat(GridKt._getFormatted(grid("variable-preview"), 0, "/symbol")).isNotBlank();
        assertThat(GridKt._getFormatted(grid("variable-preview"), 0, "/price")).matches("\\d+(\\.\\d+)?");
        assertThat(GridKt._size(grid("variable-frames"))).isPositive();
        assertThat(GridKt._size(grid("variable-events"))).isPositive();

        _click(byId(Button.class, "variable-close"));

        awaitPushed("closed", () -> state().startsWith("closed"));
    }

    @Test
    void theVariablesListSaysTheStateInTheWordsOfTheInspector() throws Exception {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));

        // Held past the inspector, which lets go of the variable when the list replaces it.
        try (var held = registry.watch(variable, "list-test")) {
            UI.getCurrent().navigate("variables");
            Grid<Object> list = grid("variable-list");
            int row = GridKt._findAll(list).stream().map(Variable.class::cast).map(Variable::getId).toList()
                    .indexOf(variable.getId());
            assertThat(GridKt._getFormatted(list, row, "state")).isEqualTo("open");

            held.live().close();
            awaitPushed("closed in the list", () -> GridKt._getFormatted(list, row, "state").startsWith("closed"));
        }
    }

    @Test
    void eachRowOfTheVariablesListHasAnInspectActionThatOpensTheVariablePage() {
        UI.getCurrent().navigate("variables");
        Grid<Object> list = grid("variable-list");
        int row = GridKt._findAll(list).stream().map(Variable.class::cast).map(Variable::getId).toList()
                .indexOf(variable.getId());
        var inspect = (Button) GridKt._getCellComponent(list, row, "inspect");
        assertThat(inspect.getId()).contains("variables-inspect-" + variable.getName());
        assertThat(inspect.getText()).isEqualTo("Inspect");

        _click(inspect);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("variables/" + variable.getName());
        assertThat(byId(Component.class, "variable-inspector")).isNotNull();
        assertThat(state()).isEqualTo("closed: not opened yet");
    }

    @Test
    void timesThatReadAsNoTimeAreCountedForTheTimestampFieldOfTheRecords() throws Exception {
        var json = new ObjectMapper();
        var live = registry.running(variable.getId()).orElseThrow();
        assertThat(byId(Span.class, "variable-unreadable-times").getText()).isEqualTo("0");

        live.dataset().accept(List.of(json.readTree("{\"symbol\": \"A\", \"ts\": \"2023-11-14T22:13:20Z\"}"),
                json.readTree("{\"symbol\": \"B\", \"ts\": 1700000000000000}"),
                json.readTree("{\"symbol\": \"C\", \"ts\": \"soon\"}"),
                json.readTree("{\"symbol\": \"D\", \"ts\": {\"nested\": 1}}"),
                json.readTree("{\"symbol\": \"E\", \"ts\": \"1e308\"}"),
                json.readTree("{\"symbol\": \"F\"}")));

        awaitPushed("three unreadable times", () -> byId(Span.class, "variable-unreadable-times").getText().equals("3"));
    }

    @Test
    void aVariableThatGaveUpShowsWhyAndItsReconnectsOfTheLastMinute() throws InterruptedException {
        // The ticker closes with 1008 for a bad rate: a refusal that will not change on retry.
        var refusing = catalog.save(quickToReconnect(VariableFixtures.variableOn(
                new VariableFixtures(services, port).feed("/feeds/ticker?rate=abc"), 100)));
        UI.getCurrent().navigate("variables/" + refusing.getName());

        _click(byId(Button.class, "variable-open"));

        awaitPushed("failed", () -> state().startsWith("failed: "));
        assertThat(byId(Span.class, "variable-state").getElement().getThemeList()).as("in the error colour").contains("badge", "error");
        assertThat(byId(Span.class, "variable-failure").getText()).startsWith("Gave up after 3 attempts: "
                + "the server closed with 1008 rate must be a whole number from 1 to 10000, got 'abc'");
        assertThat(byId(Span.class, "variable-reconnects-last-minute").getText()).isEqualTo("2");

        // The long reason wraps in a row of its own; the buttons keep theirs.
        var state = byId(Span.class, "variable-state");
        assertThat(state.getParent()).containsSame(byId(Component.class, "variable-inspector"));
        assertThat(state.getStyle().get("white-space")).isEqualTo("normal");
        var open = byId(Button.class, "variable-open");
        assertThat(open.getParent()).containsSame(byId(Component.class, "variable-buttons"));
        assertThat(open.getParent().orElseThrow().getChildren()).doesNotContain(state, byId(Span.class, "variable-failure"));
        assertThat(open.isVisible() && open.isEnabled()).isTrue();
    }

    @Test
    void noTwoElementsOfTheVariablePageShareAnId() {
        List<String> ids = new ArrayList<>();
        collectIds(UI.getCurrent(), ids);

        assertThat(ids).contains("variable-frames", "variable-frames-received", "variable-inspector").doesNotHaveDuplicates();
    }

    private static void collectIds(Component component, List<String> ids) {
        component.getId().ifPresent(ids::add);
        component.getChildren().forEach(child -> collectIds(child, ids));
    }

    /** A variable on the built-in STOMP feed subscribed to ACME's prices, sending to {@code sendTo} ("" = that topic). */
    private Variable stompVariable(String sendTo) {
        var service = new SocketService();
        service.setName(VariableFixtures.uniqueName("stomp"));
        service.setUrl("ws://localhost:" + port + "/feeds/stomp");
        service.setProtocol(Protocol.STOMP);
        service.setSampleResponse(VariableFixtures.TICK);
        service.setTestSkipped(true);
        var stomp = VariableFixtures.variableOn(services.save(service), 100);
        stomp.setSubscriptions(List.of("/topic/prices.ACME"));
        stomp.setSendTarget(sendTo);
        return catalog.save(quickToReconnect(stomp));
    }

    @Test
    void aStompSendTheServerRefusesShowsItsReasonAndTheVariableStaysUsableAfterMoreRefusalsThanAGiveUpTakes()
            throws InterruptedException {
        Variable stomp = stompVariable("");
        UI.getCurrent().navigate("variables/" + stomp.getName());
        _setValue(byId(TextArea.class, "variable-message"), "{\"price\":1}");
        _click(byId(Button.class, "variable-open"));

        for (int send = 1; send <= ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 1; send++) {
            // Open again after the refusal before: the server closed the session, the variable reconnected.
            int connections = send;
            awaitPushed("open", () -> state().equals("open") && opens(stomp) == connections);
            _click(byId(Button.class, "variable-send"));

            awaitPushed("the refusal", () -> byId(Span.class, "variable-send-result").getText().startsWith("Not sent"));
            assertThat(byId(Span.class, "variable-send-result").getText())
                    .isEqualTo("Not sent: The STOMP server refused the message: Clients may send only to /topic/echo");
        }
        awaitPushed("open after the last refusal", () -> state().equals("open")
                && opens(stomp) == ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 2);
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aStompSendTheServerTakesIsShownAsConfirmed() throws InterruptedException {
        UI.getCurrent().navigate("variables/" + stompVariable("/topic/echo").getName());
        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));
        _setValue(byId(TextArea.class, "variable-message"), "{\"note\":\"hi\"}");
        _click(byId(Button.class, "variable-send"));

        awaitPushed("the confirmation", () -> byId(Span.class, "variable-send-result").getText().startsWith("Sent at "));
        assertThat(byId(Span.class, "variable-send-result").getText()).endsWith(" (the server confirmed it)");
        _click(byId(Button.class, "variable-close"));
    }

    private long opens(Variable of) {
        return registry.running(of.getId()).map(live -> live.events().stream()
                .filter(event -> event.type() == VariableEvent.Type.OPEN).count()).orElse(0L);
    }

    private static Variable quickToReconnect(Variable variable) {
        variable.setReconnectInitialDelayMs(50);
        variable.setReconnectMaxDelayMs(200);
        return variable;
    }

    @Test
    void aSentMessageAppearsFirstInTheFrameLog() throws InterruptedException {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));

        _setValue(byId(TextArea.class, "variable-message"), "{\"hello\":\"feed\"}");
        _click(byId(Button.class, "variable-send"));

        awaitPushed("the sent frame", () -> GridKt._findAll(grid("variable-frames")).stream()
                .map(RawFrame.class::cast)
                .anyMatch(frame -> frame.direction() == RawFrame.Direction.OUT && frame.text().equals("{\"hello\":\"feed\"}")));
        var frames = GridKt._findAll(grid("variable-frames")).stream().map(RawFrame.class::cast).toList();
        assertThat(frames).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));

        _setValue(byId(Checkbox.class, "variable-frames-sent-only"), true);

        var sent = GridKt._findAll(grid("variable-frames")).stream().map(RawFrame.class::cast).toList();
        assertThat(sent).extracting(RawFrame::direction).containsOnly(RawFrame.Direction.OUT);
        assertThat(sent).extracting(RawFrame::text).contains("{\"hello\":\"feed\"}");
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void controlCharactersOfAFrameAreShownAsTheirPicturesInTheFrameLog() throws Exception {
        try (var server = LoopbackWebSocketServer.sendingOnOpen("{\"a\":\"x\u0000y\u001b\u007f\ttab\nline\r\"}")) {
            openInspectorOn(server, "controls");

            awaitPushed("the frame", () -> GridKt._size(grid("variable-frames")) > 0);

            assertThat(GridKt._getFormatted(grid("variable-frames"), 0, "text"))
                    .isEqualTo("{\"a\":\"x\u2400y\u241b\u2421\ttab\nline\u240d\"}");
            _click(byId(Button.class, "variable-close"));
        }
    }

    @Test
    void aDirectionOverrideInAFrameIsShownAsAMarkInTheFrameLogAndThePreviewInsteadOfReorderingThem() throws Exception {
        try (var server = LoopbackWebSocketServer.sendingOnOpen("{\"a\":\"\u202Egnp.exe\"}")) {
            openInspectorOn(server, "bidi");

            awaitPushed("the frame", () -> GridKt._size(grid("variable-frames")) > 0
                    && GridKt._size(grid("variable-preview")) > 0);

            assertThat(GridKt._getFormatted(grid("variable-frames"), 0, "text"))
                    .isEqualTo("{\"a\":\"\u27E8U+202E\u27E9gnp.exe\"}");
            assertThat(GridKt._getFormatted(grid("variable-preview"), 0, "/a")).isEqualTo("\u27E8U+202E\u27E9gnp.exe");
            _click(byId(Button.class, "variable-close"));
        }
    }

    /** A variable on {@code server} (saved without a test), its inspector shown and opened. */
    private void openInspectorOn(LoopbackWebSocketServer server, String name) {
        var service = new SocketService();
        service.setName(VariableFixtures.uniqueName(name));
        service.setUrl(server.uri("/").toString());
        service.setSampleResponse("{\"a\":\"x\"}");
        service.setTestSkipped(true);
        var variable = catalog.save(VariableFixtures.variableOn(services.save(service), 10));
        UI.getCurrent().navigate("variables/" + variable.getName());
        _click(byId(Button.class, "variable-open"));
    }

    @Test
    void openIsDisabledWhileTheVariableIsOpenAndCloseWhileItIsClosed() throws InterruptedException {
        assertThat(byId(Button.class, "variable-open").isEnabled()).isTrue();
        assertThat(byId(Button.class, "variable-close").isEnabled()).isFalse();

        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));

        assertThat(byId(Button.class, "variable-open").isEnabled()).as("open already").isFalse();
        assertThat(byId(Button.class, "variable-close").isEnabled()).isTrue();
        _click(byId(Button.class, "variable-close"));
        assertThat(byId(Button.class, "variable-open").isEnabled()).as("offered again at once").isTrue();
        awaitPushed("closed", () -> state().startsWith("closed"));
        assertThat(byId(Button.class, "variable-close").isEnabled()).isFalse();
    }

    @Test
    void aSentMessageIsConfirmedBesideTheSendButtonAndRefusedThereWhenClosed() throws InterruptedException {
        _setValue(byId(TextArea.class, "variable-message"), "{\"hello\":\"feed\"}");
        _click(byId(Button.class, "variable-send"));
        assertThat(byId(Span.class, "variable-send-result").getText()).isEqualTo("Not sent: open the variable first (it is closed: not opened yet)");
        // On its own line under the message box and the button, not squeezed between them.
        var sendRow = byId(Component.class, "variable-sending");
        assertThat(byId(Button.class, "variable-send").getParent()).containsSame(sendRow);
        assertThat(byId(Span.class, "variable-send-result").getParent()).containsSame(byId(Component.class, "variable-inspector"));

        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));
        _click(byId(Button.class, "variable-send"));

        awaitPushed("the confirmation", () -> byId(Span.class, "variable-send-result").getText().startsWith("Sent at "));
        assertThat(byId(Span.class, "variable-send-result").getText()).matches("Sent at \\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\(written to the socket; this protocol does not confirm messages\\)");
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void theEventColumnIsWideEnoughForItsLongestWordBeforeAnyEventArrives() {
        var type = grid("variable-events").getColumnByKey("type");

        assertThat(type.getWidth()).isEqualTo("18ch");
        assertThat(VariableInspector.eventWords(org.socketboard.variable.runtime.VariableEvent.Type.MESSAGE_RECEIVE))
                .isEqualTo("message receive").hasSizeLessThan(18);
    }

    @Test
    void theFrameLogsDirectionColumnIsWideEnoughForOutBeforeAnyFrameArrives() {
        var direction = grid("variable-frames").getColumnByKey("direction");

        assertThat(direction.isAutoWidth()).as("auto width measures the first rows, often only \"in\"").isFalse();
        assertThat(direction.getWidth()).isEqualTo("4.5rem");
    }

    @Test
    void aMessageThatIsNotValidJsonIsRefusedBeforeSendingWithTheReason() throws InterruptedException {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));
        var message = byId(TextArea.class, "variable-message");

        _setValue(message, "{\"hello\": feed}");
        _click(byId(Button.class, "variable-send"));

        assertThat(message.isInvalid()).isTrue();
        assertThat(message.getErrorMessage()).contains("Invalid JSON at line 1");
        assertThat(registry.running(variable.getId()).orElseThrow().stats().messagesSent()).isZero();
        _click(byId(Button.class, "variable-close"));
    }

    @Test
    void aDashboardVariablesPageOpensAPrivateInstanceThatGoesWithThePage() throws InterruptedException {
        variable.setScope(VariableScope.DASHBOARD);
        variable = catalog.save(variable);
        int instancesBefore = registry.liveInstances();
        var flusher = flushers.forUi(UI.getCurrent());
        int connectionsBefore = registry.openConnections();
        UI.getCurrent().navigate("variables/" + variable.getName());
        assertThat(registry.liveInstances()).isEqualTo(instancesBefore + 1);

        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));

        UI.getCurrent().navigate("variables");

        assertThat(registry.liveInstances()).isEqualTo(instancesBefore);
        assertThat(flusher.subscriptionCount()).as("the preview let go of the dataset").isZero();
        assertThat(flusher.watchCount()).as("the list's watch alone").isEqualTo(1);
        awaitPushed("no connection left", () -> registry.openConnections() <= connectionsBefore);
    }

    @Test
    void whatThePageOpenedByHandStaysOpenAcrossASaveAndClosesAfterTheGraceOnceThePageIsLeft() throws InterruptedException {
        _click(byId(Button.class, "variable-open"));
        awaitPushed("open", () -> state().equals("open"));
        var first = registry.running(variable.getId()).orElseThrow();

        _setValue(byId(IntegerField.class, "variable-limit"), 30);
        _click(byId(Button.class, "variable-save"));
        var reopened = registry.running(variable.getId()).orElseThrow();
        awaitPushed("open on the saved definition", () -> state().equals("open"));

        assertThat(reopened).isNotSameAs(first);
        assertThat(reopened.dataset().limit()).isEqualTo(30);
        Duration grace = context.getBean(ViewerSettings.class).idleGrace();
        await().during(grace.plusMillis(500)).atMost(grace.multipliedBy(4).plusSeconds(15))
                .until(() -> reopened.state() == VariableState.OPEN);

        UI.getCurrent().navigate("variables");

        await().atMost(Duration.ofSeconds(15)).until(() -> !reopened.hasConnection());
        assertThat(registry.running(variable.getId())).isEmpty();
    }
}
