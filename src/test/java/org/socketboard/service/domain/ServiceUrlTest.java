package org.socketboard.service.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ServiceUrlTest {

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                   | Enter the service URL, e.g. wss://example.com/feed.",
            "'   '                                | Enter the service URL, e.g. wss://example.com/feed.",
            "wss://example.com/my feed            | The URL contains a space; write spaces as %20.",
            "example.com/feed                     | Start the URL with ws:// or wss://, e.g. wss://example.com/feed.",
            "http://example.com/feed              | Use ws:// or wss:// instead of http://: a WebSocket service has a ws:// or wss:// URL.",
            "ftp://example.com/feed               | Use ws:// or wss:// instead of ftp://: a WebSocket service has a ws:// or wss:// URL.",
            "wss://                               | The URL has no host, e.g. wss://example.com/feed.",
            "wss:///feed                          | The URL has no host, e.g. wss://example.com/feed.",
            "ws://:8080/feed                      | The URL has no valid host name, e.g. wss://example.com/feed.",
            "wss://example.com:99999/feed         | The port must be between 1 and 65535.",
            "wss://example.com/feed#top           | A WebSocket URL cannot have a #fragment; remove the part from #.",
            "wss://example.com/a^b                | This is not a valid URL: Illegal character in path at character 20.",
            "wss://example.com/%zz                | This is not a valid URL: Malformed escape pair at character 19.",
            "wss://example.com/quotes/{symbol     | The braces in the path do not match: write each path parameter as {name}.",
            "wss://example.com/quotes/symbol}     | The braces in the path do not match: write each path parameter as {name}.",
            "wss://example.com/quotes/{{symbol}}  | The braces in the path do not match: write each path parameter as {name}.",
            "wss://example.com/quotes/{}          | The path has an empty placeholder {}: name it, e.g. {symbol}.",
            "wss://example.com/quotes/{a:b}       | The path parameter {a:b} may only use letters, digits, '_', '.' and '-'.",
            "wss://{host}/feed                    | Placeholders like {name} are only allowed in the path; give query parameters as ?name=value.",
            "wss://example.com/feed?s={symbol}    | Placeholders like {name} are only allowed in the path; give query parameters as ?name=value.",
    })
    void badUrlsAreRefusedWithASentenceTheAdminCanActOn(String raw, String message) {
        assertThatThrownBy(() -> ServiceUrl.parse(raw))
                .isInstanceOf(InvalidServiceUrlException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingUrlIsRefusedLikeAnEmptyOne() {
        assertThatThrownBy(() -> ServiceUrl.parse(null)).isInstanceOf(InvalidServiceUrlException.class)
                .hasMessageStartingWith("Enter the service URL");
    }

    @Test
    void pathAndQueryParametersAreDetectedInOrder() {
        ServiceUrl url = ServiceUrl.parse("  wss://feeds.example.com:8443/v1/{market}/quotes/{symbol}?interval=1s&q=a%20b+c&flag&api_key=k1  ");

        assertThat(url.raw()).isEqualTo("wss://feeds.example.com:8443/v1/{market}/quotes/{symbol}?interval=1s&q=a%20b+c&flag&api_key=k1");
        assertThat(url.isSecure()).isTrue();
        assertThat(url.pathParameterNames()).containsExactly("market", "symbol");
        assertThat(url.queryParameters()).containsExactly(
                entry("interval", "1s"), entry("q", "a b c"), entry("flag", ""), entry("api_key", "k1"));
    }

    @Test
    void detectedParametersArePathParametersThenQueryParametersWithTheirDefaults() {
        ServiceUrl url = ServiceUrl.parse("ws://localhost:8080/feeds/{room}?token=abc&limit=10");

        assertThat(url.isSecure()).isFalse();
        assertThat(url.detectedParameters()).containsExactly(
                new ServiceParam("room", ParamLocation.PATH, FieldType.STRING, null, true, false),
                new ServiceParam("token", ParamLocation.QUERY, FieldType.STRING, "abc", false, true),
                new ServiceParam("limit", ParamLocation.QUERY, FieldType.STRING, "10", false, false));
    }

    @Test
    void aRepeatedPathParameterIsOneParameter() {
        assertThat(ServiceUrl.parse("ws://h/{a}/x/{a}").pathParameterNames()).containsExactly("a");
    }

    @Test
    void resolveEncodesPathValuesAsOneSegmentAndOverridesQueryDefaults() {
        ServiceUrl url = ServiceUrl.parse("wss://example.com/quotes/{symbol}/live?interval=1s&depth=5");

        URI resolved = url.resolve(Map.of("symbol", "BRK/B & co", "interval", "5s", "currency", "€"));

        assertThat(resolved.toString()).startsWith("wss://example.com/quotes/BRK%2FB%20%26%20co/live?interval=5s&depth=5&currency=%E2%82%AC");
        assertThat(resolved.getRawPath()).isEqualTo("/quotes/BRK%2FB%20%26%20co/live");
        assertThat(resolved.getQuery()).isEqualTo("interval=5s&depth=5&currency=€");
    }

    @Test
    void resolveKeepsTheUrlAsItIsWithoutValues() {
        ServiceUrl url = ServiceUrl.parse("ws://127.0.0.1:8080/feeds/ticker");

        assertThat(url.resolve(Map.of())).isEqualTo(URI.create("ws://127.0.0.1:8080/feeds/ticker"));
    }

    @Test
    void aNullValueKeepsTheQueryDefault() {
        Map<String, String> values = new HashMap<>();
        values.put("interval", null);

        assertThat(ServiceUrl.parse("ws://h/feed?interval=1s").resolve(values).getQuery()).isEqualTo("interval=1s");
    }

    @Test
    void resolveNamesAPathParameterWithoutValue() {
        ServiceUrl url = ServiceUrl.parse("wss://example.com/{market}/{symbol}");

        assertThatThrownBy(() -> url.resolve(Map.of("market", "nyse")))
                .isInstanceOf(InvalidServiceUrlException.class)
                .hasMessage("Enter a value for the path parameter {symbol}.");
        assertThatThrownBy(() -> url.resolve(Map.of("market", "", "symbol", "AAPL")))
                .isInstanceOf(InvalidServiceUrlException.class)
                .hasMessage("Enter a value for the path parameter {market}.");
    }

    @Test
    void urlsAreEqualWhenTypedTheSame() {
        assertThat(ServiceUrl.parse(" ws://h/a ")).isEqualTo(ServiceUrl.parse("ws://h/a"))
                .hasSameHashCodeAs(ServiceUrl.parse("ws://h/a"))
                .isNotEqualTo(ServiceUrl.parse("ws://h/b"));
    }
}
