package org.socketboard.variable.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.security.ui.SecretField;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableField;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Edits a variable definition. It never calls services: the view gives it the services to choose
 * from and the server cap, hears {@link SaveEvent}, and hands back the catalog's field errors with
 * {@link #showErrors}. Picking a service fills in the request body from its sample request (unless
 * the admin has written one of their own) and offers its parameters and top-level body fields as
 * inputs.
 */
public class VariableForm extends FormLayout {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final TextField name = new TextField("Name");
    private final ComboBox<SocketService> service = new ComboBox<>("Service");
    private final Select<VariableScope> scope = new Select<>();
    private final Checkbox connectOnLoad = new Checkbox("Connect on load");
    private final Select<InsertStrategy> strategy = new Select<>();
    private final IntegerField limit = new IntegerField("Data limit");
    private final TextField upsertKey = new TextField("Key field (upsert)");
    private final VerticalLayout params = new VerticalLayout();
    private final Span paramsError = errorText("variable-params-error");
    private final TextArea requestBody = new TextArea("Request body");
    private final VerticalLayout bodyFields = new VerticalLayout();
    private final TextArea sendOnOpen = new TextArea("Messages to send on open");
    private final TextArea subscriptions = new TextArea();
    private final TextField sendTarget = new TextField();
    private final TextField recordPath = new TextField("Record path");
    private final Select<Boolean> arrayRecords = new Select<>();
    private final MessageFilterEditor filter = new MessageFilterEditor();
    private final Checkbox reconnect = new Checkbox("Reconnect automatically");
    private final IntegerField reconnectInitialDelay = new IntegerField("First delay (ms)");
    private final IntegerField reconnectMaxDelay = new IntegerField("Longest delay (ms)");
    private final IntegerField reconnectMaxAttempts = new IntegerField("Attempts (0 = no limit)");
    private final Span reconnectError = errorText("variable-reconnect-error");
    private final Button save = new Button("Save");

    private final Binder<Variable> binder = new Binder<>(Variable.class);
    private final Map<String, AbstractField<?, String>> paramInputs = new LinkedHashMap<>();
    private final Map<String, TextField> bodyInputs = new LinkedHashMap<>();
    private Variable variable;
    /** Set while the form itself writes the body or its field inputs, so they do not echo each other. */
    private boolean syncingBody;

