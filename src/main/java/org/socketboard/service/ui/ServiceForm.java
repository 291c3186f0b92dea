package org.socketboard.service.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.service.ServiceValidator;
import org.socketboard.upstream.domain.Protocol;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.ui.Notifications;
import org.socketboard.service.ServiceField;
import org.socketboard.service.connection.ConnectionTestResult;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.InvalidServiceUrlException;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.service.inference.InferredSample;
import org.socketboard.service.inference.InvalidRecordPathException;
import org.socketboard.service.inference.SampleParseException;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Edits one service definition: connection (name, URL, subprotocols, test), parameters, samples and
 * the fields inferred from them. The form raises {@link TestEvent}, {@link SaveEvent} and
 * {@link DeleteEvent} for its view and never stores or connects anything itself. Field inference is a
 * pure function of the samples, so the form previews the fields directly as samples are typed.
 */
class ServiceForm extends VerticalLayout {

    private static final String TEST_BLOCKED = "This page is served over https, so a ws:// URL cannot be "
            + "tested from it: tick Proceed without test, or use wss://.";

    private final TextField name = new TextField("Name");
    private final TextField url = new TextField("URL");
    private final TextField description = new TextField("Description");
    private final TextField subprotocols = new TextField("Subprotocols");
    private final Select<Protocol> protocol = new Select<>();
    /** Offered when a test found a Socket.IO or STOMP server behind a plain WebSocket URL. */
    private final Button switchProtocol = new Button();
    private Protocol detected;
    private final Span insecureWarning = new Span("ws:// is not encrypted; prefer wss://");
    private final Button test = new Button("Test connection", VaadinIcon.CONNECT.create());
    private final Span testOutcome = new Span();
    private final Checkbox proceedWithoutTest = new Checkbox("Proceed without test");
    private final Span queryConflict = new Span();
    private final Span testBlocked = new Span(TEST_BLOCKED);
    private final Button useFirstMessage = new Button("Use the first message as sample response");
    private final ParamsEditor params = new ParamsEditor();
    private final TextArea sampleRequest = new TextArea("Sample request (JSON)");
    private final TextArea sampleResponse = new TextArea("Sample response (JSON or XML)");
    private final TextField recordPath = new TextField("Record path");
    private final Checkbox arrayRecords = new Checkbox("Each array is one record");
    private final FieldTree requestFields = new FieldTree("service-request-fields");
    private final FieldTree responseFields = new FieldTree("service-fields");
    private final Span fieldNamesError = new Span();
    /** Why the last Save was refused, one problem a line; gone on the next attempt or a passing test. */
    private final UnorderedList saveErrors = new UnorderedList();
    private final Button save = new Button("Save");
    private final Button delete = new Button("Delete");
    private final Map<ServiceField, HasValidation> fieldsWithErrors = new EnumMap<>(ServiceField.class);

    private final Binder<SocketService> binder = new Binder<>(SocketService.class);
    private final FieldInference inference;
    private final Consumer<URI> hostCheck;
    private final boolean securePage;

    private boolean loading;
    private boolean testing;
    /** A test has failed (or the service was saved without one): Proceed without test is offered from then on. */
    private boolean testFailed;
    private String testedUrl;
    private String firstMessage;
    private List<JsonNode> responseDocuments;
    private String detectedRecordPath;

    /**
     * @param hostCheck  the catalog's host rules without a DNS lookup, run as the URL is typed, so that a
     *                   host refused at save stays marked while it is edited (throws
     *                   {@link ConnectionDeniedException} saying why)
     * @param securePage the page is served over https: a {@code ws://} URL cannot be tested then, and
     *                   the admin may proceed without a test instead
     */
    ServiceForm(FieldInference inference, Consumer<URI> hostCheck, boolean securePage) {
        this.inference = inference;
        this.hostCheck = hostCheck;
        this.securePage = securePage;
        setPadding(false);
        configureComponents();
        bindFields();
        listenToChanges();
        add(new H3("Connection"), connectionSection(),
                new H3("Parameters"), params,
                new H3("Samples"), samplesSection(),
                new H3("Fields"), fieldsSection(),
                actions());
    }

    /** Shows a service to edit; the form edits this very instance. */
    void setService(SocketService service) {
        loading = true;
        try {
            binder.setBean(service);
        } finally {
            loading = false;
        }
        fieldsWithErrors.values().forEach(field -> field.setInvalid(false));
        clearSaveErrors();
        testFailed = service.isTestSkipped() || Boolean.FALSE.equals(service.getLastTestSucceeded());
        firstMessage = null;
        useFirstMessage.setVisible(false);
        switchProtocol.setVisible(false);
        delete.setVisible(!service.isNew());
        refreshUrlState(false);
        refreshRequestFields();
        refreshResponseFields(false);
        showOutcome();
    }

