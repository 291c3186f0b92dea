package org.socketboard.upstream.protocol;

import org.socketboard.upstream.domain.UpstreamReason;
import org.springframework.messaging.simp.stomp.StompCommand;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with STOMP frames the decoder refused, in plain words (the decoder's own messages name
 * Java types): walks the frames as STOMP 1.2 describes them and reports the first thing that breaks a rule.
 */
final class StompFrameProblem {

    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\ncontent-length:([^\n]*)\n");
    private static final int QUOTE = 40;

    private StompFrameProblem() {
    }

    /** The first problem in {@code data} (one or more frames, heart-beats between them). */
    static String of(byte[] data) {
        int at = 0;
        String previous = null;
        boolean previousHadLength = true;
        while (at < data.length) {
            if (data[at] == '\n' || data[at] == '\r') {
                at++; // heart-beats between frames
                continue;
            }
            int lineEnd = indexOf(data, (byte) '\n', at);
            String command = text(data, at, lineEnd < 0 ? data.length : lineEnd).strip();
            if (Arrays.stream(StompCommand.values()).noneMatch(known -> known.name().equals(command))) {
                String where = previous == null ? "A frame" : "The text after a " + previous + " frame";
                String hint = previous != null && !previousHadLength
                        ? " (a body that holds a NUL byte needs a content-length header)" : "";
                return where + " starts with \"" + quote(command) + "\", which is not a STOMP command" + hint;
            }
            if (lineEnd < 0) {
                return "A " + command + " frame ends before its headers";
            }
            at = lineEnd + 1;
            Integer contentLength = null;
            while (true) {
                int end = indexOf(data, (byte) '\n', at);
                if (end < 0) {
                    return "A " + command + " frame ends before the blank line after its headers";
                }
                String line = text(data, at, end);
                line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                at = end + 1;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    return "A " + command + " frame has the header line \"" + quote(line) + "\" without a colon";
                }
                String name = line.substring(0, colon);
                String value = line.substring(colon + 1);
                String escape = badEscape(line);
                // CONNECT and CONNECTED headers are not escaped (STOMP 1.2).
                if (escape != null && !command.startsWith("CONNECT")) {
                    return "The header \"" + quote(name) + "\" of a " + command + " frame has the escape " + escape
                            + ", which STOMP does not have (only \\r, \\n, \\c and \\\\)";
                }
                if (name.equals("content-length") && contentLength == null) {
                    String unusable = contentLength(command, value);
                    if (unusable != null) {
                        return unusable;
                    }
                    contentLength = Integer.parseInt(value);
                }
                if (name.equals("content-type")) {
                    Matcher charset = CHARSET.matcher(value);
                    if (charset.find() && !known(charset.group(1))) {
                        return "The content-type of a " + command + " frame names the character set \""
                                + quote(charset.group(1)) + "\", which is not known here";
                    }
                }
            }
            if (contentLength != null) {
                int nul = indexOf(data, (byte) 0, at);
                if (at + contentLength >= data.length || data[at + contentLength] != 0) {
                    return "The content-length of a " + command + " frame says " + contentLength + " bytes, but its body "
                            + (nul < 0 ? "has " + (data.length - at) : "ends at a NUL byte after " + (nul - at))
                            + (nul < 0 ? " bytes" : "");
                }
                at += contentLength + 1;
            } else {
                int nul = indexOf(data, (byte) 0, at);
                if (nul < 0) {
                    return "A " + command + " frame has no NUL byte at the end of its body";
                }
                at = nul + 1;
            }
            previous = command;
            previousHadLength = contentLength != null;
        }
        return "The frame does not follow STOMP's rules";
    }

    /**
     * Why the {@code content-length} header {@code value} of a {@code command} frame cannot be used: not a
     * whole number of bytes (STOMP 1.2: octets, digits only), or more than {@link Stomp#MAX_FRAME}; null when
     * it can (or there is none).
     */
    static String contentLength(String command, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "The content-length of a " + command + " frame is \"" + quote(value) + "\", which is not a number of bytes";
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 9 || Integer.parseInt(digits) > Stomp.MAX_FRAME) {
            return "The content-length of a " + command + " frame says " + quote(digits) + " bytes, more than the 4 MB a frame may have";
        }
        return null;
    }

    /**
     * Whether the start of a frame left over at the end of a WebSocket message can be no frame's start: its
     * first line is no command (text after a NUL byte in a body without content-length), or it already ends
     * with its NUL byte (a content-length longer than the body), or its content-length cannot be used (waiting
     * for 4 MB would swallow the frames after it). Frames split over messages wait for the rest.
     */
    static boolean cannotContinue(byte[] leftover) {
        String text = new String(leftover, StandardCharsets.UTF_8);
        int lineEnd = text.indexOf('\n');
        String command = (lineEnd < 0 ? text : text.substring(0, lineEnd)).replaceFirst("\r$", "");
        boolean commandPossible = Arrays.stream(StompCommand.values()).anyMatch(known -> lineEnd < 0
                ? known.name().startsWith(command) : known.name().equals(command));
        return !commandPossible || text.replaceFirst("[\r\n]+$", "").endsWith("\0")
                || declaredLength(text).map(value -> contentLength(command, value) != null).orElse(false);
    }

    /** The first {@code content-length} of a frame's start whose headers are complete; empty when none is known yet. */
    private static Optional<String> declaredLength(String frameStart) {
        int headersEnd = frameStart.indexOf("\n\n");
        Matcher length = CONTENT_LENGTH.matcher(headersEnd < 0 ? "" : frameStart.substring(0, headersEnd + 1));
        return length.find() ? Optional.of(length.group(1).replaceFirst("\r$", "")) : Optional.empty();
    }

    /** {@code \x} other than STOMP 1.2's four escapes, as written; null when every escape is one of them. */
    private static String badEscape(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
                if ("rnc\\".indexOf(next) < 0) {
                    return i + 1 < line.length() ? "\\" + quote(String.valueOf(next)) : "\\ at the end";
                }
                i++;
            }
        }
        return null;
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException illegal) {
            return false;
        }
    }

    private static String quote(String text) {
        String clean = UpstreamReason.of(text, "");
        return clean.length() > QUOTE ? clean.substring(0, QUOTE) + "…" : clean;
    }

    private static String text(byte[] data, int from, int to) {
        return new String(data, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
