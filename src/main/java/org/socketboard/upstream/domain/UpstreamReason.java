package org.socketboard.upstream.domain;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A server's own words (a WebSocket close reason, a STOMP ERROR's {@code message}, a Socket.IO
 * {@code connect_error} message) made fit to show people as a reason: one line of plain words. Every
 * upstream byte is hostile, so the text is cut to its first non-blank line, control characters (tabs
 * become spaces) and invisible format characters (Unicode category Cf: direction marks and overrides,
 * zero-width characters) are removed, Java exception class names and stack-trace fragments (a server
 * that puts its stack trace in the reason: {@code at com.acme.X.y(X.java:12)}, {@code Caused by:},
 * {@code ... 5 more}) are dropped, a line that is nothing else is skipped, runs of spaces become one, and the result is at most {@value #LIMIT}
 * characters (ending in "…" when cut). Markup stays as the text it is: views show reasons as text.
 */
public final class UpstreamReason {

    /** The most characters a reason has, its "…" included. */
    public static final int LIMIT = 200;

    /** {@code java.lang.IllegalStateException:}, {@code MessageDeliveryException:}, {@code com.acme.Foo$BarError}. */
    private static final Pattern EXCEPTION_NAME = Pattern.compile(
            "(?:\\b[a-z_$][\\w$]*\\.)*\\b[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b(?::\\s*)?");
    /**
     * What is left of a stack trace once the class names are gone: a frame {@code at com.acme.X} or
     * {@code at com.x.Y.z(Y.java:12)} (a qualified name, so "look at this" stays), {@code Caused by:} and
     * {@code ... 5 more}.
     */
    private static final Pattern TRACE_PART = Pattern.compile(
            "\\bat\\s+(?:[\\w$<>]+\\.)+[\\w$<>]+(?:\\([^)]*\\))?|\\bCaused by:|(?:\\.{3}|…)\\s*\\d+\\s+more\\b");
    /** An "at …" ending the line after a class name was dropped ("NullPointerException at Handler"). */
    private static final Pattern TRAILING_AT = Pattern.compile("\\s+at\\s+\\S.*$");
    /** A colon or comma left dangling where a dropped part ended the line. */
    private static final Pattern DANGLING = Pattern.compile("[\\s:;,]+$");
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
        // A line that is nothing but a stack frame is skipped like a blank one.
        String line = "";
        for (String candidate : LINE_BREAK.split(serverText)) {
            line = withoutJava(visible(candidate));
            if (!line.isEmpty()) {
                break;
            }
        }
        return capped(line);
    }

    private static String withoutJava(String line) {
        String kept = EXCEPTION_NAME.matcher(line).replaceAll("");
        if (!kept.equals(line)) {
            kept = TRAILING_AT.matcher(kept).replaceFirst("");
        }
        kept = TRACE_PART.matcher(kept).replaceAll("");
        if (!kept.equals(line)) {
            kept = DANGLING.matcher(kept).replaceFirst("");
        }
        return SPACES.matcher(kept).replaceAll(" ").strip();
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
