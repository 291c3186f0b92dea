package org.socketboard.service.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which header parameters the opening handshake may carry (RFC 6455 §4.1, RFC 9110 §5): a name is a
 * token, a value is one line, and the headers the handshake itself sets or that change how the
 * connection is carried ({@code Host}, {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-*},
 * {@code Content-Length}, …) are not for users to set: a stored one broke every connect, and a line
 * break would let a value add headers of its own. Messages never quote the value (it may be a secret).
 */
public final class HeaderRules {

    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED = Set.of("host", "connection", "upgrade", "content-length",
            "transfer-encoding", "te", "trailer", "keep-alive", "expect", "http2-settings");
    private static final Set<String> RESERVED_PREFIXES = Set.of("sec-websocket-", "proxy-");

    private HeaderRules() {
    }

    /** Why {@code name} cannot be a header parameter's name; empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            return Optional.of("The header name '" + printable(name) + "' contains a line break (CR or LF)");
        }
        if (!TOKEN.matcher(name).matches()) {
            return Optional.of("The header name '" + printable(name)
                    + "' may only use letters, digits and !#$%&'*+.^_`|~- (no spaces, colons or quotes)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
            return Optional.of("The header " + name + " is set by the WebSocket handshake itself and cannot be "
                    + "a parameter (not allowed: Host, Connection, Upgrade, Sec-WebSocket-*, Content-Length, "
                    + "Transfer-Encoding, Proxy-*, …)");
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be the value of header {@code name}; empty when it can (or is null). */
    public static Optional<String> valueProblem(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            return Optional.of("The value of header '" + printable(name)
                    + "' contains a line break (CR or LF): a header value is one line");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
            return Optional.of("The value of header '" + printable(name) + "' contains a control character");
        }
        return Optional.empty();
    }

    /** A name as it can be quoted in a message: line breaks shown as \r and \n. */
    private static String printable(String name) {
        return name.replace("\r", "\\r").replace("\n", "\\n");
    }
}