    public VariableForm() {
        // The catalog's limits, so that nobody types past what it stores (it still says so at save).
        name.setMaxLength(Variable.MAX_NAME_LENGTH);
        upsertKey.setMaxLength(VariableCatalog.MAX_POINTER_LENGTH);
        requestBody.setMaxLength(VariableCatalog.MAX_REQUEST_BODY_LENGTH);
        sendOnOpen.setMaxLength(VariableCatalog.MAX_SEND_ON_OPEN_LENGTH);
        recordPath.setMaxLength(VariableCatalog.MAX_POINTER_LENGTH);
        name.setId("variable-name");
        name.setRequired(true);
        name.setMaxLength(Variable.MAX_NAME_LENGTH);
        service.setId("variable-service");
        service.setItemLabelGenerator(SocketService::getName);
        service.setRequired(true);
        scope.setId("variable-scope");
        scope.setLabel("Scope");
        scope.setItems(VariableScope.values());
        scope.setItemLabelGenerator(VariableForm::scopeLabel);
        scope.setHelperText("Application: one connection shared by every viewer. Dashboard: one per open dashboard tab.");
        connectOnLoad.setId("variable-connect-on-load");
        strategy.setId("variable-strategy");
        strategy.setLabel("On new data");
        strategy.setItems(InsertStrategy.values());
        strategy.setItemLabelGenerator(VariableForm::strategyLabel);
        strategy.setRenderer(new ComponentRenderer<>(VariableForm::strategyChoice));
        limit.setId("variable-limit");
        limit.setStepButtonsVisible(true);
        upsertKey.setId("variable-upsert-key");
        upsertKey.setPlaceholder("/symbol");
        upsertKey.setHelperText("JSON Pointer of the field that identifies a record");
        params.setId("variable-params");
        params.setPadding(false);
        params.setSpacing(false);
        requestBody.setId("variable-request-body");
        requestBody.setHelperText("JSON; the Send button of the inspector starts from it");
        bodyFields.setId("variable-body-fields");
        bodyFields.setPadding(false);
        bodyFields.setSpacing(false);
        sendOnOpen.setId("variable-send-on-open");
        sendOnOpen.setHelperText("One message per line, sent in order after every (re)connect, e.g. auth then subscribe");
        subscriptions.setId("variable-subscriptions");
        sendTarget.setId("variable-send-target");
        showProtocolFields(null);
        recordPath.setId("variable-record-path");
        recordPath.setHelperText("JSON Pointer of the records in a message; empty: the service's");
        arrayRecords.setId("variable-array-records");
        arrayRecords.setLabel("Arrays at the record path");
        arrayRecords.setItems(true, false);
        arrayRecords.setEmptySelectionAllowed(true);
        arrayRecords.setItemLabelGenerator(VariableForm::arrayRecordsLabel);
        arrayRecords.setHelperText("[1700000000000, 42.5] as one record with fields /0, /1, or as two records");
        reconnect.setId("variable-reconnect");
        reconnectInitialDelay.setId("variable-reconnect-initial-delay");
        reconnectMaxDelay.setId("variable-reconnect-max-delay");
        reconnectMaxAttempts.setId("variable-reconnect-max-attempts");
        save.setId("variable-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        bind();
        service.addValueChangeListener(event -> serviceChosen(event.getOldValue(), event.getValue()));
        strategy.addValueChangeListener(event -> {
            upsertKey.setVisible(event.getValue() == InsertStrategy.UPSERT);
            strategy.setHelperText(event.getValue() == null ? null
                    : strategyUse(event.getValue()) + " " + limitEffect(event.getValue()));
        });
        reconnect.addValueChangeListener(event -> showReconnectSettings(event.getValue()));
        requestBody.addValueChangeListener(event -> bodyEdited());
        save.addClickListener(click -> {
            if (binder.writeBeanIfValid(variable)) {
                variable.setParamValues(paramValues());
                fireEvent(new SaveEvent(this, variable));
            }
        });

        var paramsSection = new Div(new Span("Parameters"), params, paramsError);
        var reconnectSection = new Div(reconnect, reconnectInitialDelay, reconnectMaxDelay, reconnectMaxAttempts, reconnectError);
        add(name, service, scope, connectOnLoad, strategy, limit, upsertKey, recordPath, arrayRecords, filter,
                paramsSection, subscriptions, sendTarget, requestBody, bodyFields, sendOnOpen, reconnectSection, save);
        setColspan(filter, 2);
        setColspan(paramsSection, 2);
        setColspan(requestBody, 2);
        setColspan(bodyFields, 2);
        setColspan(sendOnOpen, 2);
        setColspan(subscriptions, 2);
        setColspan(reconnectSection, 2);
    }

    private void bind() {
        binder.forField(name).bind(Variable::getName, Variable::setName);
        binder.forField(service).bind(Variable::getService, Variable::setService);
        binder.forField(scope).bind(Variable::getScope, Variable::setScope);
        binder.forField(connectOnLoad).bind(Variable::isConnectOnLoad, Variable::setConnectOnLoad);
        binder.forField(strategy).bind(Variable::getStrategy, Variable::setStrategy);
        // An emptied number field means 0 (the server cap, or no attempt limit); the catalog judges the range.
        binder.forField(limit).withConverter(VariableForm::zeroIfEmpty, Integer::valueOf)
                .bind(Variable::getDataLimit, Variable::setDataLimit);
        binder.forField(upsertKey).bind(Variable::getUpsertKey, Variable::setUpsertKey);
        binder.forField(requestBody).bind(Variable::getRequestBody, Variable::setRequestBody);
        binder.forField(sendOnOpen).withConverter(VariableForm::lines, messages -> String.join("\n", messages))
                .bind(Variable::getSendOnOpen, Variable::setSendOnOpen);
        binder.forField(recordPath).bind(Variable::getRecordPathOverride, Variable::setRecordPathOverride);
        binder.forField(subscriptions).withConverter(VariableForm::lines, lines -> String.join("\n", lines))
                .bind(Variable::getSubscriptions, Variable::setSubscriptions);
        binder.forField(sendTarget).bind(Variable::getSendTarget, Variable::setSendTarget);
        binder.forField(arrayRecords).bind(Variable::getArrayRecords, Variable::setArrayRecords);
        binder.forField(filter).bind(Variable::getMessageFilter, Variable::setMessageFilter);
        binder.forField(reconnect).bind(Variable::isReconnectEnabled, Variable::setReconnectEnabled);
        binder.forField(reconnectInitialDelay).withConverter(VariableForm::zeroIfEmpty, Integer::valueOf)
                .bind(v -> (int) v.getReconnectInitialDelayMs(), (v, ms) -> v.setReconnectInitialDelayMs(ms));
        binder.forField(reconnectMaxDelay).withConverter(VariableForm::zeroIfEmpty, Integer::valueOf)
                .bind(v -> (int) v.getReconnectMaxDelayMs(), (v, ms) -> v.setReconnectMaxDelayMs(ms));
        binder.forField(reconnectMaxAttempts).withConverter(VariableForm::zeroIfEmpty, Integer::valueOf)
                .bind(Variable::getReconnectMaxAttempts, Variable::setReconnectMaxAttempts);
    }

    /** The services to choose from; call before {@link #edit}. */
    public void setServices(List<SocketService> services) {
        service.setItems(services);
    }

    /** The server cap, shown as the meaning of a limit of 0. */
    public void setMaxRecords(int maxRecords) {
        limit.setHelperText("The most records kept; 0 = up to the server cap of " + maxRecords);
    }

    /** Shows {@code edited} (a stored variable or a new draft); Save hands the same instance back. */
    public void edit(Variable edited) {
        this.variable = edited;
        if (edited.getService() != null) {
            // The stored service is another instance than the choice in the list: select the choice.
            service.getListDataView().getItems()
                    .filter(choice -> Objects.equals(choice.getId(), edited.getService().getId()))
                    .findFirst()
                    .ifPresent(edited::setService);
        }
        binder.readBean(edited);
        showParams(edited.getService(), edited.getParamValues());
        showBodyFields(edited.getService());
        showProtocolFields(edited.getService());
        upsertKey.setVisible(edited.getStrategy() == InsertStrategy.UPSERT);
        showReconnectSettings(edited.isReconnectEnabled());
    }

    /** Marks each field the catalog refused with its message; fields not named are cleared. */
    public void showErrors(Map<VariableField, String> errors) {
        fieldsByError().forEach((field, component) -> {
            String message = errors.get(field);
            component.setErrorMessage(message);
            component.setInvalid(message != null);
        });
        paramsError.setText(errors.getOrDefault(VariableField.PARAMS, ""));
        reconnectError.setText(errors.getOrDefault(VariableField.RECONNECT, ""));
    }

    private Map<VariableField, HasValidation> fieldsByError() {
        Map<VariableField, HasValidation> fields = new EnumMap<>(VariableField.class);
        fields.put(VariableField.NAME, name);
        fields.put(VariableField.SERVICE, service);
        fields.put(VariableField.SCOPE, scope);
        fields.put(VariableField.STRATEGY, strategy);
        fields.put(VariableField.DATA_LIMIT, limit);
        fields.put(VariableField.UPSERT_KEY, upsertKey);
        fields.put(VariableField.REQUEST_BODY, requestBody);
        fields.put(VariableField.SEND_ON_OPEN, sendOnOpen);
        fields.put(VariableField.RECORD_PATH, recordPath);
        fields.put(VariableField.MESSAGE_FILTER, filter);
        fields.put(VariableField.SUBSCRIPTIONS, subscriptions);
        return fields;
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** The admin pressed Save; the variable holds what the form shows. */
    public static final class SaveEvent extends ComponentEvent<VariableForm> {
        private final Variable variable;

        SaveEvent(VariableForm source, Variable variable) {
            super(source, false);
            this.variable = variable;
        }

        public Variable variable() {
            return variable;
        }
    }

    // ---- service choice: parameters and request body ----------------------------------------------

    private void serviceChosen(SocketService previous, SocketService chosen) {
        if (variable == null) {
            return;
        }
        showParams(chosen, paramValues());
        String body = requestBody.getValue();
        boolean untouched = body.isBlank() || (previous != null && body.equals(pretty(previous.getSampleRequest())));
        if (chosen != null && untouched) {
            requestBody.setValue(pretty(chosen.getSampleRequest()));
        }
        recordPath.setPlaceholder(chosen == null ? "" : chosen.getRecordPath());
        arrayRecords.setEmptySelectionCaption(chosen == null ? arrayRecordsLabel(null)
                : arrayRecordsLabel(null) + ": " + arrayRecordsLabel(chosen.isArrayRecords()).toLowerCase(Locale.ROOT));
        showBodyFields(chosen);
        showProtocolFields(chosen);
    }

    /** Destinations and SEND destination for STOMP, events and emit event for Socket.IO; nothing for plain WebSocket. */
    private void showProtocolFields(SocketService chosen) {
        Protocol protocol = chosen == null ? Protocol.WEBSOCKET : chosen.getProtocol();
        subscriptions.setVisible(protocol != Protocol.WEBSOCKET);
        sendTarget.setVisible(protocol != Protocol.WEBSOCKET);
        if (protocol == Protocol.STOMP) {
            subscriptions.setLabel("Destinations (STOMP)");
            subscriptions.setHelperText("One per line, each subscribed to, e.g. /topic/prices.{symbol}; records get the field /destination");
            sendTarget.setLabel("Send to destination");
            sendTarget.setHelperText("Where sent messages go (SEND); empty: the first destination");
        } else if (protocol == Protocol.SOCKET_IO) {
            subscriptions.setLabel("Events (Socket.IO)");
            subscriptions.setHelperText("One per line; only these events become records (field /event). Empty: every event");
            sendTarget.setLabel("Emit event");
            sendTarget.setHelperText("The event sent messages are emitted as; empty: message");
        }
    }

    private void showParams(SocketService chosen, Map<String, String> values) {
        params.removeAll();
        paramInputs.clear();
        List<ServiceParam> declared = chosen == null ? List.of() : chosen.getParams();
        if (declared.isEmpty()) {
            params.add(new Span(chosen == null ? "Choose a service first." : "This service has no parameters."));
        }
        for (ServiceParam param : declared) {
            String label = param.name() + " (" + param.location().name().toLowerCase(Locale.ROOT) + ")";
            AbstractField<?, String> input;
            if (param.secret()) {
                // The stored (encrypted) value never reaches the browser: masked, with Replace.
                input = new SecretField(label);
            } else {
                var text = new TextField(label);
                text.setMaxLength(ServiceValidator.MAX_PARAM_VALUE_LENGTH);
                text.setPlaceholder(param.defaultValue() == null ? "" : param.defaultValue());
                input = text;
            }
            input.setId("variable-param-" + param.name());
            input.setRequiredIndicatorVisible(param.required());
            input.setValue(values.getOrDefault(param.name(), ""));
            paramInputs.put(param.name(), input);
            params.add(input);
        }
    }

    /** The values typed for the parameters; blanks are left out (the service's default applies). */
    private Map<String, String> paramValues() {
        Map<String, String> values = new LinkedHashMap<>();
        paramInputs.forEach((paramName, input) -> {
            if (!input.getValue().isBlank()) {
                values.put(paramName, input.getValue().trim());
            }
        });
        return values;
    }

    /** One input per top-level scalar field of the service's request: typing in it edits the JSON body. */
    private void showBodyFields(SocketService chosen) {
        bodyFields.removeAll();
        bodyInputs.clear();
        if (chosen == null) {
            return;
        }
        for (FieldMeta field : chosen.getRequestFields()) {
            if (!isTopLevelScalar(field)) {
                continue;
            }
            var input = new TextField(field.name());
            input.setId("variable-body-" + field.name());
            input.setHelperText("in the request body at " + field.path());
            input.addValueChangeListener(event -> {
                if (!syncingBody) {
                    setBodyField(field, event.getValue());
                }
            });
            bodyInputs.put(field.path(), input);
            bodyFields.add(input);
        }
        bodyEdited();
    }

    private static boolean isTopLevelScalar(FieldMeta field) {
        return field.children().isEmpty() && field.type() != FieldType.OBJECT && field.type() != FieldType.ARRAY
                && field.path().lastIndexOf('/') == 0;
    }

    /** The body changed: its field inputs show the new values (none when it is not a JSON object). */
    private void bodyEdited() {
        if (syncingBody) {
            return;
        }
        JsonNode body = parseObject(requestBody.getValue());
        syncingBody = true;
        try {
            bodyInputs.forEach((path, input) -> {
                JsonNode value = body == null ? null : body.at(path);
                input.setEnabled(body != null);
                input.setValue(value == null || value.isMissingNode() || value.isNull() ? "" : value.asText());
            });
        } finally {
            syncingBody = false;
        }
    }

    private void setBodyField(FieldMeta field, String text) {
        ObjectNode body = parseObject(requestBody.getValue());
        if (body == null) {
            body = JsonNodeFactory.instance.objectNode();
        }
        body.set(field.path().substring(1), typed(field.type(), text));
        syncingBody = true;
        try {
            requestBody.setValue(pretty(body.toString()));
        } finally {
            syncingBody = false;
        }
    }

    /** The text as the field's JSON type when it reads as one (a number field keeps "12" a number). */
    private static JsonNode typed(FieldType type, String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case INTEGER -> nodes.numberNode(Long.parseLong(text.trim()));
                case NUMBER -> nodes.numberNode(new java.math.BigDecimal(text.trim()));
                // Epoch digits stay a number; a date written out stays text.
                case TIMESTAMP -> text.trim().matches("[+-]?\\d+(\\.\\d+)?")
                        ? nodes.numberNode(new java.math.BigDecimal(text.trim())) : nodes.textNode(text);
                case BOOLEAN -> text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")
                        ? nodes.booleanNode(Boolean.parseBoolean(text.trim())) : nodes.textNode(text);
                default -> nodes.textNode(text);
            };
        } catch (NumberFormatException notANumberYet) {
            return nodes.textNode(text);
        }
    }

