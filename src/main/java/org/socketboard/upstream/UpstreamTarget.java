package org.socketboard.upstream;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to open one upstream connection: a service's URL with the parameters filled in, its
 * handshake headers and subprotocols, and the plain values to mask wherever the connection's words or
 * data are shown. Worked out in one place (the service feature's {@code UpstreamTargets}) for Test
 * connection and the runtime alike.
 *
 * @param connect parameters for the protocol's connect (STOMP CONNECT headers, Socket.IO auth payload)
 * @param values  every parameter's value by name, for {@code {name}} in subscriptions and send targets
 * @param secrets plain values of the secret parameters
 */
public record UpstreamTarget(URI uri, Map<String, String> headers, List<String> subprotocols,
                             Map<String, String> connect, Map<String, String> values, Set<String> secrets) {

    public UpstreamTarget {
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
        connect = connect == null ? Map.of() : Map.copyOf(connect);
        values = values == null ? Map.of() : Map.copyOf(values);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }
}
