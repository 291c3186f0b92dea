package org.socketboard.security.account;

import org.socketboard.base.Names;

/** Usernames are compared case-insensitively: they are stored and looked up by their {@link Names#key key}. */
final class Usernames {

    private Usernames() {
    }

    /** The stored form of a typed username; an absent one is empty, which matches no account. */
    static String normalize(String username) {
        return username == null ? "" : Names.key(username);
    }
}
