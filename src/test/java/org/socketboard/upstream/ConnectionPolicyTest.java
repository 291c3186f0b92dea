package org.socketboard.upstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionPolicyTest {

    private static ConnectionSettings settings(List<String> allowed, List<String> denied, boolean allowPrivate) {
        return new ConnectionSettings(allowed, denied, allowPrivate, Duration.ofSeconds(10), Duration.ofSeconds(10),
                DataSize.ofMegabytes(1), 200, 50, 20, null);
    }

    private final ConnectionPolicy embeddedDefault = new ConnectionPolicy(settings(List.of(), List.of(), true));
    private final ConnectionPolicy production = new ConnectionPolicy(settings(List.of(), List.of(), false));

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "ws://169.254.169.254/latest/meta-data | Connections to 169.254.169.254 are not allowed: link-local / cloud metadata address",
            "ws://[fd00:ec2::254]/                  | Connections to fd00:ec2::254 are not allowed: link-local / cloud metadata address",
            "wss://169.254.10.20/                   | Connections to 169.254.10.20 are not allowed: link-local address",
            "ws://[fe80::1]/                        | Connections to fe80::1 are not allowed: link-local address",
            "ws://0.0.0.0:8080/feeds                | Connections to 0.0.0.0 are not allowed: unspecified address (0.0.0.0 / ::)",
            "ws://[::]/                             | Connections to :: are not allowed: unspecified address (0.0.0.0 / ::)",
            "ws://224.0.0.1/                        | Connections to 224.0.0.1 are not allowed: multicast / broadcast address",
            "ws://100.100.100.200/latest            | Connections to 100.100.100.200 are not allowed: link-local / cloud metadata address",
            "ws://192.0.0.192/opc/v2                | Connections to 192.0.0.192 are not allowed: link-local / cloud metadata address",
            "ws://[::ffff:169.254.169.254]/         | Connections to ::ffff:169.254.169.254 are not allowed: link-local / cloud metadata address",
            "ws://[::ffff:a9fe:a9fe]/               | Connections to ::ffff:a9fe:a9fe are not allowed: link-local / cloud metadata address",
            "ws://[::169.254.169.254]/              | Connections to ::169.254.169.254 are not allowed: IPv4-compatible IPv6 address (::/96)",
            "ws://[::7f00:1]/                       | Connections to ::7f00:1 are not allowed: IPv4-compatible IPv6 address (::/96)",
            "ws://[0:0:0:0:0:0:0a00:0001]/          | Connections to 0:0:0:0:0:0:0a00:0001 are not allowed: IPv4-compatible IPv6 address (::/96)",
            "ws://metadata.google.internal/         | Connections to metadata.google.internal are not allowed: cloud metadata service",
    })
    void addressesThatAreNeverReachableAreRefusedEvenWhenPrivateRangesAreAllowed(String url, String message) {
        assertThatThrownBy(() -> embeddedDefault.check(URI.create(url)))
                .isInstanceOf(ConnectionDeniedException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} is refused when private ranges are off")
    @CsvSource(delimiter = '|', value = {
            "ws://127.0.0.1:8080/feeds/ticker | Connections to 127.0.0.1 are not allowed: loopback address (socketboard.connect.allow-private is off)",
            "ws://[::1]/                      | Connections to ::1 are not allowed: loopback address (socketboard.connect.allow-private is off)",
            "ws://10.1.2.3/                   | Connections to 10.1.2.3 are not allowed: private network address (socketboard.connect.allow-private is off)",
            "ws://172.16.0.9/                 | Connections to 172.16.0.9 are not allowed: private network address (socketboard.connect.allow-private is off)",
            "ws://192.168.1.1/                | Connections to 192.168.1.1 are not allowed: private network address (socketboard.connect.allow-private is off)",
            "ws://[fd12:3456::1]/             | Connections to fd12:3456::1 are not allowed: private network address (socketboard.connect.allow-private is off)",
    })
    void privateAndLoopbackAddressesAreRefusedWhenPrivateRangesAreOff(String url, String message) {
        assertThatThrownBy(() -> production.check(URI.create(url)))
                .isInstanceOf(ConnectionDeniedException.class)
                .hasMessage(message);
        assertThatCode(() -> embeddedDefault.check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} is connected to at {1}")
    @CsvSource({"ws://127.0.0.1:8080/feeds/ticker, 127.0.0.1", "ws://[::1]/, 0:0:0:0:0:0:0:1", "ws://2130706433/, 127.0.0.1"})
    void theCheckNamesTheAddressItCheckedForTheClientToConnectTo(String url, String address) {
        assertThat(embeddedDefault.check(URI.create(url)).getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0} is refused at save already")
    @CsvSource(delimiter = '|', value = {
            "ws://169.254.169.254/latest   | metadata",
            "ws://2852039166/latest        | metadata",
            "ws://100.100.100.200/         | metadata",
            "ws://[fd00:ec2::254]/         | metadata",
            "ws://[::ffff:169.254.169.254] | metadata",
            "ws://[::a9fe:a9fe]/           | ::/96",
            "ws://169.254.3.4/             | link-local",
            "ws://0.0.0.0/                 | unspecified",
            "ws://metadata.google.internal | metadata",
    })
    void aUrlNoSettingWouldEverAllowIsRefusedAtSave(String url, String reason) {
        assertThatThrownBy(() -> embeddedDefault.checkAtSave(URI.create(url)))
                .isInstanceOf(ConnectionDeniedException.class).hasMessageContaining(reason);
    }

    @Test
    void atSaveOnlyWhatNoSettingAllowsIsRefusedAndAnUnknownNameIsLeftToTheConnect() {
        assertThatCode(() -> production.checkAtSave(URI.create("ws://127.0.0.1:8080/feeds"))).doesNotThrowAnyException();
        assertThatCode(() -> production.checkAtSave(URI.create("ws://10.0.0.1/"))).doesNotThrowAnyException();
        assertThatCode(() -> production.checkAtSave(URI.create("wss://no-such-host.invalid/"))).doesNotThrowAnyException();
        var denying = new ConnectionPolicy(settings(List.of(), List.of("*.blocked.test"), true));
        assertThatThrownBy(() -> denying.checkAtSave(URI.create("wss://feed.blocked.test/")))
                .hasMessageContaining("deny-list");
    }

    @Test
    void aHostNameIsJudgedByTheAddressItResolvesTo() {
        assertThatThrownBy(() -> production.check(URI.create("ws://localhost:8080/feeds/ticker")))
                .isInstanceOf(ConnectionDeniedException.class)
                .hasMessageStartingWith("Connections to localhost (")
                .hasMessageContaining("loopback address");
        assertThatCode(() -> embeddedDefault.check(URI.create("ws://localhost:8080/feeds/ticker"))).doesNotThrowAnyException();
    }

    @Test
    void onlyWebSocketSchemesAreAllowed() {
        assertThatThrownBy(() -> embeddedDefault.check(URI.create("http://example.com/")))
                .hasMessage("Only ws:// and wss:// URLs are allowed (this one is http://)");
        assertThatThrownBy(() -> embeddedDefault.check(URI.create("file:///etc/passwd")))
                .hasMessage("Only ws:// and wss:// URLs are allowed (this one is file://)");
        assertThatThrownBy(() -> embeddedDefault.check(URI.create("ws:///no-host")))
                .hasMessage("The URL has no host");
    }

    @Test
    void theDenyListWinsOverTheAllowList() {
        var policy = new ConnectionPolicy(settings(List.of("*.local-test", "127.0.0.1"), List.of("127.0.0.1"), true));
        assertThatThrownBy(() -> policy.check(URI.create("ws://127.0.0.1/")))
                .hasMessage("Connections to 127.0.0.1 are not allowed (deny-list socketboard.connect.denied-hosts)");
    }

    @Test
    void withAnAllowListOnlyTheListedHostsMayBeReached() {
        var policy = new ConnectionPolicy(settings(List.of("localhost", "*.example.com"), List.of(), true));
        assertThatCode(() -> policy.check(URI.create("ws://LOCALHOST:1234/"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("ws://127.0.0.1/")))
                .hasMessage("127.0.0.1 is not on the allow-list (socketboard.connect.allowed-hosts)");
    }

    @Test
    void deniedHostPatternsMatchSubdomainsAndIgnoreCase() {
        var policy = new ConnectionPolicy(settings(List.of(), List.of("*.internal", "LOCALHOST"), true));
        assertThatThrownBy(() -> policy.check(URI.create("ws://metadata.google.internal/")))
                .hasMessageContaining("deny-list");
        assertThatThrownBy(() -> policy.check(URI.create("ws://localhost./")))
                .hasMessageContaining("deny-list");
    }

    @Test
    void anUnresolvableHostIsRefusedWithItsName() {
        assertThatThrownBy(() -> embeddedDefault.check(URI.create("wss://no-such-host.invalid/")))
                .hasMessage("The host no-such-host.invalid cannot be resolved");
    }
}
