package org.socketboard.base;

import java.util.Locale;
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

    /**
     * "The name cannot contain invisible direction characters (U+202E) …", or empty when {@code text} has
     * none of {@link BidiControls}: typed into a heading or title they would make it read in another order
     * (service and variable names keep to letters and digits and so refuse them already).
     */
    public static Optional<String> directionControls(String what, String text) {
        return text == null ? Optional.empty() : text.chars().filter(BidiControls::isControl).boxed().findFirst()
                .map(c -> what + " cannot contain invisible direction characters (here "
                        + String.format(Locale.ROOT, "U+%04X", c) + "): they make the text read in another order");
    }

    /** Null, empty or only white space. */
    public static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
