package org.socketboard.demofeed;

import org.socketboard.upstream.domain.Protocol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Each feed documented in the catalog really answers on its path with messages of its sample's shape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoFeedCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();

    @LocalServerPort
    int port;

    static Stream<DemoFeed> feeds() {
        return DemoFeedCatalog.feeds().stream();
    }

    /** The feeds a plain WebSocket client reads; the STOMP feed's shape is StompProtocolTest's. */
    static Stream<DemoFeed> plainFeeds() {
        return feeds().filter(feed -> feed.protocol() == Protocol.WEBSOCKET);
    }

    @Test
    void everyFeedHasAUniqueNameAPathUnderTheFeedsPatternAndParseableSamples() throws Exception {
        assertThat(feeds().map(DemoFeed::name)).doesNotHaveDuplicates().hasSize(7);
        for (DemoFeed feed : DemoFeedCatalog.feeds()) {
            assertThat(new AntPathMatcher().match(DemoFeedCatalog.PATH_PATTERN, feed.pathTemplate())).isTrue();
            assertThat(feed.description()).isNotBlank();
            assertThat(parse(feed, feed.sampleResponse()).isObject()).isTrue();
            if (feed.sampleRequest() != null) {
                assertThat(JSON.readTree(feed.sampleRequest()).isObject()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainFeeds")
    void everyFeedSendsMessagesOfItsDocumentedShape(DemoFeed feed) throws Exception {
        try (var client = FeedClient.connect(port, exampleUrl(feed))) {
            if (feed.sampleRequest() != null) {
                client.send(feed.sampleRequest());
            }
            for (int i = 0; i < 2; i++) {
                String message = client.next(Duration.ofSeconds(3));
                assertSameShape(parse(feed, feed.sampleResponse()), parse(feed, message), feed.name());
                if (isXml(feed)) {
                    assertThat(message).startsWith("<reading>");
                }
            }
        }
    }

    /** The feed's path with the documented defaults; intervals shortened so that the test stays quick. */
    private static String exampleUrl(DemoFeed feed) {
        Map<String, String> pathValues = feed.parameters().stream().filter(DemoFeedParameter::inPath)
                .collect(Collectors.toMap(DemoFeedParameter::name, DemoFeedParameter::defaultValue));
        var url = UriComponentsBuilder.fromPath(feed.pathTemplate());
        feed.parameters().stream().filter(parameter -> !parameter.inPath()).forEach(parameter ->
                url.queryParam(parameter.name(),
                        parameter.name().equals("interval") ? "200" : parameter.defaultValue()));
        return url.buildAndExpand(pathValues).toUriString();
    }

    private static boolean isXml(DemoFeed feed) {
        return feed.sampleResponse().startsWith("<");
    }

    private static JsonNode parse(DemoFeed feed, String message) throws Exception {
        return isXml(feed) ? XML.readTree(message) : JSON.readTree(message);
    }

    /** Same field names in the same order, same JSON types (integral or not), timestamps that parse. */
    private static void assertSameShape(JsonNode documented, JsonNode live, String where) {
        assertThat(live.getNodeType()).as(where).isEqualTo(documented.getNodeType());
        assertThat(live.isIntegralNumber()).as(where + " is a whole number").isEqualTo(documented.isIntegralNumber());
        if (documented.isObject()) {
            List<String> documentedFields = new ArrayList<>();
            documented.fieldNames().forEachRemaining(documentedFields::add);
            List<String> liveFields = new ArrayList<>();
            live.fieldNames().forEachRemaining(liveFields::add);
            assertThat(liveFields).as(where + " fields").isEqualTo(documentedFields);
            documentedFields.forEach(field -> assertSameShape(documented.get(field), live.get(field), where + "/" + field));
        } else if (documented.isArray()) {
            assertThat(live).as(where + " records").isNotEmpty();
            live.forEach(record -> assertSameShape(documented.get(0), record, where + "[]"));
        } else if (where.endsWith("/ts")) {
            assertThatCode(() -> Instant.parse(live.asText())).as(where).doesNotThrowAnyException();
        }
    }
}
