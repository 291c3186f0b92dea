package org.socketboard.variable;

import org.socketboard.service.UpstreamTargets;
import org.socketboard.upstream.UpstreamTarget;
import org.socketboard.variable.domain.Variable;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.security.SecretCipher;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.runtime.ConnectionLimits;
import org.socketboard.variable.runtime.LiveVariableSpec;
import org.socketboard.variable.runtime.ReconnectPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a stored variable and its service into the plain values the runtime runs on: the service's
 * {@link UpstreamTarget} with the variable's parameter values, the protocol's subscriptions, the record
 * path and the limits.
 */
final class VariableSpecs {

    private static final Pattern PARAM = Pattern.compile("\\{([^{}]+)}");

    private VariableSpecs() {
    }

    /** @throws org.socketboard.service.domain.InvalidServiceUrlException naming what is missing or wrong */
    static UpstreamTarget targetOf(Variable variable, SecretCipher cipher) {
        return UpstreamTargets.of(variable.getService(), variable.getParamValues(), cipher);
    }

    /**
     * @throws IllegalArgumentException (or its subclass InvalidServiceUrlException) with a reason for
     *                                  people when the definition cannot be run
     */
    static LiveVariableSpec specOf(Variable variable, VariableSettings settings, ConnectionSettings connection,
                                   SecretCipher cipher) {
        UpstreamTarget target = targetOf(variable, cipher);
        return new LiveVariableSpec(variable.getName(), target.uri(), target.headers(), target.subprotocols(),
                variable.effectiveRecordPath(), variable.getStrategy(), settings.effectiveLimit(variable.getDataLimit()),
                variable.getUpsertKey(), variable.getRequestBody(), variable.getSendOnOpen(), reconnectOf(variable, connection),
                limitsOf(connection), target.secrets(), variable.getMessageFilter(),
                variable.effectiveArrayRecords(), protocolOf(variable, target));
    }

    /**
     * The service's protocol with the variable's subscriptions and send target; {@code {name}} in them is
     * the parameter's value (STOMP destinations per symbol, say), and CONNECT parameters go in the
     * protocol's connect.
     */
    private static ProtocolSettings protocolOf(Variable variable, UpstreamTarget target) {
        Map<String, String> values = target.values();
        List<String> subscriptions = variable.getSubscriptions().stream().map(s -> withParams(s, values)).toList();
        String sendTarget = variable.getSendTarget() == null ? null : withParams(variable.getSendTarget(), values);
        return new ProtocolSettings(variable.getService().getProtocol(), target.connect(), subscriptions, sendTarget, null);
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
}
