package org.socketboard.service;

import org.socketboard.base.Checks;
import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import org.socketboard.security.SecretCipher;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.HeaderRules;
import org.socketboard.service.domain.InvalidServiceUrlException;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.service.inference.InferredSample;
import org.socketboard.service.inference.InvalidRecordPathException;
import org.socketboard.service.inference.SampleParseException;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.SocketIo;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one check of a service definition, whoever hands it in (the form, the REST API, a bundle
 * import): name, URL (against the connection policy), parameters, samples, record path, display names
 * and test, one message per offending field. It parses the samples to check them, and hands back what
 * it derived (the URL, the request's and the records' fields) so that the catalog stores exactly what
 * was checked. It stores nothing and reads no repository: the caller says which stored service has a name.
 */
@Component
public class ServiceValidator {

    /** {@code /services/new} is the import page, so no service may be called that. */
    public static final String RESERVED_NAME = "new";
    /** The longest display name of a field. */
    public static final int MAX_FIELD_NAME_LENGTH = 64;
    /** All subprotocol names together (the column holds them as a JSON list of 4000 characters). */
    public static final int MAX_SUBPROTOCOLS_LENGTH = 2000;
    /** Limits of parameters, as a handshake allows. */
    public static final int MAX_PARAMS = 100;
    public static final int MAX_PARAM_NAME_LENGTH = 200;
    /** A parameter's value; 8 KB is what common servers accept as a whole request head (Tomcat, nginx). */
    public static final int MAX_PARAM_VALUE_LENGTH = 4096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1," + (SocketService.MAX_NAME_LENGTH - 1) + "}");
    private static final Pattern SUBPROTOCOL = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final FieldInference inference;
    private final SecretCipher cipher;
    private final ConnectionPolicy policy;

    public ServiceValidator(FieldInference inference, SecretCipher cipher, ConnectionPolicy policy) {
        this.inference = inference;
        this.cipher = cipher;
        this.policy = policy;
    }

    /**
     * What a check found: a message per offending field (empty when the definition is fine) and, when
     * it is, the parsed URL, the sample request's fields (none for STOMP, whose sample request is a
     * destination) and the fields of a record of the sample response.
     */
    public record Checked(Map<ServiceField, String> errors, Optional<ServiceUrl> url,
                          List<FieldMeta> requestFields, List<FieldMeta> recordFields) {

        /** @throws InvalidDefinitionException with the messages, when there are any */
        public Checked orThrow() {
            if (!errors.isEmpty()) {
                throw new InvalidDefinitionException(errors);
            }
            return this;
        }
    }

    /**
     * Checks the whole definition.
     *
     * @param storedByNameKey the stored service with a name key ({@link Names#key}), if any; asked only
     *                        for a name that is otherwise valid
     */
    public Checked check(SocketService service, Function<String, Optional<SocketService>> storedByNameKey) {
        var errors = new EnumMap<ServiceField, String>(ServiceField.class);
        checkName(service, storedByNameKey, errors);
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
                    "Test the connection successfully before saving (if the test fails, Proceed without test lets "
                            + "you save from the sample response)");
        }
        return new Checked(errors, url, request.map(InferredSample::fields).orElse(List.of()),
                recordFields.orElse(List.of()));
    }

    private static void checkName(SocketService service, Function<String, Optional<SocketService>> storedByNameKey,
                                  Map<ServiceField, String> errors) {
        var name = service.getName();
        if (name == null || name.isBlank()) {
            errors.put(ServiceField.NAME, "A name is required");
        } else if (!NAME.matcher(name).matches()) {
            errors.put(ServiceField.NAME,
                    "Use 2 to " + SocketService.MAX_NAME_LENGTH + " letters, digits, dots, dashes or underscores, starting with a letter or digit");
        } else if (RESERVED_NAME.equals(Names.key(name))) {
            errors.put(ServiceField.NAME, "'" + RESERVED_NAME + "' is reserved: choose another name");
        } else {
            storedByNameKey.apply(Names.key(name))
                    .filter(other -> !other.getId().equals(service.getId()))
                    .ifPresent(other -> errors.put(ServiceField.NAME,
                            "A service named '" + other.getName() + "' already exists"));
        }
    }

    private static void checkLengths(SocketService service, Map<ServiceField, String> errors) {
        Checks.tooLong("The description", service.getDescription(), SocketService.MAX_DESCRIPTION_LENGTH)
                .ifPresent(message -> errors.put(ServiceField.DESCRIPTION, message));
        Checks.tooLong("The URL", service.getUrl(), SocketService.MAX_URL_LENGTH).ifPresent(message -> errors.put(ServiceField.URL, message));
        Checks.tooLong("The record path", service.getRecordPath(), SocketService.MAX_RECORD_PATH_LENGTH)
                .ifPresent(message -> errors.put(ServiceField.RECORD_PATH, message));
        Checks.tooLong("The sample request", service.getSampleRequest(), FieldInference.MAX_SAMPLE_CHARS)
                .ifPresent(message -> errors.put(ServiceField.SAMPLE_REQUEST, message));
        Checks.tooLong("The sample response", service.getSampleResponse(), FieldInference.MAX_SAMPLE_CHARS)
                .ifPresent(message -> errors.put(ServiceField.SAMPLE_RESPONSE, message));
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

    private void checkParams(List<ServiceParam> params, Optional<ServiceUrl> url, Map<ServiceField, String> errors) {
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
        if (Checks.isBlank(text)) {
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
}
