package org.socketboard.dashboard.transfer;

import java.util.Locale;

/**
 * A definition in a bundle whose name is taken on this server by a different definition (an identical
 * one is simply reused). Services and application variables clash by name, dashboards by slug.
 */
public record ImportConflict(Kind kind, String name) {

    public enum Kind {
        SERVICE, VARIABLE, DASHBOARD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return kind.label() + " '" + name + "'";
    }
}
