package org.socketboard.security;

import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether the server may open an upstream WebSocket to a URL. Call {@link #check(URI)} right
 * before every connect, reconnect and Test connection: the host is resolved each time, so a name that
 * later resolves to a forbidden address (DNS rebinding) is refused at that moment.
 */
@Component
public class ConnectionPolicy {

    private static final InetAddress AWS_METADATA_V4 = literal("169.254.169.254");
    private static final InetAddress AWS_METADATA_V6 = literal("fd00:ec2::254");

    private final ConnectionSettings settings;

    public ConnectionPolicy(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** Returns normally when the URL may be connected to; otherwise says why not. */
    public void check(URI uri) {
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new ConnectionDeniedException("Only ws:// and wss:// URLs are allowed"
                    + (scheme.isEmpty() ? "" : " (this one is " + scheme + "://)"));
        }
        var host = hostOf(uri);
        if (matchesAny(host, settings.deniedHosts())) {
            throw new ConnectionDeniedException("Connections to " + host
                    + " are not allowed (deny-list socketboard.connect.denied-hosts)");
        }
        if (!settings.allowedHosts().isEmpty() && !matchesAny(host, settings.allowedHosts())) {
            throw new ConnectionDeniedException(host + " is not on the allow-list (socketboard.connect.allowed-hosts)");
        }
        for (var address : resolve(host)) {
            var refusal = refusalFor(address);
            if (refusal.isPresent()) {
                throw new ConnectionDeniedException("Connections to " + host
                        + (isAddressLiteral(host) ? "" : " (" + address.getHostAddress() + ")")
                        + " are not allowed: " + refusal.get());
            }
        }
    }

    private InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            throw new ConnectionDeniedException("The host " + host + " cannot be resolved");
        }
    }

    private Optional<String> refusalFor(InetAddress address) {
        if (address.equals(AWS_METADATA_V4) || address.equals(AWS_METADATA_V6)) {
            return Optional.of("link-local / cloud metadata address");
        }
        if (address.isAnyLocalAddress() || isThisNetwork(address)) {
            return Optional.of("unspecified address (0.0.0.0 / ::)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address");
        }
        if (address.isMulticastAddress() || isBroadcast(address)) {
            return Optional.of("multicast / broadcast address");
        }
        if (!settings.allowPrivate()) {
            if (address.isLoopbackAddress()) {
                return Optional.of("loopback address (socketboard.connect.allow-private is off)");
            }
            if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
                return Optional.of("private network address (socketboard.connect.allow-private is off)");
            }
        }
        return Optional.empty();
    }

    /** An IP address written in the URL (host names contain no colon and do not consist of digits and dots only). */
    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** 0.0.0.0/8: "this network"; connecting to it reaches the local host on most systems. */
    private static boolean isThisNetwork(InetAddress address) {
        return address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && address.getHostAddress().equals("255.255.255.255");
    }

    /** fc00::/7, the IPv6 private range (the JDK's isSiteLocalAddress only knows the obsolete fec0::/10). */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
    }

    /** 100.64.0.0/10, carrier-grade NAT: private in practice. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        var bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
    }

    private static String hostOf(URI uri) {
        var host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new ConnectionDeniedException("The URL has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean matchesAny(String host, List<String> patterns) {
        return patterns.stream().map(pattern -> pattern.strip().toLowerCase(Locale.ROOT))
                .filter(pattern -> !pattern.isEmpty())
                .anyMatch(pattern -> glob(pattern).matcher(host).matches());
    }

    /** {@code *} stands for any characters, everything else is literal. */
    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (var part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
