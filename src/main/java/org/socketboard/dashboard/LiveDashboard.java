package org.socketboard.dashboard;

import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.List;
import java.util.Map;

/**
 * One tab's hold on a dashboard's variables, from {@link LiveDashboards#open}. Closing it lets go of
 * them all: the tab's own instances of dashboard variables close, shared ones stay.
 */
public final class LiveDashboard implements AutoCloseable {

    private final String owner;
    /** By name key (names are case-insensitive). */
    private final Map<String, VariableLease> leases;
    private final Map<String, String> problems;
    private final List<String> overCap;
    private final VariableRegistry registry;
    private boolean closed;

    LiveDashboard(String owner, Map<String, VariableLease> leases, Map<String, String> problems, List<String> overCap,
                  VariableRegistry registry) {
        this.owner = owner;
        this.leases = Map.copyOf(leases);
        this.problems = Map.copyOf(problems);
        this.overCap = List.copyOf(overCap);
        this.registry = registry;
    }

    /** The current live instance of the variable a widget names, or null (see {@link #problemWith}). */
    public LiveVariable variable(String name) {
        VariableLease lease = leases.get(Variable.nameKey(name));
        return lease == null || closed ? null : lease.live();
    }

    /** Why there is no live instance for {@code name}, or null when there is one. */
    public String problemWith(String name) {
        return problems.get(Variable.nameKey(name));
    }

    /** The variables not held because the tab already holds as many as it may, in the order met. */
    public List<String> overCap() {
        return overCap;
    }

    /** Harmless twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        leases.values().forEach(VariableLease::close);
        registry.release(owner);
    }
}
