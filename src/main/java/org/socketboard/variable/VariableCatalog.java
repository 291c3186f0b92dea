package org.socketboard.variable;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Checks;
import org.socketboard.base.Names;
import org.socketboard.upstream.domain.Protocol;
import com.fasterxml.jackson.core.JsonPointer;
import org.socketboard.security.AuditLog;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.ServiceUsage;
import org.socketboard.service.domain.HeaderRules;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.InvalidServiceUrlException;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableRepository;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.variable.runtime.DecodeResult;
import org.socketboard.variable.runtime.MessageDecoder;
import org.socketboard.variable.runtime.MessageSelector;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stored variable definitions: lists them, validates a definition as a whole (one message per field)
 * and saves or deletes it. Every committed change is published ({@link VariableSaved},
 * {@link VariableDeleted}) so that the running instances follow. As the service feature's
 * {@link ServiceUsage}, it keeps a service that variables use from being deleted or renamed.
 * Changes are for editors ({@code @PreAuthorize}); reading is for every signed-in user. Values of the
 * parameters the service marks secret are stored encrypted and only ever handed out so.
 */
@Service
@Transactional
public class VariableCatalog implements ServiceUsage {

    /** The address segment of the editor for a new variable, so no variable may be called that. */
    public static final String NEW_VARIABLE_PATH = "new";
    /** The longest record path or upsert key (a JSON Pointer; the columns hold 1000 characters). */
    public static final int MAX_POINTER_LENGTH = 1000;
    /** The longest request body, and all messages to send on open together (both stored as text of 1 MB). */
    public static final int MAX_REQUEST_BODY_LENGTH = 262_144;
    public static final int MAX_SEND_ON_OPEN_LENGTH = 262_144;
    /** The longest reconnect delay: a day. */
    public static final long MAX_RECONNECT_DELAY_MS = 86_400_000L;
    /** Names appear in addresses ({@code /variables/{name}}): no slashes or other punctuation. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*");
    /** The runtime's own decoder: what it would refuse to send is refused here first. */
    private static final MessageDecoder DECODER = new MessageDecoder();

