package org.socketboard.dashboard;

import org.socketboard.base.Names;
import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One tab's hold on a dashboard's variables, from {@link LiveDashboards#open} (and
 * {@link LiveDashboards#hold} for a widget added or edited while the tab is open). Closing it lets go
 * of them all: the tab's own instances of dashboard variables close, shared ones stay. Used under the
 * session lock of its tab.
 */
public final class LiveDashboard implements AutoCloseable {

    private final String owner;
    private final Consumer<LiveVariable> onReplaced;
    /** By name key (names are case-insensitive). */
    private final Map<String, VariableLease> leases = new HashMap<>();
    private final Map<String, String> problems = new HashMap<>();
    private final List<String> overCap = new ArrayList<>();
    private final VariableRegistry registry;
    private boolean closed;

    LiveDashboard(String owner, Consumer<LiveVariable> onReplaced, VariableRegistry registry) {
        this.owner = owner;
        this.onReplaced = onReplaced;
        this.registry = registry;
    }

    String owner() {
        return owner;
    }

    Consumer<LiveVariable> onReplaced() {
        return onReplaced;
    }

    /** Whether the name is held or refused already. */
    boolean knows(String key) {
        return leases.containsKey(key) || problems.containsKey(key);
    }

    int holdCount() {
        return leases.size();
    }

    void held(String key, VariableLease lease) {
        if (closed) {
            lease.close();
            return;
        }
        leases.put(key, lease);
    }

    void refuse(String key, String name, String problem, boolean overTheCap) {
        problems.put(key, problem);
        if (overTheCap) {
            overCap.add(name);
        }
    }

    /** The current live instance of the variable a widget names, or null (see {@link #problemWith}). */
    public LiveVariable variable(String name) {
        VariableLease lease = leases.get(Names.key(name));
        return lease == null || closed ? null : lease.live();
    }

    /** Why there is no live instance for {@code name}, or null when there is one. */
    public String problemWith(String name) {
        return problems.get(Names.key(name));
    }

    /** The variables not held because the tab already holds as many as it may, in the order met. */
    public List<String> overCap() {
        return List.copyOf(overCap);
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
