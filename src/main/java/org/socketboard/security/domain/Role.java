package org.socketboard.security.domain;

/**
 * What a user may do. ADMIN implies EDITOR, which implies VIEWER (see the role hierarchy); declared from
 * the most to the least powerful, which CurrentUser relies on.
 */
public enum Role {
    /** Services, variables, dashboards and users. */
    ADMIN,
    /** Dashboards and variables on existing services. */
    EDITOR,
    /** Watches the dashboards shared with them. */
    VIEWER;

    /** The Spring Security authority of this role, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The people of this role, in words: "Admins", "Editors", "Viewers". */
    public String plural() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT) + "s";
    }
}
