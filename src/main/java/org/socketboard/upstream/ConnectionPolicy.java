package org.socketboard.upstream;

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
 * later resolves to a forbidden address (DNS rebinding) is refused at that moment; the upstream client
 * then connects to the address this check returns, never resolving the name again.
 */
@Component
public class ConnectionPolicy {

    /**
     * Cloud instance metadata services, refused whatever the settings: AWS, GCP, Azure and others
     * (169.254.169.254, also AWS's IPv6 fd00:ec2::254), Alibaba Cloud (100.100.100.200) and Oracle Cloud
     * (192.0.0.192).
     */
    private static final List<InetAddress> METADATA = List.of(literal("169.254.169.254"), literal("fd00:ec2::254"),
            literal("100.100.100.200"), literal("192.0.0.192"));
    /** Metadata service names that resolve only inside their cloud. */
    private static final List<String> METADATA_HOSTS = List.of("metadata.google.internal", "metadata.goog",
            "metadata.azure.internal");

    private final ConnectionSettings settings;

    public ConnectionPolicy(ConnectionSettings settings) {
        this.settings = settings;
    }

    /**
     * The check when a definition is saved: refuses a URL whose host can never be connected to under
     * any setting (cloud metadata, link-local, unspecified, multicast, IPv4-compatible IPv6) or that
     * the deny-list names, so that no such service is stored. A name that does not resolve here is
     * left to {@link #check(URI)} at connect (it may resolve where the server runs later); the private
     * ranges too, since {@code allow-private} may change.
     *
     * @throws ConnectionDeniedException saying why
     */
    public void checkAtSave(URI uri) {
        checkNeverAllowed(uri, true);
    }

    /**
     * {@link #checkAtSave} without a DNS lookup, for a form as the user types (a lookup at every pause
     * could stall the page): address literals and the lists are checked, names are left to the save.
     *
     * @throws ConnectionDeniedException saying why
     */
    public void checkWhileTyping(URI uri) {
        checkNeverAllowed(uri, false);
    }

    private void checkNeverAllowed(URI uri, boolean lookUpNames) {
        var host = hostOf(uri);
        if (matchesAny(host, settings.deniedHosts())) {
            throw new ConnectionDeniedException("Connections to " + host
                    + " are not allowed (deny-list socketboard.connect.denied-hosts)");
        }
        refuseMetadataName(host);
        if (!lookUpNames && !isAddressLiteral(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            return;
        }
        for (var address : addresses) {
            alwaysRefused(address).ifPresent(reason -> {
                throw refused(host, address, reason);
            });
        }
    }

    /**
     * Resolves the URL's host now and checks every address it resolves to.
     *
     * @return the address to connect to (the first the name resolved to; all of them passed)
     * @throws ConnectionDeniedException saying why not
     */
    public InetAddress check(URI uri) {
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
        refuseMetadataName(host);
        var addresses = resolve(host);
        for (var address : addresses) {
            var refusal = refusalFor(address);
            if (refusal.isPresent()) {
                throw refused(host, address, refusal.get());
            }
        }
        return addresses[0];
    }

    private static void refuseMetadataName(String host) {
        if (METADATA_HOSTS.contains(host)) {
            throw new ConnectionDeniedException("Connections to " + host + " are not allowed: cloud metadata service");
        }
    }

    private static ConnectionDeniedException refused(String host, InetAddress address, String reason) {
        return new ConnectionDeniedException("Connections to " + host
                + (isAddressLiteral(host) ? "" : " (" + address.getHostAddress() + ")") + " are not allowed: " + reason);
    }

    private InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            throw new ConnectionDeniedException("The host " + host + " cannot be resolved");
        }
    }

    private Optional<String> refusalFor(InetAddress address) {
        var always = alwaysRefused(address);
        if (always.isPresent()) {
            return always;
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

    /**
     * Addresses no setting allows. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is read by the JDK
     * as the IPv4 address it carries, so it meets the IPv4 rules; the deprecated IPv4-compatible form
     * ({@code ::a.b.c.d}, ::/96 beside :: and ::1) has no legitimate use and is refused as a whole.
     */
    private static Optional<String> alwaysRefused(InetAddress address) {
        if (METADATA.contains(address)) {
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
        if (isIpv4Compatible(address)) {
            return Optional.of("IPv4-compatible IPv6 address (::/96)");
        }
        return Optional.empty();
    }

    /** ::a.b.c.d: the first 96 bits zero, but not :: (unspecified) or ::1 (loopback). */
    private static boolean isIpv4Compatible(InetAddress address) {
        if (!(address instanceof Inet6Address) || address.isLoopbackAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
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
