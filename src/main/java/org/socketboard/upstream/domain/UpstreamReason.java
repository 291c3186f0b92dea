package org.socketboard.upstream.domain;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A server's own words (a WebSocket close reason, a STOMP ERROR's {@code message}, a Socket.IO
 * {@code connect_error} message) made fit to show people as a reason: one line of plain words. Every
 * upstream byte is hostile, so the text is cut to its first non-blank line, control characters (tabs
 * become spaces) and invisible format characters (Unicode category Cf: direction marks and overrides,
 * zero-width characters) are removed, Java exception class names (a server that puts its stack trace in
 * the reason) are dropped, runs of spaces become one, and the result is at most {@value #LIMIT}
 * characters (ending in "…" when cut). Markup stays as the text it is: views show reasons as text.
 */
public final class UpstreamReason {

    /** The most characters a reason has, its "…" included. */
    public static final int LIMIT = 200;

    /** {@code java.lang.IllegalStateException:}, {@code MessageDeliveryException:}, {@code com.acme.Foo$BarError}. */
    private static final Pattern EXCEPTION_NAME = Pattern.compile(
            "(?:\\b[a-z_$][\\w$]*\\.)*\\b[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b(?::\\s*)?");
    private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private UpstreamReason() {
    }

    /**
     * @param serverText what the server said; may be null
     * @return one clean line of at most {@link #LIMIT} characters; "" when nothing readable is left
     */
    public static String of(String serverText) {
        if (serverText == null) {
            return "";
        }
        String line = "";
        for (String candidate : LINE_BREAK.split(serverText)) {
            line = visible(candidate);
            if (!line.isBlank()) {
                break;
            }
        }
        line = EXCEPTION_NAME.matcher(line).replaceAll("");
        line = SPACES.matcher(line).replaceAll(" ").strip();
        return capped(line);
    }

    /** {@link #of}, or {@code fallback} when nothing readable is left. */
    public static String of(String serverText, String fallback) {
        String reason = of(serverText);
        return reason.isEmpty() ? fallback : reason;
    }

    private static String visible(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\t') {
                kept.append(' ');
            } else if (type != Character.CONTROL && type != Character.FORMAT) {
                kept.appendCodePoint(c);
            }
        });
        return kept.toString();
    }

    /** Cut between code points, never inside a surrogate pair. */
    private static String capped(String line) {
        if (line.length() <= LIMIT) {
            return line;
        }
        int end = LIMIT - 1;
        if (Character.isLowSurrogate(line.charAt(end)) && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end).stripTrailing() + "…";
    }

    /** A duration for people: {@code 250 ms}, {@code 10 s}, {@code 1.5 s}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }
}
