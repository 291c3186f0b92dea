package org.socketboard.variable.runtime;

import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.MessageFilter;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link LiveVariable} needs, as plain values (the persistent Variable entity and its
 * service are turned into this; the runtime never sees entities).
 *
 * @param recordPath  JSON Pointer of the records inside a message; "" = the whole message
 * @param upsertKey   JSON Pointer of the key inside a record, for UPSERT
 * @param requestBody what {@link LiveVariable#send()} sends; may be empty
 * @param sendOnOpen  messages sent in order after every successful (re)connection, e.g. subscribe
 * @param secrets     plain values of secret parameters: masked in the event and frame logs
 * @param filter      which decoded messages go on to the record path and the strategy
 * @param arrayRecords an array at the record path is one record (see {@link RecordExtractor})
 * @param protocol    what is spoken inside the WebSocket (plain, Socket.IO, STOMP) and its settings
 */
public record LiveVariableSpec(String name, URI uri, Map<String, String> headers, List<String> subprotocols,
                               String recordPath, InsertStrategy strategy, int limit, String upsertKey,
                               String requestBody, List<String> sendOnOpen, ReconnectPolicy reconnect,
                               ConnectionLimits limits, Set<String> secrets, MessageFilter filter,
                               boolean arrayRecords, ProtocolSettings protocol) {

    public LiveVariableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(strategy, "strategy");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
        recordPath = recordPath == null ? "" : recordPath;
        requestBody = requestBody == null ? "" : requestBody;
        sendOnOpen = sendOnOpen == null ? List.of() : List.copyOf(sendOnOpen);
        reconnect = reconnect == null ? ReconnectPolicy.disabled() : reconnect;
        limits = limits == null ? ConnectionLimits.DEFAULT : limits;
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        filter = filter == null ? MessageFilter.NONE : filter;
        protocol = protocol == null ? ProtocolSettings.WEBSOCKET : protocol;
    }

    /** Plain WebSocket. */
    public LiveVariableSpec(String name, URI uri, Map<String, String> headers, List<String> subprotocols,
                            String recordPath, InsertStrategy strategy, int limit, String upsertKey,
                            String requestBody, List<String> sendOnOpen, ReconnectPolicy reconnect,
                            ConnectionLimits limits, Set<String> secrets, MessageFilter filter,
                            boolean arrayRecords) {
        this(name, uri, headers, subprotocols, recordPath, strategy, limit, upsertKey, requestBody, sendOnOpen,
                reconnect, limits, secrets, filter, arrayRecords, null);
    }

    /** Every message taken as it comes, arrays split into records. */
    public LiveVariableSpec(String name, URI uri, Map<String, String> headers, List<String> subprotocols,
                            String recordPath, InsertStrategy strategy, int limit, String upsertKey,
                            String requestBody, List<String> sendOnOpen, ReconnectPolicy reconnect,
                            ConnectionLimits limits, Set<String> secrets) {
        this(name, uri, headers, subprotocols, recordPath, strategy, limit, upsertKey, requestBody, sendOnOpen,
                reconnect, limits, secrets, MessageFilter.NONE, false, null);
    }

    /** Without secrets to mask. */
    public LiveVariableSpec(String name, URI uri, Map<String, String> headers, List<String> subprotocols,
                            String recordPath, InsertStrategy strategy, int limit, String upsertKey,
                            String requestBody, List<String> sendOnOpen, ReconnectPolicy reconnect,
                            ConnectionLimits limits) {
        this(name, uri, headers, subprotocols, recordPath, strategy, limit, upsertKey, requestBody, sendOnOpen,
                reconnect, limits, Set.of());
    }

    /** With the default connection limits. */
    public LiveVariableSpec(String name, URI uri, Map<String, String> headers, List<String> subprotocols,
                            String recordPath, InsertStrategy strategy, int limit, String upsertKey,
                            String requestBody, List<String> sendOnOpen, ReconnectPolicy reconnect) {
        this(name, uri, headers, subprotocols, recordPath, strategy, limit, upsertKey, requestBody, sendOnOpen,
                reconnect, ConnectionLimits.DEFAULT);
    }
}
