package org.socketboard.service;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.SocketIo;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.HeaderRules;
import org.socketboard.service.domain.InvalidServiceUrlException;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.service.inference.InferredSample;
import org.socketboard.service.inference.InvalidRecordPathException;
import org.socketboard.service.inference.SampleParseException;
import org.socketboard.security.AuditLog;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The services an admin has imported: lists them with how many variables use each, and stores a
 * definition only after validating all of it (name, URL, parameters, samples, test), deriving the
 * field metadata from the samples itself so that stored fields always match the stored samples.
 * Changes are for admins ({@code @PreAuthorize}); reading is for every signed-in user. Secret
 * parameter values are stored encrypted ({@link SecretCipher}) and only ever handed out so.
 */
@Service
@Transactional
public class ServiceCatalog {

    /** {@code /services/new} is the import page, so no service may be called that. */
    public static final String RESERVED_NAME = "new";
    /** The longest display name of a field. */
    public static final int MAX_FIELD_NAME_LENGTH = 64;
    /** Limits of the stored definition, each as long as its column (V1) or, for parameters, a handshake allows. */
    /** All subprotocol names together (the column holds them as a JSON list of 4000 characters). */
    public static final int MAX_SUBPROTOCOLS_LENGTH = 2000;
    public static final int MAX_PARAMS = 100;
    public static final int MAX_PARAM_NAME_LENGTH = 200;
    /** A parameter's value; 8 KB is what common servers accept as a whole request head (Tomcat, nginx). */
    public static final int MAX_PARAM_VALUE_LENGTH = 4096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1," + (SocketService.MAX_NAME_LENGTH - 1) + "}");
    private static final Pattern SUBPROTOCOL = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final SocketServiceRepository repository;
    private final FieldInference inference;
    private final List<ServiceUsage> usages;
    private final SecretCipher cipher;
    private final ConnectionPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceCatalog(SocketServiceRepository repository, FieldInference inference, List<ServiceUsage> usages,
                          SecretCipher cipher, ConnectionPolicy policy, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.inference = inference;
        this.usages = List.copyOf(usages);
        this.cipher = cipher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ServiceSummary> list() {
        return repository.findAllByOrderByNameKeyAsc().stream()
                .map(s -> new ServiceSummary(s.getName(), s.getUrl(), s.getProtocol(), s.getLastTestSucceeded(),
                        s.getLastTestOutcome(), s.getLastTestedAt(), s.isTestSkipped(),
                        variablesUsing(s.getName()).size()))
                .toList();
    }

    /** The service with this name, ignoring case; a detached copy that a form may edit and hand back. */
    @Transactional(readOnly = true)
    public Optional<SocketService> find(String name) {
        return repository.findByNameKey(Names.key(name));
    }

    /** The variables that use the named service, sorted. */
    @Transactional(readOnly = true)
    public List<String> variablesUsing(String serviceName) {
        return usages.stream()
                .flatMap(usage -> usage.variablesUsing(serviceName).stream())
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Validates the whole definition and stores it in one step, or stores nothing.
     *
     * @return the stored service (a new instance; the argument stays detached)
     * @throws InvalidDefinitionException with a message per offending field
     * @throws ServiceInUseException      when renaming a service that variables use
     */
    @PreAuthorize("hasRole('ADMIN')")
    public SocketService save(SocketService service) {
        var errors = new EnumMap<ServiceField, String>(ServiceField.class);
        checkName(service, errors);
        checkLengths(service, errors);
        checkSubprotocols(service.getSubprotocols(), errors);
        var url = parseUrl(service.getUrl(), errors);
        if (url.isPresent() && service.getProtocol() == Protocol.SOCKET_IO) {
            Optional.ofNullable(SocketIo.namespaceProblem(service.getUrl())).ifPresent(problem -> errors.put(ServiceField.URL, problem));
        }
        checkParams(service.getParams(), url, errors);
        // A STOMP service's sample request is the destination a test subscribes to, not a message.
        var request = service.getProtocol() == Protocol.STOMP ? Optional.<InferredSample>empty()
                : parseSample(service.getSampleRequest(), ServiceField.SAMPLE_REQUEST, inference::inferRequest, errors);
        var response = parseSample(service.getSampleResponse(), ServiceField.SAMPLE_RESPONSE,
                sample -> inference.inferResponse(sample, service.getProtocol()), errors);
        if (response.isEmpty() && !errors.containsKey(ServiceField.SAMPLE_RESPONSE)) {
            errors.put(ServiceField.SAMPLE_RESPONSE,
                    "A sample response is needed to infer the fields: test the connection or paste one");
        }
        var recordFields = errors.containsKey(ServiceField.RECORD_PATH) ? Optional.<List<FieldMeta>>empty()
                : response.flatMap(sample -> recordFields(sample, service, errors));
        checkFieldNames(service.getFieldNames(), errors);
        if (!service.hasPassedOrSkippedTest()) {
            errors.put(ServiceField.TEST,
                    "Test the connection successfully (or tick Proceed without test) before saving");
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        refuseRenameInUse(service);
        moveQueryIntoParams(service, url.orElseThrow());
        sealSecrets(service);
        service.setRequestFields(request.map(InferredSample::fields).orElse(List.of()));
        List<FieldMeta> inferred = recordFields.orElse(List.of());
        service.setFieldNames(namesOfKnownFields(service.getFieldNames(), inferred));
        service.setResponseFields(FieldMeta.named(inferred, service.getFieldNames()));
        service.touch(clock.instant());
        boolean created = service.isNew();
        SocketService saved = repository.saveAndFlush(service);
        audit.record(created ? AuditAction.CREATED : AuditAction.CHANGED, AuditKind.SERVICE, saved.getName(), saved.getUrl());
        return saved;
    }

    /**
     * Deletes the named service; nothing happens when there is none.
     *
     * @throws ServiceInUseException naming the variables that still use it
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(String name) {
        repository.findByNameKey(Names.key(name)).ifPresent(service -> {
            checkDeletable(service.getName());
            repository.delete(service);
            audit.record(AuditAction.DELETED, AuditKind.SERVICE, service.getName(), null);
        });
    }

    /**
     * Lets a view refuse a deletion before asking for confirmation.
     *
     * @throws ServiceInUseException naming the variables that use the service
     */
    @Transactional(readOnly = true)
    public void checkDeletable(String name) {
        var using = variablesUsing(name);
        if (!using.isEmpty()) {
            throw new ServiceInUseException("delete", name, using);
        }
    }

    private void checkName(SocketService service, Map<ServiceField, String> errors) {
        var name = service.getName();
        if (name == null || name.isBlank()) {
            errors.put(ServiceField.NAME, "A name is required");
        } else if (!NAME.matcher(name).matches()) {
            errors.put(ServiceField.NAME,
                    "Use 2 to " + SocketService.MAX_NAME_LENGTH + " letters, digits, dots, dashes or underscores, starting with a letter or digit");
        } else if (RESERVED_NAME.equals(Names.key(name))) {
            errors.put(ServiceField.NAME, "'" + RESERVED_NAME + "' is reserved: choose another name");
        } else {
            repository.findByNameKey(Names.key(name))
                    .filter(other -> !other.getId().equals(service.getId()))
                    .ifPresent(other -> errors.put(ServiceField.NAME,
                            "A service named '" + other.getName() + "' already exists"));
        }
    }

    private static void checkLengths(SocketService service, Map<ServiceField, String> errors) {
        tooLong("The description", service.getDescription(), SocketService.MAX_DESCRIPTION_LENGTH)
                .ifPresent(message -> errors.put(ServiceField.DESCRIPTION, message));
        tooLong("The URL", service.getUrl(), SocketService.MAX_URL_LENGTH).ifPresent(message -> errors.put(ServiceField.URL, message));
        tooLong("The record path", service.getRecordPath(), SocketService.MAX_RECORD_PATH_LENGTH)
                .ifPresent(message -> errors.put(ServiceField.RECORD_PATH, message));
        tooLong("The sample request", service.getSampleRequest(), FieldInference.MAX_SAMPLE_CHARS)
                .ifPresent(message -> errors.put(ServiceField.SAMPLE_REQUEST, message));
        tooLong("The sample response", service.getSampleResponse(), FieldInference.MAX_SAMPLE_CHARS)
                .ifPresent(message -> errors.put(ServiceField.SAMPLE_RESPONSE, message));
    }

    /** "The URL can have at most 2048 characters (this one has 3000)", or empty when {@code text} fits. */
    public static Optional<String> tooLong(String what, String text, int limit) {
        return text == null || text.length() <= limit ? Optional.empty()
                : Optional.of(what + " can have at most " + limit + " characters (this one has " + text.length() + ")");
    }

    private static void checkSubprotocols(List<String> subprotocols, Map<ServiceField, String> errors) {
        subprotocols.stream()
                .filter(protocol -> !SUBPROTOCOL.matcher(protocol).matches())
                .findFirst()
                .ifPresent(bad -> errors.put(ServiceField.SUBPROTOCOLS,
                        "'" + bad + "' is not a valid subprotocol name (no spaces, commas or quotes)"));
        if (String.join(",", subprotocols).length() > MAX_SUBPROTOCOLS_LENGTH) {
            errors.put(ServiceField.SUBPROTOCOLS, "The subprotocols can have at most " + MAX_SUBPROTOCOLS_LENGTH
                    + " characters together");
        }
    }

    /** The URL when it can be used: well-formed, and its host one the connection policy could ever allow. */
    private Optional<ServiceUrl> parseUrl(String raw, Map<ServiceField, String> errors) {
        if (errors.containsKey(ServiceField.URL)) {
            return Optional.empty();
        }
        try {
            ServiceUrl url = ServiceUrl.parse(raw);
            policy.checkAtSave(url.originUri());
            return Optional.of(url);
        } catch (InvalidServiceUrlException | ConnectionDeniedException e) {
            errors.put(ServiceField.URL, e.getMessage());
            return Optional.empty();
        }
    }

    private void checkParams(List<ServiceParam> params, Optional<ServiceUrl> url,
                                    Map<ServiceField, String> errors) {
        if (params.size() > MAX_PARAMS) {
            errors.put(ServiceField.PARAMS, "A service can have at most " + MAX_PARAMS + " parameters");
            return;
        }
        var names = new HashSet<String>();
        for (var param : params) {
            Optional<String> problem = paramProblem(param, names);
            if (problem.isPresent()) {
                errors.put(ServiceField.PARAMS, problem.get());
                return;
            }
        }
        url.ifPresent(u -> checkPathParams(params, Set.copyOf(u.pathParameterNames()), errors));
    }

    /** The first thing wrong with one parameter; {@code names} collects the names seen so far. */
    private Optional<String> paramProblem(ServiceParam param, Set<String> names) {
        if (param.name() == null || param.name().isBlank()) {
            return Optional.of("Every parameter needs a name");
        }
        if (param.name().length() > MAX_PARAM_NAME_LENGTH) {
            return Optional.of("A parameter name can have at most " + MAX_PARAM_NAME_LENGTH + " characters");
        }
        if (param.location() == null || param.type() == null) {
            return Optional.of("Parameter '" + param.name() + "' needs a location and a type");
        }
        if (!names.add(param.name())) {
            return Optional.of("Parameter '" + param.name() + "' is defined twice");
        }
        // A kept secret comes back sealed: its plain value is what would be sent.
        String value = cipher.reveal(param.defaultValue());
        if (value != null && value.length() > MAX_PARAM_VALUE_LENGTH) {
            return Optional.of("The default value of parameter '" + param.name() + "' can have at most "
                    + MAX_PARAM_VALUE_LENGTH + " characters");
        }
        if (param.location() == ParamLocation.HEADER) {
            return HeaderRules.nameProblem(param.name()).or(() -> HeaderRules.valueProblem(param.name(), value));
        }
        return Optional.empty();
    }

    private static void checkPathParams(List<ServiceParam> params, Set<String> inUrl, Map<ServiceField, String> errors) {
        var defined = params.stream()
                .filter(p -> p.location() == ParamLocation.PATH)
                .map(ServiceParam::name)
                .toList();
        inUrl.stream().filter(name -> !defined.contains(name)).sorted().findFirst()
                .ifPresent(name -> errors.put(ServiceField.PARAMS,
                        "The URL uses {" + name + "}, but no path parameter '" + name + "' is defined"));
        defined.stream().filter(name -> !inUrl.contains(name)).findFirst()
                .ifPresent(name -> errors.putIfAbsent(ServiceField.PARAMS,
                        "Path parameter '" + name + "' does not appear in the URL as {" + name + "}"));
    }

    private static Optional<InferredSample> parseSample(String text, ServiceField field,
                                                        Function<String, InferredSample> parser,
                                                        Map<ServiceField, String> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text));
        } catch (SampleParseException e) {
            // Its message names the line and column, or the size limit.
            errors.put(field, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<List<FieldMeta>> recordFields(InferredSample sample, SocketService service,
                                                   Map<ServiceField, String> errors) {
        try {
            return Optional.of(inference.recordFields(sample.documents(), service.getRecordPath(), service.isArrayRecords()));
        } catch (InvalidRecordPathException e) {
            errors.put(ServiceField.RECORD_PATH, e.getMessage());
            return Optional.empty();
        }
    }

    private static void checkFieldNames(Map<String, String> names, Map<ServiceField, String> errors) {
        names.entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue().trim().length() > MAX_FIELD_NAME_LENGTH)
                .findFirst()
                .ifPresent(entry -> errors.put(ServiceField.FIELD_NAMES, "The display name of " + entry.getKey()
                        + " is longer than " + MAX_FIELD_NAME_LENGTH + " characters"));
    }

    /** The display names of fields the sample has (by path), blanks left out: names of fields gone are forgotten. */
    private static Map<String, String> namesOfKnownFields(Map<String, String> names, List<FieldMeta> fields) {
        Set<String> paths = new HashSet<>();
        collectPaths(fields, paths);
        Map<String, String> kept = new LinkedHashMap<>();
        names.forEach((path, name) -> {
            if (paths.contains(path) && name != null && !name.isBlank()) {
                kept.put(path, name.trim());
            }
        });
        return kept;
    }

    private static void collectPaths(List<FieldMeta> fields, Set<String> paths) {
        for (FieldMeta field : fields) {
            paths.add(field.path());
            collectPaths(field.children(), paths);
        }
    }

    /**
     * Query parameters live in one place, the parameters: each {@code ?name=value} of the URL moves into
     * the query parameter of that name (its default when it has none; a new one when there is none) and
     * leaves the URL, so a value in the URL can no longer differ from, and silently lose to, the
     * parameter's. A secret typed in the URL is thus never stored in it either. The form shows a URL
     * value that differs from its parameter's default before saving.
     */
    private static void moveQueryIntoParams(SocketService service, ServiceUrl url) {
        if (url.queryParameters().isEmpty()) {
            return;
        }
        List<ServiceParam> params = new ArrayList<>(service.getParams());
        List<String> moved = new ArrayList<>();
        for (ServiceParam detected : url.detectedParameters()) {
            if (detected.location() != ParamLocation.QUERY) {
                continue;
            }
            int declared = indexOfParam(params, detected.name());
            if (declared < 0) {
                params.add(detected);
            } else if (params.get(declared).location() != ParamLocation.QUERY) {
                // A header or path parameter of the same name: the URL keeps its query value.
                continue;
            } else if (isBlank(params.get(declared).defaultValue()) && !isBlank(detected.defaultValue())) {
                params.set(declared, params.get(declared).withDefaultValue(detected.defaultValue()));
            }
            moved.add(detected.name());
        }
        service.setParams(params);
        service.setUrl(url.withoutQueryParameters(moved));
    }

    private static int indexOfParam(List<ServiceParam> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Secret defaults are stored encrypted; a parameter no longer secret is stored plain. */
    private void sealSecrets(SocketService service) {
        List<ServiceParam> sealed = new ArrayList<>();
        for (ServiceParam param : service.getParams()) {
            String value = param.defaultValue();
            sealed.add(param.withDefaultValue(param.secret() ? cipher.seal(value) : cipher.reveal(value)));
        }
        service.setParams(sealed);
    }

    private void refuseRenameInUse(SocketService service) {
        if (service.isNew()) {
            return;
        }
        repository.findById(service.getId())
                .map(SocketService::getName)
                .filter(storedName -> !storedName.equals(service.getName()))
                .ifPresent(storedName -> {
                    var using = variablesUsing(storedName);
                    if (!using.isEmpty()) {
                        throw new ServiceInUseException("rename", storedName, using);
                    }
                });
    }
}
