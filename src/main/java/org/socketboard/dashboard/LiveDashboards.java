package org.socketboard.dashboard;

import org.socketboard.base.Names;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.springframework.stereotype.Service;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Opens a dashboard for one tab: takes a viewer's hold, through the variable registry, on every
 * variable its widgets name (which opens it: viewing a dashboard makes it live) and on the dashboard's
 * own variables that connect on load (a dashboard variable gets an instance per tab),
 * and tells for each name either the live instance or why there is none. A tab holds at most
 * {@code socketboard.connect.max-dashboard-variables-per-ui} variables; the ones beyond are refused.
 */
@Service
public class LiveDashboards {

    private final DashboardVariables variables;
    private final VariableRegistry registry;
    private final ConnectionSettings settings;

    public LiveDashboards(DashboardVariables variables, VariableRegistry registry, ConnectionSettings settings) {
        this.variables = variables;
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * Holds the variables of {@code dashboard} for a new owner (one tab). Close the result when the
     * view detaches.
     *
     * @param onReplaced called (on the saving thread) when a saved definition replaces an instance
     */
    public LiveDashboard open(Dashboard dashboard, Consumer<LiveVariable> onReplaced) {
        String owner = "dashboard-tab:" + dashboard.getSlug() + ":" + UUID.randomUUID();
        Set<String> names = new LinkedHashSet<>();
        dashboard.getWidgets().stream().map(Widget::getVariableName).forEach(names::add);
        // The dashboard's own variables no widget shows are wanted only when they connect on load.
        variables.ownedBy(dashboard).stream().filter(Variable::isConnectOnLoad).map(Variable::getName).forEach(names::add);
        var live = new LiveDashboard(owner, onReplaced, registry);
        names.forEach(name -> hold(live, dashboard, name));
        return live;
    }

    /**
     * Holds {@code name} too, for a widget added to or edited on the open dashboard; nothing when the
     * tab holds it already or knows why it cannot.
     */
    public void hold(LiveDashboard live, Dashboard dashboard, String name) {
        String key = Names.key(name);
        if (live.knows(key)) {
            return;
        }
        int cap = settings.maxDashboardVariablesPerUi();
        if (live.holdCount() >= cap) {
            live.refuse(key, name, "Not connected: a dashboard tab holds at most " + cap
                    + " live variables (socketboard.connect.max-dashboard-variables-per-ui)", true);
            return;
        }
        variables.find(dashboard, name).ifPresentOrElse(variable -> {
            try {
                VariableLease lease = registry.acquire(variable, live.owner());
                lease.onReplaced(live.onReplaced());
                live.held(key, lease);
            } catch (IllegalArgumentException cannotRun) {
                live.refuse(key, name, "Variable " + name + " cannot run: " + cannotRun.getMessage(), false);
            }
        }, () -> live.refuse(key, name, "There is no variable '" + name + "' (renamed or deleted?)", false));
    }
}
