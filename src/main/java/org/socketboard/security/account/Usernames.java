package org.socketboard.security.account;

import java.util.Locale;

/** Usernames are compared case-insensitively: they are stored and looked up trimmed and in lower case. */
final class Usernames {

    private Usernames() {
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
