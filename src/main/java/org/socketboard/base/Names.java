package org.socketboard.base;

import java.util.Locale;

/** How names compare: services, variables, dashboards' viewers and accounts alike. */
public final class Names {

    private Names() {
    }

    /**
     * The key a name is unique and looked up by: without surrounding white space (Unicode's, as
     * {@link String#strip()} defines it) and lower-cased in the root locale, so that "ACME " and
     * "acme" are one name whatever the server's language. {@code null} stays {@code null}.
     */
    public static String key(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }
}