    SocketService getService() {
        return binder.getBean();
    }

    /** The view has started a test: blocks a second one until {@link #showTestResult} arrives. */
    void testStarted() {
        testing = true;
        testedUrl = url.getValue();
        refreshTestButton();
        setOutcome("Testing " + testedUrl + " …", null);
    }

    /** Shows a finished test and offers its first message as the sample response. */
    void showTestResult(ConnectionTestResult result) {
        testing = false;
        refreshTestButton();
        if (!Objects.equals(testedUrl, url.getValue())) {
            setOutcome("The URL changed during the test: test again", false);
            return;
        }
        getService().recordTest(result.connected(), result.outcome(), result.testedAt());
        showOutcome();
        if (result.connected()) {
            clearSaveErrors();
        } else {
            // A feed that is down now can still be set up from its sample response.
            testFailed = true;
            refreshUrlState(false);
        }
        detected = result.detected();
        switchProtocol.setVisible(detected != null && detected != protocol.getValue());
        if (detected != null) {
            switchProtocol.setText("Switch the protocol to " + detected.label());
        }
        if (result.connected() && result.firstMessage() != null) {
            firstMessage = result.firstMessage();
            if (sampleResponse.isEmpty()) {
                sampleResponse.setValue(firstMessage);
            } else {
                useFirstMessage.setVisible(true);
            }
        }
    }

    /** Marks the fields the catalog refused, each with its message, and lists them all above Save. */
    void showErrors(Map<ServiceField, String> errors) {
        saveErrors.removeAll();
        errors.values().forEach(message -> saveErrors.add(new ListItem(message)));
        saveErrors.setVisible(!errors.isEmpty());
        errors.forEach((field, message) -> {
            if (field == ServiceField.TEST) {
                setOutcome(message, false);
            } else if (field == ServiceField.FIELD_NAMES) {
                fieldNamesError.setText(message);
            } else {
                showError(fieldsWithErrors.get(field), message);
            }
        });
    }

