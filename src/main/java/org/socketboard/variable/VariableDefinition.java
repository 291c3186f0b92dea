package org.socketboard.variable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A variable as code: the stable JSON shape of the REST API and of dashboard bundles. The service is
 * named, not numbered. The value of a parameter the service marks secret is written as {@code null};
 * reading such a definition onto a stored variable keeps the value the server already has.
 *
 * <pre>{@code
 * {"name": "prices", "service": "Ticker", "scope": "APPLICATION", "connectOnLoad": true,
 *  "strategy": "ADD_LAST", "dataLimit": 500, "upsertKey": null, "paramValues": {"symbol": "ACME", "token": null},
 *  "requestBody": null, "sendOnOpen": ["{\"subscribe\": \"ACME\"}"], "recordPath": null,
 *  "reconnect": {"enabled": true, "initialDelayMs": 1000, "maxDelayMs": 30000, "maxAttempts": 0},
 *  "messageFilter": {"mode": "DROP", "match": "ANY",
 *                    "conditions": [{"field": "/type", "operator": "EQUALS", "value": "heartbeat"}]},
 *  "arrayRecords": null, "subscriptions": [], "sendTarget": null}
 * }</pre>
 *
 * @param dataLimit     the most records kept; 0 means up to the server cap
 * @param recordPath    overrides the service's record path when set
 * @param reconnect     left out (or {@code null}) for the defaults
 * @param messageFilter left out (or {@code null}) for none: every message goes on
 * @param arrayRecords  whether an array at the record path is one record; left out (or {@code null}) to
 *                      follow the service
 * @param subscriptions STOMP destinations to subscribe to, or the Socket.IO events kept (empty: all);
 *                      left out for none (plain WebSocket)
 * @param sendTarget    STOMP SEND destination or Socket.IO event of sent messages; left out for the default
 */
public record VariableDefinition(@NotBlank String name, @NotBlank String service, @NotNull VariableScope scope,
                                 boolean connectOnLoad, @NotNull InsertStrategy strategy, int dataLimit,
                                 String upsertKey, Map<String, String> paramValues, String requestBody,
                                 List<String> sendOnOpen, String recordPath, Reconnect reconnect,
                                 MessageFilter messageFilter, Boolean arrayRecords, List<String> subscriptions,
                                 String sendTarget) {

    public VariableDefinition {
        // A LinkedHashMap: Map.copyOf refuses the null values that stand for withheld secrets.
        paramValues = paramValues == null ? Map.of() : new LinkedHashMap<>(paramValues);
        sendOnOpen = sendOnOpen == null ? List.of() : List.copyOf(sendOnOpen);
        reconnect = reconnect == null ? defaultReconnect() : reconnect;
        messageFilter = messageFilter == null ? MessageFilter.NONE : messageFilter;
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /** How a variable reconnects after its connection drops; {@code maxAttempts} 0 means no limit. */
    public record Reconnect(boolean enabled, long initialDelayMs, long maxDelayMs, int maxAttempts) {
    }

    /** The definition of a stored variable, the values of its service's secret parameters left out. */
    public static VariableDefinition of(Variable variable) {
        Set<String> secrets = secretParams(variable.getService());
        Map<String, String> values = new LinkedHashMap<>();
        variable.getParamValues().forEach((param, value) -> values.put(param, secrets.contains(param) ? null : value));
        return new VariableDefinition(variable.getName(), variable.getService().getName(), variable.getScope(),
                variable.isConnectOnLoad(), variable.getStrategy(), variable.getDataLimit(), variable.getUpsertKey(),
                values, variable.getRequestBody(), variable.getSendOnOpen(), variable.getRecordPathOverride(),
                new Reconnect(variable.isReconnectEnabled(), variable.getReconnectInitialDelayMs(),
                        variable.getReconnectMaxDelayMs(), variable.getReconnectMaxAttempts()),
                variable.getMessageFilter(), variable.getArrayRecords(), variable.getSubscriptions(),
                variable.getSendTarget());
    }

    public VariableDefinition withName(String newName) {
        return new VariableDefinition(newName, service, scope, connectOnLoad, strategy, dataLimit, upsertKey,
                paramValues, requestBody, sendOnOpen, recordPath, reconnect, messageFilter, arrayRecords,
                subscriptions, sendTarget);
    }

    /** The same definition bound to another service name (the service was renamed on import). */
    public VariableDefinition withService(String serviceName) {
        return new VariableDefinition(name, serviceName, scope, connectOnLoad, strategy, dataLimit, upsertKey,
                paramValues, requestBody, sendOnOpen, recordPath, reconnect, messageFilter, arrayRecords,
                subscriptions, sendTarget);
    }

    /**
     * Writes this definition onto {@code target} (a new or a stored variable), bound to {@code service}.
     * A parameter without a value keeps the value {@code target} has for it (a withheld secret).
     */
    public void applyTo(Variable target, SocketService boundService) {
        Map<String, String> values = new LinkedHashMap<>();
        paramValues.forEach((param, value) -> {
            String kept = value == null ? target.getParamValues().get(param) : value;
            if (kept != null) {
                values.put(param, kept);
            }
        });
        target.setName(name);
        target.setService(boundService);
        target.setScope(scope);
        target.setConnectOnLoad(connectOnLoad);
        target.setStrategy(strategy);
        target.setDataLimit(dataLimit);
        target.setUpsertKey(upsertKey);
        target.setParamValues(values);
        target.setRequestBody(requestBody);
        target.setSendOnOpen(sendOnOpen);
        target.setRecordPathOverride(recordPath);
        target.setReconnectEnabled(reconnect.enabled());
        target.setReconnectInitialDelayMs(reconnect.initialDelayMs());
        target.setReconnectMaxDelayMs(reconnect.maxDelayMs());
        target.setReconnectMaxAttempts(reconnect.maxAttempts());
        target.setMessageFilter(messageFilter);
        target.setArrayRecords(arrayRecords);
        target.setSubscriptions(subscriptions);
        target.setSendTarget(sendTarget);
    }

    private static Reconnect defaultReconnect() {
        Variable defaults = new Variable();
        return new Reconnect(defaults.isReconnectEnabled(), defaults.getReconnectInitialDelayMs(),
                defaults.getReconnectMaxDelayMs(), defaults.getReconnectMaxAttempts());
    }

    private static Set<String> secretParams(SocketService service) {
        return service.getParams().stream().filter(ServiceParam::secret).map(ServiceParam::name).collect(Collectors.toSet());
    }
}
