package org.socketboard.variable.runtime;

import java.time.Duration;

/**
 * A variable's state in words, as widgets, the Variables list and the inspector say it: "open", "connecting…", "reconnecting in 4 s" (then
 * "reconnecting…" while the attempt runs), "closed: <reason>", "failed: <reason>" (gave up until opened
 * again). The reason is the newest in the
 * variable's event log since it last opened: the reason it was closed with here, else the service's
 * close reason or the error that ended it. Event details are already plain words and masked.
 *
 * @param state the state the words describe
 */
public record StateWords(VariableState state, String words) {

    private static final String CLOSED_PREFIX = "closed ";

    /** The words for the variable as it is now (a countdown changes every second). */
    public static StateWords of(LiveVariable variable) {
        VariableState state = variable.state();
        String words = switch (state) {
            case OPEN -> "open";
            case CONNECTING -> "connecting…";
            case RECONNECTING -> variable.reconnectIn().map(StateWords::reconnectingIn).orElse("reconnecting…");
            case CLOSED -> closed(reason(variable));
            case FAILED -> "failed: " + reason(variable);
        };
        return new StateWords(state, words);
    }

    private static String reconnectingIn(Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return "reconnecting in " + seconds + " s";
    }

    /** "closed by hand…" for a reason that already says "Closed …", else "closed: reason". */
    private static String closed(String reason) {
        if (reason.regionMatches(true, 0, CLOSED_PREFIX, 0, CLOSED_PREFIX.length())) {
            return "c" + reason.substring(1);
        }
        return "closed: " + reason;
    }

    private static String reason(LiveVariable variable) {
        String ended = null;
        for (VariableEvent event : variable.events()) { // newest first
            switch (event.type()) {
                case BEFORE_CLOSE -> {
                    if (!event.detail().startsWith("vetoed")) {
                        return event.detail().isBlank() ? LiveVariable.CLOSED_BY_USER : event.detail();
                    }
                }
                case CLOSE -> ended = ended == null ? closeReason(event.detail()) : ended;
                case ERROR -> ended = ended == null ? event.detail() : ended;
                case OPEN, BEFORE_OPEN -> {
                    return ended == null ? "not opened yet" : ended;
                }
                default -> {
                }
            }
        }
        return ended == null ? "not opened yet" : ended;
    }

    /** A CLOSE event's detail is "code reason": the reason, or the code when the service gave none. */
    private static String closeReason(String detail) {
        int space = detail.indexOf(' ');
        String reason = space < 0 ? "" : detail.substring(space + 1).trim();
        String code = space < 0 ? detail : detail.substring(0, space);
        return reason.isEmpty() ? "the service ended the connection (code " + code + ")" : reason;
    }
}