    Registration addTestListener(ComponentEventListener<TestEvent> listener) {
        return addListener(TestEvent.class, listener);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    private void configureComponents() {
        // The catalog's limits, so that nobody types past what it stores (it still says so at save).
        name.setMaxLength(SocketService.MAX_NAME_LENGTH);
        url.setMaxLength(SocketService.MAX_URL_LENGTH);
        description.setMaxLength(SocketService.MAX_DESCRIPTION_LENGTH);
        subprotocols.setMaxLength(ServiceValidator.MAX_SUBPROTOCOLS_LENGTH);
        recordPath.setMaxLength(SocketService.MAX_RECORD_PATH_LENGTH);
        name.setId("service-name");
        name.setHelperText("Letters, digits, dots, dashes or underscores, e.g. stock-ticker");
        url.setId("service-url");
        url.setPlaceholder("wss://example.com/feed/{symbol}?interval=1s");
        url.setHelperText("ws:// or wss://; path parameters as {name}");
        url.setValueChangeMode(ValueChangeMode.LAZY);
        url.setWidthFull();
        description.setId("service-description");
        protocol.setId("service-protocol");
        protocol.setLabel("Protocol");
        protocol.setItems(Protocol.values());
        protocol.setItemLabelGenerator(Protocol::label);
        protocol.setHelperText("What the service speaks inside the WebSocket. Socket.IO: events are records "
                + "(field /event); STOMP: the sample request is the destination a test subscribes to");
        switchProtocol.setId("service-switch-protocol");
        switchProtocol.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        switchProtocol.setVisible(false);
        switchProtocol.addClickListener(click -> {
            // The switch keeps the test: it was made in the protocol switched to.
            loading = true;
            try {
                protocol.setValue(detected);
            } finally {
                loading = false;
            }
            switchProtocol.setVisible(false);
            SocketService service = getService();
            service.recordTest(Boolean.TRUE.equals(service.getLastTestSucceeded()),
                    ConnectionTestResult.switched(service.getLastTestOutcome(), detected), service.getLastTestedAt());
            showOutcome();
            // The samples are read in the new protocol (a pasted 42[…] or MESSAGE frame becomes its payload).
            refreshRequestFields();
            refreshResponseFields(false);
        });
        subprotocols.setId("service-subprotocols");
        subprotocols.setHelperText("Comma-separated, offered in this order");
        insecureWarning.setId("service-insecure-warning");
        insecureWarning.addClassNames(LumoUtility.TextColor.WARNING, LumoUtility.FontSize.SMALL);
        test.setId("service-test");
        test.addClickListener(click -> {
            if (!testing && urlTestable()) {
                fireEvent(new TestEvent(this, getService()));
            }
        });
        testOutcome.setId("service-test-outcome");
        queryConflict.setId("service-url-query-conflict");
        queryConflict.addClassNames(LumoUtility.TextColor.WARNING, LumoUtility.FontSize.SMALL);
        queryConflict.setVisible(false);
        testBlocked.setId("service-test-blocked");
        testBlocked.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        testBlocked.setVisible(false);
        proceedWithoutTest.setId("service-proceed-without-test");
        proceedWithoutTest.setTooltipText("Save without a successful test: the fields come from the sample "
                + "response, which must be given.");
        useFirstMessage.setId("service-use-first-message");
        useFirstMessage.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        useFirstMessage.addClickListener(click -> {
            sampleResponse.setValue(firstMessage);
            useFirstMessage.setVisible(false);
        });
        sampleRequest.setId("service-sample-request");
        sampleResponse.setId("service-sample-response");
        for (var sample : List.of(sampleRequest, sampleResponse)) {
            sample.setWidthFull();
            sample.setMaxHeight("16rem");
            sample.setValueChangeMode(ValueChangeMode.LAZY);
        }
        recordPath.setId("service-record-path");
        recordPath.setHelperText("Where the records are in a response, as a JSON Pointer (e.g. /data); "
                + "empty: the whole message is one record");
        recordPath.setValueChangeMode(ValueChangeMode.LAZY);
        arrayRecords.setId("service-array-records");
        arrayRecords.setTooltipText("For feeds that send records as arrays, e.g. [1700000000000, 42.5]: each array at the "
                + "record path is one record with fields /0, /1, …, and an array of arrays is a list of such records");
        responseFields.editDisplayNames(this::rename);
        fieldNamesError.setId("service-field-names-error");
        fieldNamesError.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        save.setId("service-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveErrors.setId("service-save-errors");
        saveErrors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        saveErrors.setVisible(false);
        save.addClickListener(click -> {
            clearSaveErrors();
            fireEvent(new SaveEvent(this, getService()));
        });
        delete.setId("service-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> fireEvent(new DeleteEvent(this, getService())));

        fieldsWithErrors.putAll(Map.of(ServiceField.NAME, name, ServiceField.URL, url,
                ServiceField.DESCRIPTION, description, ServiceField.SUBPROTOCOLS, subprotocols,
                ServiceField.SAMPLE_REQUEST, sampleRequest, ServiceField.SAMPLE_RESPONSE, sampleResponse,
                ServiceField.RECORD_PATH, recordPath, ServiceField.PARAMS, params));
        // The form sets these errors itself (and the catalog's on save): no built-in validation may clear them.
        List.of(name, url, description, subprotocols, recordPath).forEach(field -> field.setManualValidation(true));
        List.of(sampleRequest, sampleResponse).forEach(field -> field.setManualValidation(true));
        params.setManualValidation(true);
    }

    private void bindFields() {
        binder.forField(name).bind(SocketService::getName, SocketService::setName);
        binder.forField(url).bind(SocketService::getUrl, SocketService::setUrl);
        binder.forField(description).bind(SocketService::getDescription, SocketService::setDescription);
        binder.forField(subprotocols)
                .withConverter(ServiceForm::parseList, list -> String.join(", ", list))
                .bind(SocketService::getSubprotocols, SocketService::setSubprotocols);
        binder.forField(params).bind(SocketService::getParams, SocketService::setParams);
        binder.forField(sampleRequest).bind(SocketService::getSampleRequest, SocketService::setSampleRequest);
        binder.forField(sampleResponse).bind(SocketService::getSampleResponse, SocketService::setSampleResponse);
        binder.forField(recordPath).bind(SocketService::getRecordPath, SocketService::setRecordPath);
        binder.forField(arrayRecords).bind(SocketService::isArrayRecords, SocketService::setArrayRecords);
        binder.forField(protocol).bind(SocketService::getProtocol, SocketService::setProtocol);
        binder.forField(proceedWithoutTest).bind(SocketService::isTestSkipped, SocketService::setTestSkipped);
    }

    /** Registered after the bindings, so these run after the binder has written the bean. */
    private void listenToChanges() {
        url.addValueChangeListener(e -> {
            if (!loading) {
                refreshUrlState(true);
                forgetTest("The URL changed since the last test");
            }
        });
        subprotocols.addValueChangeListener(e -> {
            if (!loading) {
                forgetTest("The subprotocols changed since the last test");
            }
        });
        protocol.addValueChangeListener(e -> {
            if (!loading) {
                switchProtocol.setVisible(false);
                forgetTest("The protocol changed since the last test");
                refreshRequestFields();
                refreshResponseFields(true);
            }
        });
        sampleRequest.addValueChangeListener(e -> {
            if (!loading) {
                refreshRequestFields();
            }
        });
        sampleResponse.addValueChangeListener(e -> {
            if (!loading) {
                refreshResponseFields(true);
            }
        });
        recordPath.addValueChangeListener(e -> {
            if (!loading) {
                refreshRecordFields();
            }
        });
        arrayRecords.addValueChangeListener(e -> {
            if (!loading) {
                refreshRecordFields();
            }
        });
    }

    private FormLayout connectionSection() {
        var testRow = new HorizontalLayout(test, testOutcome);
        testRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        var form = new FormLayout(name, description, url, protocol, subprotocols, insecureWarning, queryConflict,
                testRow, testBlocked, switchProtocol, proceedWithoutTest, useFirstMessage);
        form.setColspan(switchProtocol, 2);
        form.setColspan(url, 2);
        form.setColspan(insecureWarning, 2);
        form.setColspan(queryConflict, 2);
        form.setColspan(testBlocked, 2);
        form.setColspan(testRow, 2);
        form.setColspan(proceedWithoutTest, 2);
        form.setColspan(useFirstMessage, 2);
        return form;
    }

    private FormLayout samplesSection() {
        var form = new FormLayout(sampleRequest, sampleResponse, recordPath, arrayRecords);
        return form;
    }

    private VerticalLayout fieldsSection() {
        var section = new VerticalLayout(new Span("Response record fields (name them in the Display name column)"),
                responseFields, fieldNamesError,
                new Span("Body parameters (from the sample request)"), requestFields);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout actions() {
        var section = new VerticalLayout(saveErrors, new HorizontalLayout(save, delete));
        section.setPadding(false);
        return section;
    }

    private void clearSaveErrors() {
        saveErrors.removeAll();
        saveErrors.setVisible(false);
    }

    private void refreshUrlState(boolean typed) {
        var raw = Objects.requireNonNullElse(url.getValue(), "").trim();
        boolean insecure = raw.regionMatches(true, 0, "ws://", 0, "ws://".length());
        insecureWarning.setVisible(insecure);
        boolean testBlocked = securePage && insecure;
        proceedWithoutTest.setVisible(testBlocked || testFailed);
        if (typed && !testBlocked && !testFailed) {
            // The tick only ever stands for "this page could not test it" or "the test failed".
            proceedWithoutTest.setValue(false);
        }
        refreshTestButton();
        if (raw.isEmpty()) {
            url.setInvalid(false);
            showQueryConflicts(Map.of());
            return;
        }
        try {
            var parsed = ServiceUrl.parse(raw);
            hostCheck.accept(parsed.originUri());
            url.setInvalid(false);
            showQueryConflicts(params.syncDetected(parsed.detectedParameters()));
        } catch (InvalidServiceUrlException | ConnectionDeniedException e) {
            showError(url, e.getMessage());
        }
    }

    /**
     * Whether Test may start: a URL that cannot be parsed is said at its field (and the test not started),
     * so that no test waits on a request that cannot be made. A host the policy refuses is the test's own
     * outcome, as the policy resolves the name first.
     */
    private boolean urlTestable() {
        try {
            ServiceUrl.parse(url.getValue());
            return true;
        } catch (InvalidServiceUrlException e) {
            showError(url, e.getMessage());
            setOutcome("Not tested: " + e.getMessage(), false);
            Notifications.error("Not tested: " + e.getMessage());
            return false;
        }
    }

    /**
     * A query value in the URL that differs from its parameter's default: the parameter's is used, and
     * saving moves the URL's query string into the parameters; said before saving rather than silently.
     */
    private void showQueryConflicts(Map<String, String> conflicts) {
        queryConflict.setText(conflicts.entrySet().stream()
                .map(conflict -> "The URL says " + conflict.getKey() + "=" + conflict.getValue()
                        + ", the parameter " + conflict.getKey() + " has another default: the parameter's is used.")
                .collect(Collectors.joining(" ")) + (conflicts.isEmpty() ? ""
                : " On save the URL's query string moves into the parameters; change the value there."));
        queryConflict.setVisible(!conflicts.isEmpty());
    }

    private void refreshTestButton() {
        var raw = Objects.requireNonNullElse(url.getValue(), "").trim();
        boolean blocked = securePage && raw.regionMatches(true, 0, "ws://", 0, "ws://".length());
        test.setEnabled(!testing && !blocked);
        // A disabled button shows no tooltip on touch screens and to many readers: the reason is text.
        test.setTooltipText(blocked ? TEST_BLOCKED : null);
        testBlocked.setVisible(blocked);
    }

    private void forgetTest(String why) {
        var service = getService();
        if (service.getLastTestSucceeded() != null) {
            service.clearTest();
            setOutcome(why + ": test again", null);
        }
    }

    private void showOutcome() {
        var service = getService();
        if (service.getLastTestSucceeded() == null) {
            setOutcome(service.isTestSkipped() ? "Saved without a test" : "Not tested yet", null);
        } else {
            setOutcome(service.getLastTestOutcome(), service.getLastTestSucceeded());
        }
    }

    private void setOutcome(String text, Boolean succeeded) {
        testOutcome.setText(text);
        testOutcome.removeClassNames(LumoUtility.TextColor.SUCCESS, LumoUtility.TextColor.ERROR,
                LumoUtility.TextColor.SECONDARY);
        testOutcome.addClassName(succeeded == null ? LumoUtility.TextColor.SECONDARY
                : succeeded ? LumoUtility.TextColor.SUCCESS : LumoUtility.TextColor.ERROR);
    }

    private void refreshRequestFields() {
        if (protocol.getValue() == Protocol.STOMP) {
            // Under STOMP the field names the destination Test connection subscribes to: no JSON to read.
            sampleRequest.setLabel("Destination to test (STOMP), e.g. /topic/prices");
            sampleRequest.setInvalid(false);
            requestFields.show(List.of());
            return;
        }
        sampleRequest.setLabel("Sample request (JSON)");
        requestFields.show(parse(sampleRequest, inference::inferRequest).map(InferredSample::fields).orElse(List.of()));
    }

    /** @param adoptDetectedPath follow the detected record path unless the admin has chosen another */
    private void refreshResponseFields(boolean adoptDetectedPath) {
        var sample = parse(sampleResponse, text -> inference.inferResponse(text, protocol.getValue()));
        responseDocuments = sample.map(InferredSample::documents).orElse(null);
        if (sample.isPresent()) {
            var detected = sample.get().recordPath();
            var current = recordPath.getValue();
            boolean chosenByAdmin = !current.isEmpty() && !current.equals(detectedRecordPath);
            detectedRecordPath = detected;
            if (adoptDetectedPath && !chosenByAdmin && !detected.equals(current)) {
                recordPath.setValue(detected);
                return;
            }
        }
        refreshRecordFields();
    }

    private void refreshRecordFields() {
        if (responseDocuments == null) {
            recordPath.setInvalid(false);
            responseFields.show(List.of());
            return;
        }
        try {
            var fields = inference.recordFields(responseDocuments, recordPath.getValue().trim(), arrayRecords.getValue());
            responseFields.show(FieldMeta.named(fields, getService().getFieldNames()));
            recordPath.setInvalid(false);
        } catch (InvalidRecordPathException e) {
            showError(recordPath, e.getMessage());
            responseFields.show(List.of());
        }
    }

    /** A display name typed in the fields table; a blank one removes the name. */
    private void rename(FieldMeta field, String displayName) {
        var names = new LinkedHashMap<>(getService().getFieldNames());
        if (displayName == null || displayName.isBlank()) {
            names.remove(field.path());
        } else {
            names.put(field.path(), displayName.trim());
        }
        getService().setFieldNames(names);
        fieldNamesError.setText("");
    }

    private static Optional<InferredSample> parse(TextArea sample, Function<String, InferredSample> parser) {
        var text = sample.getValue();
        sample.setInvalid(false);
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text));
        } catch (SampleParseException e) {
            showError(sample, e.getMessage());
            return Optional.empty();
        }
    }

    private static void showError(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(Objects.requireNonNullElse(text, "").split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /** What the form asks its view to do, with the service as the form holds it. */
    abstract static class ServiceFormEvent extends ComponentEvent<ServiceForm> {
        private final SocketService service;

        ServiceFormEvent(ServiceForm source, SocketService service) {
            super(source, false);
            this.service = service;
        }

        SocketService getService() {
            return service;
        }
    }

    static final class TestEvent extends ServiceFormEvent {
        TestEvent(ServiceForm source, SocketService service) {
            super(source, service);
        }
    }

    static final class SaveEvent extends ServiceFormEvent {
        SaveEvent(ServiceForm source, SocketService service) {
            super(source, service);
        }
    }

    static final class DeleteEvent extends ServiceFormEvent {
        DeleteEvent(ServiceForm source, SocketService service) {
            super(source, service);
        }
    }
}