    private final VariableRepository variables;
    private final VariableSettings settings;
    private final ApplicationEventPublisher events;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public VariableCatalog(VariableRepository variables, VariableSettings settings,
                           ApplicationEventPublisher events, SecretCipher cipher, AuditLog audit, Clock clock) {
        this.variables = variables;
        this.settings = settings;
        this.events = events;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Variable> list() {
        return variables.findAllByOrderByNameKeyAsc();
    }

    @Transactional(readOnly = true)
    public Optional<Variable> find(long id) {
        return variables.findById(id);
    }

    /** A variable of no dashboard, by name (ignoring case): the ones {@code /variables/{name}} shows. */
    @Transactional(readOnly = true)
    public Optional<Variable> findByName(String name) {
        return variables.findByNamespaceAndNameKey(Variable.namespaceOf(null), Names.key(name));
    }

    /** The variables to connect at start: application-scoped, with "Connect on load". */
    @Transactional(readOnly = true)
    public List<Variable> connectingOnLoad() {
        return variables.findByScopeAndConnectOnLoadTrue(VariableScope.APPLICATION);
    }

    /** The names of the variables bound to the named service (ignoring case): a service in use cannot be deleted. */
    @Override
    @Transactional(readOnly = true)
    public List<String> variablesUsing(String serviceName) {
        return variables.findByService_NameKeyOrderByNameKeyAsc(Names.key(serviceName)).stream()
                .map(Variable::getName).toList();
    }

    public VariableSettings settings() {
        return settings;
    }

    /**
     * Stores the variable after checking it as a whole.
     *
     * @return the stored variable (a new instance: keep using that one)
     * @throws InvalidDefinitionException with one message per bad field; nothing is stored then
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Variable save(Variable variable) {
        Map<VariableField, String> errors = validate(variable);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        variable.setName(variable.getName().trim());
        variable.setParamValues(sealed(variable));
        variable.touch(clock.instant());
        boolean created = variable.isNew();
        Variable saved;
        try {
            saved = variables.saveAndFlush(variable);
        } catch (DataIntegrityViolationException raceOnTheName) {
            // Two saves of the same new name at once: the unique key decides, the loser hears why.
            throw new InvalidDefinitionException(Map.of(VariableField.NAME, nameTaken(variable.getName())));
        }
        audit.record(created ? AuditAction.CREATED : AuditAction.CHANGED, AuditKind.VARIABLE, saved.getName(),
                "on service " + saved.getService().getName());
        events.publishEvent(new VariableSaved(saved));
        return saved;
    }

    @PreAuthorize("hasRole('EDITOR')")
    public void delete(long id) {
        variables.findById(id).ifPresent(variable -> {
            variables.delete(variable);
            audit.record(AuditAction.DELETED, AuditKind.VARIABLE, variable.getName(), null);
            events.publishEvent(new VariableDeleted(id, variable.getName()));
        });
    }

    /** The parameter values as stored: those of secret parameters encrypted, the others plain. */
    private Map<String, String> sealed(Variable variable) {
        Set<String> secret = variable.getService().getParams().stream().filter(ServiceParam::secret)
                .map(ServiceParam::name).collect(Collectors.toSet());
        Map<String, String> stored = new LinkedHashMap<>();
        variable.getParamValues().forEach((name, value) ->
                stored.put(name, secret.contains(name) ? cipher.seal(value) : cipher.reveal(value)));
        return stored;
    }

    /** Checks a definition without storing it: one message per bad field, in form order; empty when it is fine. */
    @Transactional(readOnly = true)
    public Map<VariableField, String> validate(Variable variable) {
        Map<VariableField, String> errors = new EnumMap<>(VariableField.class);
        nameError(variable).ifPresent(message -> errors.put(VariableField.NAME, message));
        if (variable.getService() == null || variable.getService().getId() == null) {
            errors.put(VariableField.SERVICE, "Choose the service this variable reads from");
        }
        if (variable.getScope() == null) {
            errors.put(VariableField.SCOPE, "Choose a scope");
        }
        if (variable.getStrategy() == null) {
            errors.put(VariableField.STRATEGY, "Choose what happens with new data");
        }
        limitError(variable.getDataLimit()).ifPresent(message -> errors.put(VariableField.DATA_LIMIT, message));
        if (variable.getStrategy() == InsertStrategy.UPSERT) {
            upsertKeyError(variable.getUpsertKey()).ifPresent(message -> errors.put(VariableField.UPSERT_KEY, message));
        }
        if (variable.getService() != null) {
            paramError(variable, cipher).ifPresent(message -> errors.put(VariableField.PARAMS, message));
        }
        Checks.tooLong("The request body", variable.getRequestBody(), MAX_REQUEST_BODY_LENGTH)
                .or(() -> requestBodyError(variable.getRequestBody()))
                .ifPresent(message -> errors.put(VariableField.REQUEST_BODY, message));
        Checks.tooLong("The messages to send on open", String.join("", variable.getSendOnOpen()),
                        MAX_SEND_ON_OPEN_LENGTH)
                .or(() -> sendOnOpenError(variable.getSendOnOpen()))
                .ifPresent(message -> errors.put(VariableField.SEND_ON_OPEN, message));
        Checks.tooLong("The record path", variable.getRecordPathOverride(), MAX_POINTER_LENGTH)
                .or(() -> pointerError(variable.getRecordPathOverride()).map(message -> "The record path " + message))
                .ifPresent(message -> errors.put(VariableField.RECORD_PATH, message));
        filterError(variable.getMessageFilter()).ifPresent(message -> errors.put(VariableField.MESSAGE_FILTER, message));
        reconnectError(variable).ifPresent(message -> errors.put(VariableField.RECONNECT, message));
        subscriptionsError(variable).ifPresent(message -> errors.put(VariableField.SUBSCRIPTIONS, message));
        return errors;
    }

    /** STOMP needs a destination to subscribe to. */
    private static Optional<String> subscriptionsError(Variable variable) {
        if (variable.getService() != null && variable.getService().getProtocol() == Protocol.STOMP
                && variable.getSubscriptions().isEmpty()) {
            return Optional.of("Give at least one destination to subscribe to, e.g. /topic/prices");
        }
        return Optional.empty();
    }

    private Optional<String> nameError(Variable variable) {
        String name = variable.getName() == null ? "" : variable.getName().trim();
        if (name.isEmpty()) {
            return Optional.of("Give the variable a name");
        }
        if (name.length() > Variable.MAX_NAME_LENGTH) {
            return Optional.of("The name can have at most " + Variable.MAX_NAME_LENGTH + " characters");
        }
        if (name.equalsIgnoreCase(NEW_VARIABLE_PATH)) {
            return Optional.of("'" + name + "' is reserved: /variables/" + NEW_VARIABLE_PATH + " creates a variable");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("Use letters, digits, spaces, '.', '_' and '-' (starting with a letter or digit)");
        }
        return variables.findByNamespaceAndNameKey(variable.getNamespace(), Names.key(name))
                .filter(other -> !other.getId().equals(variable.getId()))
                .map(other -> nameTaken(name));
    }

    private String nameTaken(String name) {
        return "Another variable is already called '" + name + "'";
    }

    private Optional<String> limitError(int limit) {
        if (limit < 0) {
            return Optional.of("The data limit cannot be negative (0 means up to the server cap of " + settings.maxRecords() + ")");
        }
        if (limit > settings.maxRecords()) {
            return Optional.of("The data limit can be at most " + settings.maxRecords() + " (the server cap)");
        }
        return Optional.empty();
    }

    private static Optional<String> upsertKeyError(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of("Upsert by key needs the key field (a JSON Pointer such as /symbol)");
        }
        return Checks.tooLong("The key", key, MAX_POINTER_LENGTH)
                .or(() -> pointerError(key).map(message -> "The key " + message));
    }

