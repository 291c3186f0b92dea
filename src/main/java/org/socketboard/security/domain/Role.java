package org.socketboard.security.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user may do. ADMIN implies EDITOR, which implies VIEWER (see the role hierarchy); declared from
 * the most to the least powerful, which CurrentUser relies on. The words for roles on every page come
 * from here; the enum names stay for the API, bundles and the database.
 */
public enum Role {
    /** Services, variables, dashboards and users. */
    ADMIN("services, variables, dashboards, users"),
    /** Dashboards and variables on existing services. */
    EDITOR("dashboards and variables"),
    /** Watches the dashboards shared with them. */
    VIEWER("shared dashboards");

    private final String duties;

    Role(String duties) {
        this.duties = duties;
    }

    /** The Spring Security authority of this role, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** One person of this role, in words: "Admin", "Editor", "Viewer". */
    public String word() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** The people of this role, in words: "Admins", "Editors", "Viewers". */
    public String plural() {
        return word() + "s";
    }

    /** The role and what it may do: "Editor: dashboards and variables". */
    public String withDuties() {
        return word() + ": " + duties;
    }

    /** The role of this enum name ("VIEWER"), if it is one. */
    public static Optional<Role> named(String name) {
        return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
    }

    /** Several roles in words, most powerful first: "Admin, Viewer". */
    public static String words(Collection<Role> roles) {
        return roles.isEmpty() ? "" : EnumSet.copyOf(roles).stream().map(Role::word).collect(Collectors.joining(", "));
    }
}
