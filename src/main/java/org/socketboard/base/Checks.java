package org.socketboard.base;

import java.util.Optional;

/** Small checks every feature's validator makes, worded once. */
public final class Checks {

    private Checks() {
    }

    /** "The URL can have at most 2048 characters (this one has 3000)", or empty when {@code text} fits. */
    public static Optional<String> tooLong(String what, String text, int limit) {
        return text == null || text.length() <= limit ? Optional.empty()
                : Optional.of(what + " can have at most " + limit + " characters (this one has " + text.length() + ")");
    }

    /** Null, empty or only white space. */
    public static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