    /** A blank pointer is fine (nothing set); otherwise it must compile. */
    private static Optional<String> pointerError(String pointer) {
        if (pointer == null || pointer.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonPointer.compile(pointer.trim());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + pointer.trim() + "' is not a JSON Pointer (it starts with /, e.g. /data/items)");
        }
    }

    /** A required parameter without a value, or values the service URL cannot be resolved with. */
    private static Optional<String> paramError(Variable variable, SecretCipher cipher) {
        Optional<String> missing = variable.getService().getParams().stream()
                .filter(ServiceParam::required)
                .filter(param -> isBlank(variable.getParamValues().get(param.name())) && isBlank(param.defaultValue()))
                .findFirst()
                .map(param -> "Give a value for the required parameter '" + param.name() + "'");
        if (missing.isPresent()) {
            return missing;
        }
        Optional<String> badValue = valueError(variable, cipher);
        if (badValue.isPresent()) {
            return badValue;
        }
        try {
            VariableSpecs.targetOf(variable, cipher);
            return Optional.empty();
        } catch (InvalidServiceUrlException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A value too long for a parameter, or one a header cannot carry (the message never quotes it). */
    private static Optional<String> valueError(Variable variable, SecretCipher cipher) {
        Set<String> headers = variable.getService().getParams().stream()
                .filter(param -> param.location() == ParamLocation.HEADER).map(ServiceParam::name)
                .collect(Collectors.toSet());
        for (var entry : variable.getParamValues().entrySet()) {
            String value = cipher.reveal(entry.getValue());
            if (value != null && value.length() > ServiceValidator.MAX_PARAM_VALUE_LENGTH) {
                return Optional.of("The value of parameter '" + entry.getKey() + "' can have at most "
                        + ServiceValidator.MAX_PARAM_VALUE_LENGTH + " characters");
            }
            if (headers.contains(entry.getKey())) {
                Optional<String> problem = HeaderRules.valueProblem(entry.getKey(), value);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** Each message is sent as it is: text that looks like JSON or XML must parse (as the runtime would check). */
    private static Optional<String> sendOnOpenError(List<String> messages) {
        for (int i = 0; i < messages.size(); i++) {
            String position = "Message " + (i + 1) + " to send on open";
            if (isBlank(messages.get(i))) {
                return Optional.of(position + " is empty");
            }
            DecodeResult check = DECODER.decodeText(messages.get(i));
            if (!check.isDecoded()) {
                return Optional.of(position + ": " + check.error());
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code body} is not a JSON request body, for people (with line and column); empty when it is
     * JSON or blank.
     */
    public static Optional<String> requestBodyError(String body) {
        if (isBlank(body)) {
            return Optional.empty();
        }
        String trimmed = body.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return Optional.of("The request body is not valid JSON: write an object {…} or an array […]");
        }
        DecodeResult check = DECODER.decodeText(trimmed);
        return check.isDecoded() ? Optional.empty() : Optional.of("The request body is not valid JSON: " + check.error());
    }

    /** Whether the runtime can compile the filter: each condition's pointer, operator and pattern. */
    private static Optional<String> filterError(MessageFilter filter) {
        try {
            MessageSelector.compile(filter);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> reconnectError(Variable variable) {
        if (!variable.isReconnectEnabled()) {
            return Optional.empty();
        }
        if (variable.getReconnectInitialDelayMs() < 1) {
            return Optional.of("The first reconnect delay must be at least 1 ms");
        }
        if (variable.getReconnectMaxDelayMs() < variable.getReconnectInitialDelayMs()) {
            return Optional.of("The longest reconnect delay cannot be shorter than the first");
        }
        if (variable.getReconnectMaxDelayMs() > MAX_RECONNECT_DELAY_MS) {
            return Optional.of("The longest reconnect delay can be at most " + MAX_RECONNECT_DELAY_MS + " ms (a day)");
        }
        if (variable.getReconnectMaxAttempts() < 0) {
            return Optional.of("The number of attempts cannot be negative (0 means no limit)");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
