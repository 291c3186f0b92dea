package org.socketboard.upstream;

import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts open upstream connections against the caps of {@link ConnectionSettings}: in total and per
 * variable. Acquire before connecting; close the returned lease when the connection is gone.
 */
@Component
public class ConnectionBudget {

    private final ConnectionSettings settings;
    private final Map<String, Integer> perVariable = new HashMap<>();
    private int total;

    public ConnectionBudget(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** One open connection; closing it twice releases it once. */
    public final class Lease implements AutoCloseable {
        private final String variable;
        private boolean released;

        private Lease(String variable) {
            this.variable = variable;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    /** Takes one connection for {@code variable}, or refuses with a message naming the cap that was hit. */
    public synchronized Lease acquire(String variable) {
        if (total >= settings.maxConnections()) {
            throw new ConnectionDeniedException("The server already holds " + total
                    + " upstream connections, the most allowed (socketboard.connect.max-connections)");
        }
        int forVariable = perVariable.getOrDefault(variable, 0);
        if (forVariable >= settings.maxConnectionsPerVariable()) {
            throw new ConnectionDeniedException("The variable " + variable + " already holds " + forVariable
                    + " upstream connections, the most allowed (socketboard.connect.max-connections-per-variable)");
        }
        total++;
        perVariable.put(variable, forVariable + 1);
        return new Lease(variable);
    }

    public synchronized int openConnections() {
        return total;
    }

    public synchronized int openConnections(String variable) {
        return perVariable.getOrDefault(variable, 0);
    }

    private synchronized void release(Lease lease) {
        if (lease.released) {
            return;
        }
        lease.released = true;
        total--;
        perVariable.computeIfPresent(lease.variable, (name, count) -> count > 1 ? count - 1 : null);
    }
}
