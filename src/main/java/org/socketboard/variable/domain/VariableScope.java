package org.socketboard.variable.domain;

/** How many live instances a variable has. */
public enum VariableScope {
    /** One instance for the whole server: one upstream connection and one dataset shared by every viewer. */
    APPLICATION,
    /** One instance per open dashboard tab, closed when the tab goes. */
    DASHBOARD
}