    private static ObjectNode parseObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** Indented JSON for reading and editing; text that is not JSON stays as it is. */
    private static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    // ---- small helpers -----------------------------------------------------------------------------

    private void showReconnectSettings(boolean enabled) {
        reconnectInitialDelay.setVisible(enabled);
        reconnectMaxDelay.setVisible(enabled);
        reconnectMaxAttempts.setVisible(enabled);
    }

    private static Integer zeroIfEmpty(Integer value) {
        return value == null ? 0 : value;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text == null ? new String[0] : text.split("\\R"))
                .filter(line -> !line.isBlank())
                .toList();
    }

    private static Span errorText(String id) {
        var error = new Span();
        error.setId(id);
        error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        return error;
    }

    static String scopeLabel(VariableScope scope) {
        return scope == VariableScope.APPLICATION ? "Application" : "Dashboard";
    }

    static String arrayRecordsLabel(Boolean arrayRecords) {
        if (arrayRecords == null) {
            return "As the service says";
        }
        return arrayRecords ? "Each array is one record" : "Each element is a record";
    }

    /** What the choice is for, with an example of a feed that wants it. */
    static String strategyUse(InsertStrategy strategy) {
        return switch (strategy) {
            case REFRESH -> "The latest snapshot: each message replaces what was there, e.g. the weather now.";
            case ADD_LAST -> "A trace over time, oldest first, e.g. prices or a heart rate.";
            case ADD_FIRST -> "The newest on top, e.g. match scores or an event feed.";
            case UPSERT -> "One record per key, updated in place, e.g. the latest price of each symbol.";
        };
    }

    /** What Data limit does under the choice. */
    static String limitEffect(InsertStrategy strategy) {
        return switch (strategy) {
            case REFRESH -> "Data limit: the most records kept of one message.";
            case ADD_LAST -> "Data limit: when full, the oldest record drops from the start.";
            case ADD_FIRST -> "Data limit: when full, the oldest record drops from the end.";
            case UPSERT -> "Data limit: the most keys kept; when full, the key added longest ago drops.";
        };
    }

    private static Div strategyChoice(InsertStrategy choice) {
        var label = new Span(strategyLabel(choice));
        label.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        var use = new Span(strategyUse(choice));
        use.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Display.BLOCK);
        var item = new Div(label, use);
        item.addClassName("variable-strategy-choice");
        return item;
    }

    static String strategyLabel(InsertStrategy strategy) {
        return switch (strategy) {
            case REFRESH -> "Refresh";
            case ADD_LAST -> "Add as last record";
            case ADD_FIRST -> "Add as first record";
            case UPSERT -> "Upsert by key";
        };
    }
}
