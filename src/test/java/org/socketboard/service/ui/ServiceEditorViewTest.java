package org.socketboard.service.ui;

import com.github.mvysny.fakeservlet.FakeHttpEnvironment;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.ServiceSummary;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ServiceEditorViewTest extends ServiceViewTest {

    private static final String QUOTE = "{\"symbol\": \"ACME\", \"price\": 12.5}";

    @Autowired
    ServiceCatalog catalog;

    @Test
    void anAdminImportsTheBuiltInTickerFeedAndFindsItListed() {
        openImportPage();
        type(field("service-name"), "ticker");
        type(field("service-url"), feedUrl("/feeds/ticker?symbols=ACME&rate=20"));
        assertThat(paramNames()).contains("symbols", "rate");

        var outcome = runConnectionTest();

        assertThat(_get(Span.class, spec -> spec.withId("service-test-outcome")).getClassNames()).as(outcome)
                .contains(LumoUtility.TextColor.SUCCESS);
        assertThat(area("service-sample-response").getValue()).as("the first message is the sample").isNotBlank();
        assertThat(fields("service-fields")).extracting(FieldMeta::name, FieldMeta::type)
                .contains(tuple("price", FieldType.NUMBER));
        assertThat(repository.count()).as("nothing is stored before Save").isZero();

        _click(button("service-save"));

        assertThat(repository.count()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Grid<ServiceSummary> list = _get(Grid.class, spec -> spec.withId("service-list"));
        assertThat(GridKt._findAll(list)).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("ticker");
            assertThat(row.lastTestSucceeded()).isTrue();
        });
    }

    @Test
    void theSettingsPageShowsTheSavedServiceAndCanTestItAgain() {
        catalog.save(skippedTest("quotes", feedUrl("/feeds/ticker")));

        UI.getCurrent().navigate("services/quotes");

        assertThat(field("service-name").getValue()).isEqualTo("quotes");
        assertThat(area("service-sample-response").getValue()).isEqualTo(QUOTE);
        assertThat(fields("service-fields")).extracting(FieldMeta::name).contains("symbol", "price");
        assertThat(testOutcome()).isEqualTo("Saved without a test");
        assertThat(button("service-test").isEnabled()).isTrue();
        var outcome = runConnectionTest();
        assertThat(_get(Span.class, spec -> spec.withId("service-test-outcome")).getClassNames()).as(outcome)
                .contains(LumoUtility.TextColor.SUCCESS);

        assertThat(area("service-sample-response").getValue()).as("a sample is only offered, not overwritten")
                .isEqualTo(QUOTE);
        _click(button("service-use-first-message"));
        assertThat(area("service-sample-response").getValue()).contains("\"symbol\"").isNotEqualTo(QUOTE);
        assertThat(fields("service-fields")).extracting(FieldMeta::name).contains("volume");
    }

    @Test
    void aWsUrlIsFlaggedAsUnencryptedAndAWssUrlIsNot() {
        openImportPage();

        type(field("service-url"), "ws://quotes.example.com/stream");
        assertThat(_get(Span.class, spec -> spec.withId("service-insecure-warning")).getText())
                .isEqualTo("ws:// is not encrypted; prefer wss://");
        assertThat(button("service-test").isEnabled()).as("over plain http a ws:// URL can be tested").isTrue();
        _assertNone(Checkbox.class, spec -> spec.withId("service-proceed-without-test"));

        type(field("service-url"), "wss://quotes.example.com/stream");
        _assertNone(Span.class, spec -> spec.withId("service-insecure-warning"));
    }

    @Test
    void onASecurePageAWsServiceIsSavedWithoutATestOnlyWhenTheAdminTicksProceed() {
        startImportOnASecurePage("vitals", feedUrl("/feeds/vitals"));

        assertThat(button("service-test").isEnabled()).isFalse();
        _click(button("service-save"));
        assertThat(repository.count()).isZero();
        assertThat(testOutcome()).contains("Proceed without test");

        tickProceedWithoutTest();
        _click(button("service-save"));
        assertThat(repository.findAll()).singleElement().satisfies(saved -> {
            assertThat(saved.isTestSkipped()).isTrue();
            assertThat(saved.getLastTestSucceeded()).isNull();
        });
    }

    @Test
    void onASecurePageAWssUrlIsTestedAsUsual() {
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        openImportPage();

        type(field("service-url"), "wss://quotes.example.com/stream");

        assertThat(button("service-test").isEnabled()).isTrue();
        _assertNone(Checkbox.class, spec -> spec.withId("service-proceed-without-test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ws://quotes example.com/stream", "http://quotes.example.com/stream", "ws:///stream",
            "ws//quotes.example.com", "ws://user:pa55@quotes.example.com/stream", "ws://169.254.169.254/latest",
            "ws://[::ffff:169.254.169.254]/latest"})
    void aBadUrlIsRefusedNextToTheFieldAndNothingIsStored(String url) {
        openImportPage();
        type(field("service-name"), "quotes");
        type(field("service-url"), url);
        type(area("service-sample-response"), QUOTE);

        _click(button("service-save"));

        assertThat(field("service-url").isInvalid()).isTrue();
        assertThat(field("service-url").getErrorMessage()).isNotBlank();
        assertThat(errorNotifications()).isNotEmpty();
        assertThat(repository.count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://exa mple.com/x", "ws://[::1", "wss://host:99999/", "ws://%zz/", "ws://a.example.com/{x"})
    void testingAnUnparseableUrlSaysWhyAtTheFieldInsteadOfWaitingForever(String url) {
        openImportPage();
        type(field("service-url"), url);

        _click(button("service-test"));

        assertThat(field("service-url").isInvalid()).isTrue();
        assertThat(field("service-url").getErrorMessage()).isNotBlank().doesNotContain("Exception");
        assertThat(testOutcome()).startsWith("Not tested: ").doesNotStartWith("Testing");
        assertThat(button("service-test").isEnabled()).as("another test may start").isTrue();
        assertThat(errorNotifications()).anySatisfy(text -> assertThat(text).startsWith("Not tested: "));
    }

    @Test
    void aHostRefusedAtSaveStaysMarkedWhileTheUrlIsEditedAndTheMarkGoesWhenItIsFixed() {
        openImportPage();
        type(field("service-name"), "quotes");
        type(field("service-url"), "ws://169.254.169.254/latest");
        type(area("service-sample-response"), QUOTE);
        _click(button("service-save"));
        assertThat(field("service-url").isInvalid()).isTrue();

        type(field("service-url"), "ws://169.254.169.254/latest/meta-data");

        assertThat(field("service-url").isInvalid()).as("still refused, still marked").isTrue();
        assertThat(field("service-url").getErrorMessage()).contains("169.254.169.254 are not allowed");

        type(field("service-url"), "wss://quotes.example.com/stream");

        assertThat(field("service-url").isInvalid()).isFalse();
        assertThat(repository.count()).isZero();
    }

    @Test
    void theTextFieldsStopAtTheLengthsTheCatalogStores() {
        openImportPage();

        assertThat(field("service-name").getMaxLength()).isEqualTo(SocketService.MAX_NAME_LENGTH);
        assertThat(field("service-url").getMaxLength()).isEqualTo(SocketService.MAX_URL_LENGTH);
        assertThat(field("service-description").getMaxLength()).isEqualTo(SocketService.MAX_DESCRIPTION_LENGTH);
        assertThat(field("service-subprotocols").getMaxLength()).isEqualTo(ServiceValidator.MAX_SUBPROTOCOLS_LENGTH);
        assertThat(field("service-record-path").getMaxLength()).isEqualTo(SocketService.MAX_RECORD_PATH_LENGTH);
    }

    @Test
    void anUnresolvableHostFailsTheTestAndCannotBeSaved() {
        // The connection policy resolves the host before the tester would.
        assertFailedTestIsReportedAndNothingSaved("ws://no-such-host.invalid/feed", "The host no-such-host.invalid cannot be resolved");
    }

    @Test
    void aRefusedConnectionFailsTheTest() throws IOException {
        assertFailedTestIsReportedAndNothingSaved("ws://127.0.0.1:" + LoopbackWebSocketServer.refusingPort() + "/feed",
                "Connection refused by 127.0.0.1:");
    }

    @Test
    void aTlsFailureFailsTheTest() throws Exception {
        try (var server = LoopbackWebSocketServer.speakingFirst("220 plain text, no TLS here\r\n")) {
            assertFailedTestIsReportedAndNothingSaved(server.secureUri("/feed").toString(), "TLS failure: ");
        }
    }

    @Test
    void anUpstreamThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (var server = LoopbackWebSocketServer.silent()) {
            assertFailedTestIsReportedAndNothingSaved(server.uri("/feed").toString(), "Timed out after 5 s waiting for the handshake");
        }
    }

    @Test
    void anAnswerOtherThanSwitchingProtocolsFailsTheTest() throws Exception {
        try (var server = LoopbackWebSocketServer.refusingTheHandshakeWith(404)) {
            assertFailedTestIsReportedAndNothingSaved(server.uri("/feed").toString(),
                    "Handshake failed: the server answered HTTP 404 Not Found instead of accepting a WebSocket connection");
        }
    }

    @Test
    void aFeedThatIsDownNowIsSavedFromItsSampleOnceATestHasFailed() throws Exception {
        try (var server = LoopbackWebSocketServer.refusingTheHandshakeWith(200)) {
            openImportPage();
            type(field("service-name"), "downfeed");
            type(field("service-url"), server.uri("/feed").toString());
            _assertNone(Checkbox.class, spec -> spec.withId("service-proceed-without-test"));

            assertThat(runConnectionTest()).isEqualTo("No WebSocket service at this address: the server answered "
                    + "with an ordinary web response (HTTP 200 OK) instead of accepting a WebSocket connection");
            tickProceedWithoutTest();
            _click(button("service-save"));
            assertThat(repository.count()).as("the sample response is still needed").isZero();
            assertThat(saveErrors()).singleElement().asString().startsWith("A sample response is needed");
            assertThat(area("service-sample-response").isInvalid()).isTrue();

            type(area("service-sample-response"), QUOTE);
            _click(button("service-save"));
        }
        assertThat(repository.findAll()).singleElement().satisfies(saved -> {
            assertThat(saved.isTestSkipped()).isTrue();
            assertThat(saved.getResponseFields()).extracting(FieldMeta::name).contains("symbol", "price");
        });
    }

    @Test
    void theSaveErrorsAreListedOneALineAndGoOnceATestPasses() {
        openImportPage();
        type(field("service-name"), "ticker");
        type(field("service-url"), feedUrl("/feeds/ticker"));

        _click(button("service-save"));

        assertThat(saveErrors()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).startsWith("A sample response is needed"))
                .anySatisfy(line -> assertThat(line).startsWith("Test the connection successfully before saving"))
                .noneSatisfy(line -> assertThat(line).contains("; "));
        assertThat(errorNotifications()).anySatisfy(text -> assertThat(text).matches("Not saved: \\d+ problems, listed above Save"));
        assertThat(testOutcome()).doesNotContain("tick");

        assertThat(runConnectionTest()).isNotEmpty();

        _assertNone(UnorderedList.class, spec -> spec.withId("service-save-errors"));
        _click(button("service-save"));
        assertThat(repository.count()).isEqualTo(1);
    }

    static Stream<Arguments> malformedSamples() {
        return Stream.of(
                arguments("service-sample-request", "{\n  \"subscribe\": [\"ACME\"],,\n}"),
                arguments("service-sample-response", "<quote>\n<price>12.5</quote>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSamples")
    void aMalformedSampleIsShownWithItsLineAndColumnAndNothingIsStored(String id, String sample) {
        openImportPage();
        type(area(id), sample);

        assertThat(area(id).isInvalid()).isTrue();
        assertThat(area(id).getErrorMessage()).contains("line 2, column ");
        assertNothingSavedWith(area(id).getErrorMessage());
    }

    @Test
    void aSampleOverOneMegabyteIsRefused() {
        openImportPage();
        type(area("service-sample-response"), "{\"blob\": \"" + "x".repeat(FieldInference.MAX_SAMPLE_CHARS) + "\"}");

        assertThat(area("service-sample-response").getErrorMessage()).contains("up to 1 MB");
        assertNothingSavedWith("up to 1 MB");
    }

    @Test
    void aNameInUseIsRefusedRegardlessOfCase() {
        catalog.save(skippedTest("ticker", feedUrl("/feeds/ticker")));
        startImportOnASecurePage("Ticker", feedUrl("/feeds/ticker"));
        tickProceedWithoutTest();

        _click(button("service-save"));

        assertThat(field("service-name").getErrorMessage()).isEqualTo("A service named 'ticker' already exists");
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void pathParametersFollowTheUrlUntilTheAdminEditsThem() {
        openImportPage();
        type(field("service-url"), "wss://scores.example.com/{league}");
        assertThat(paramNames()).containsExactly("league");

        type(field("service-url"), "wss://scores.example.com/{sport}");
        assertThat(paramNames()).as("an untouched detected row follows the URL").containsExactly("sport");

        type(paramField("param-default"), "football");
        type(field("service-url"), "wss://scores.example.com/live");
        assertThat(paramNames()).as("an edited row is the admin's and stays").containsExactly("sport");
    }

    @Test
    void aPathParameterWithoutDefinitionIsRefused() {
        startImportOnASecurePage("scores", feedUrl("/feeds/{feed}"));
        tickProceedWithoutTest();
        _click(_get(Button.class, spec -> spec.withClasses("param-remove")));

        _click(button("service-save"));

        var params = _get(ParamsEditor.class, spec -> spec.withId("service-params"));
        assertThat(params.isInvalid()).isTrue();
        assertThat(params.getErrorMessage()).isEqualTo("The URL uses {feed}, but no path parameter 'feed' is defined");
        assertThat(repository.count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Sec-WebSocket-Key", "X-Desk\nX-Injected"})
    void aHeaderParameterTheHandshakeCannotCarryIsRefusedNextToTheParameters(String header) {
        startImportOnASecurePage("quotes", feedUrl("/feeds/ticker"));
        tickProceedWithoutTest();
        _click(button("service-add-param"));
        type(paramField("param-name"), header);
        _get(Select.class, spec -> spec.withClasses("param-location")).setValue(ParamLocation.HEADER);

        _click(button("service-save"));

        var params = _get(ParamsEditor.class, spec -> spec.withId("service-params"));
        assertThat(params.isInvalid()).isTrue();
        assertThat(params.getErrorMessage()).containsAnyOf("handshake", "line break");
        assertThat(repository.count()).isZero();
    }

    @Test
    void aServiceInUseIsNotDeletedAndTheMessageNamesItsVariables() {
        catalog.save(skippedTest("ticker", feedUrl("/feeds/ticker")));
        usage.use("ticker", "acme-price", "acme-volume");
        UI.getCurrent().navigate("services/ticker");

        _click(button("service-delete"));

        assertThat(errorNotifications()).singleElement().asString()
                .contains("acme-price", "acme-volume");
        _assertNone(ConfirmDialog.class);
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void anUnusedServiceIsDeletedAfterConfirmation() {
        catalog.save(skippedTest("ticker", feedUrl("/feeds/ticker")));
        UI.getCurrent().navigate("services/ticker");

        _click(button("service-delete"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(repository.count()).isZero();
        _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("service-list-empty"));
    }

    private void assertFailedTestIsReportedAndNothingSaved(String url, String expectedInOutcome) {
        openImportPage();
        type(field("service-name"), "upstream");
        type(field("service-url"), url);
        type(area("service-sample-response"), QUOTE);

        var outcome = runConnectionTest();

        assertThat(outcome).startsWith(expectedInOutcome);
        assertThat(_get(Span.class, spec -> spec.withId("service-test-outcome")).getClassNames())
                .contains(LumoUtility.TextColor.ERROR);
        assertThat(errorNotifications()).anySatisfy(text -> assertThat(text).startsWith("Connection test failed"));
        _click(button("service-save"));
        assertThat(repository.count()).as("a failed test never allows saving").isZero();
    }

    /** A ws:// service on a page served over https: it can only be saved with Proceed without test. */
    private void startImportOnASecurePage(String name, String url) {
        FakeHttpEnvironment.INSTANCE.setSecure(true);
        openImportPage();
        type(field("service-name"), name);
        type(field("service-url"), url);
        type(area("service-sample-response"), QUOTE);
    }

    private static void tickProceedWithoutTest() {
        type(_get(Checkbox.class, spec -> spec.withId("service-proceed-without-test")), true);
    }

    private void assertNothingSavedWith(String message) {
        type(field("service-name"), "quotes");
        type(field("service-url"), "wss://quotes.example.com/stream");
        _click(button("service-save"));
        assertThat(saveErrors()).anySatisfy(text -> assertThat(text).contains(message));
        assertThat(repository.count()).isZero();
    }

    private static List<String> paramNames() {
        return _find(TextField.class, spec -> spec.withClasses("param-name")).stream()
                .map(TextField::getValue)
                .toList();
    }

    private static TextField paramField(String className) {
        return _get(TextField.class, spec -> spec.withClasses(className));
    }

    private SocketService skippedTest(String name, String url) {
        var service = new SocketService();
        service.setName(name);
        service.setUrl(url);
        service.setSampleResponse(QUOTE);
        service.setTestSkipped(true);
        return service;
    }
}
