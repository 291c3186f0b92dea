package org.socketboard.variable;

import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.variable.domain.Variable;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.security.SecretCipher;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.runtime.ConnectionLimits;
import org.socketboard.variable.runtime.LiveVariableSpec;
import org.socketboard.variable.runtime.ReconnectPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a stored variable and its service into the plain values the runtime runs on: the URI with
 * path and query parameters filled in, the header parameters, the record path and the limits. Stored
 * secrets are decrypted here, for connecting only, and handed on as the values to redact.
 */
final class VariableSpecs {

    private static final Pattern PARAM = Pattern.compile("\\{([^{}]+)}");

    private VariableSpecs() {
    }

    /** @throws org.socketboard.service.domain.InvalidServiceUrlException naming what is missing or wrong */
    static URI uriOf(Variable variable, SecretCipher cipher) {
        return ServiceUrl.parse(variable.getService().getUrl())
                .resolve(valuesAt(variable, cipher, ParamLocation.PATH, ParamLocation.QUERY));
    }

    /**
     * @throws IllegalArgumentException (or its subclass InvalidServiceUrlException) with a reason for
     *                                  people when the definition cannot be run
     */
    static LiveVariableSpec specOf(Variable variable, VariableSettings settings, ConnectionSettings connection,
                                   SecretCipher cipher) {
        return new LiveVariableSpec(variable.getName(), uriOf(variable, cipher),
                valuesAt(variable, cipher, ParamLocation.HEADER), variable.getService().getSubprotocols(),
                variable.effectiveRecordPath(), variable.getStrategy(), settings.effectiveLimit(variable.getDataLimit()),
                variable.getUpsertKey(), variable.getRequestBody(), variable.getSendOnOpen(), reconnectOf(variable, connection),
                limitsOf(connection), secretValues(variable, cipher), variable.getMessageFilter(),
                variable.effectiveArrayRecords(), protocolOf(variable, cipher));
    }

    /**
     * The service's protocol with the variable's subscriptions and send target; {@code {name}} in them is
     * the parameter's value (STOMP destinations per symbol, say), and CONNECT parameters go in the
     * protocol's connect.
     */
    private static ProtocolSettings protocolOf(Variable variable, SecretCipher cipher) {
        Map<String, String> values = valuesAt(variable, cipher, ParamLocation.values());
        List<String> subscriptions = variable.getSubscriptions().stream().map(s -> withParams(s, values)).toList();
        String sendTarget = variable.getSendTarget() == null ? null : withParams(variable.getSendTarget(), values);
        return new ProtocolSettings(variable.getService().getProtocol(), valuesAt(variable, cipher, ParamLocation.CONNECT),
                subscriptions, sendTarget, null);
    }

    private static String withParams(String template, Map<String, String> values) {
        Matcher names = PARAM.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (names.find()) {
            String value = values.get(names.group(1));
            if (value == null) {
                throw new IllegalArgumentException("'" + template + "' names the parameter {" + names.group(1)
                        + "}, which has no value");
            }
            names.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return names.appendTail(filled).toString();
    }

    /** The plain values of the secret parameters (the variable's own and the service's defaults). */
    private static Set<String> secretValues(Variable variable, SecretCipher cipher) {
        Set<String> secrets = new HashSet<>();
        for (ServiceParam param : variable.getService().getParams()) {
            if (param.secret()) {
                Stream.of(variable.getParamValues().get(param.name()), param.defaultValue())
                        .map(cipher::reveal).filter(value -> value != null && !value.isBlank()).forEach(secrets::add);
            }
        }
        return secrets;
    }

    /** The server's handshake timeout, message size cap and ping interval; the close wait as the runtime's default. */
    private static ConnectionLimits limitsOf(ConnectionSettings connection) {
        int maxMessageSize = (int) Math.min(Integer.MAX_VALUE, connection.maxMessageSize().toBytes());
        return new ConnectionLimits(connection.handshakeTimeout(), ConnectionLimits.DEFAULT.closeTimeout(),
                maxMessageSize, connection.pingInterval());
    }

    private static ReconnectPolicy reconnectOf(Variable variable, ConnectionSettings connection) {
        if (!variable.isReconnectEnabled()) {
            return ReconnectPolicy.disabled();
        }
        return new ReconnectPolicy(true, Duration.ofMillis(variable.getReconnectInitialDelayMs()),
                Duration.ofMillis(variable.getReconnectMaxDelayMs()), variable.getReconnectMaxAttempts(),
                connection.stableAfter(), connection.permanentFailureAttempts());
    }

    /** The value of each parameter at these locations: the variable's own, else the service's default; blanks left out. */
    private static Map<String, String> valuesAt(Variable variable, SecretCipher cipher, ParamLocation... locations) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ServiceParam param : variable.getService().getParams()) {
            if (!List.of(locations).contains(param.location())) {
                continue;
            }
            String value = variable.getParamValues().get(param.name());
            if (value == null || value.isBlank()) {
                value = param.defaultValue();
            }
            if (value != null && !value.isBlank()) {
                values.put(param.name(), cipher.reveal(value));
            }
        }
        return values;
    }
}
