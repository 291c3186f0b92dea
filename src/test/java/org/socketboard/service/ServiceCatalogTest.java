package org.socketboard.service;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.upstream.domain.Protocol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.service.inference.FieldInference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.socketboard.testsupport.SignedInAs;
import org.springframework.context.annotation.Import;
import org.springframework.dao.ConcurrencyFailureException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("database")
// Changes go through method security: these tests act as an admin.
@SignedInAs
@SpringBootTest
@Import(RecordingServiceUsage.Config.class)
class ServiceCatalogTest {

    private static final String RESPONSE = """
            {"type": "quotes", "data": [{"symbol": "ACME", "price": 12.5, "volume": 300}]}""";

    @Autowired
    ServiceCatalog catalog;

    @Autowired
    SocketServiceRepository repository;

    @Autowired
    RecordingServiceUsage usage;

    @AfterEach
    void cleanUp() {
        usage.clear();
        repository.deleteAll();
    }

    @Test
    void aTestedServiceIsStoredWithTheFieldsInferredFromItsSamples() {
        var service = tested(draft("Ticker", "wss://quotes.example.com/stream"));
        service.setSampleRequest("{\"subscribe\": [\"ACME\"], \"depth\": 2}");

        catalog.save(service);

        var stored = catalog.find("TICKER").orElseThrow();
        assertThat(stored.getName()).isEqualTo("Ticker");
        assertThat(stored.getRecordPath()).isEqualTo("/data");
        assertThat(stored.getResponseFields()).extracting(FieldMeta::name, FieldMeta::type)
                .contains(org.assertj.core.groups.Tuple.tuple("price", FieldType.NUMBER),
                        org.assertj.core.groups.Tuple.tuple("symbol", FieldType.STRING));
        assertThat(stored.getRequestFields()).extracting(FieldMeta::name).contains("subscribe", "depth");
        assertThat(stored.getCreatedAt()).isNotNull();
        assertThat(catalog.list()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("Ticker");
            assertThat(row.lastTestSucceeded()).isTrue();
            assertThat(row.variableCount()).isZero();
        });
    }

    @Test
    void namesAreUniqueRegardlessOfCase() {
        catalog.save(tested(draft("ticker", "wss://a.example.com/")));

        assertThatThrownBy(() -> catalog.save(tested(draft("TICKER", "wss://b.example.com/"))))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors())
                        .containsEntry(ServiceField.NAME, "A service named 'ticker' already exists"));
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void aDefinitionWithSeveralProblemsIsRefusedWithAMessagePerFieldAndNothingIsStored() {
        var service = draft("a b", "http://example.com/feed");
        service.setSampleRequest("{\"a\": 1,,}");

        assertThatThrownBy(() -> catalog.save(service))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.errors()).containsOnlyKeys(ServiceField.NAME, ServiceField.URL,
                            ServiceField.SAMPLE_REQUEST, ServiceField.TEST);
                    assertThat(e.errors().get(ServiceField.SAMPLE_REQUEST)).contains("line 1, column ");
                });
        assertThat(repository.count()).isZero();
    }

    @Test
    void aPathParameterInTheUrlNeedsADefinition() {
        var service = tested(draft("scores", "wss://scores.example.com/league/{league}"));

        assertThatThrownBy(() -> catalog.save(service))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors())
                        .containsEntry(ServiceField.PARAMS,
                                "The URL uses {league}, but no path parameter 'league' is defined"));

        service.setParams(List.of(new ServiceParam("league", ParamLocation.PATH, FieldType.STRING, "nba", true, false)));
        catalog.save(service);
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void parametersMustHaveDistinctNames() {
        var service = tested(draft("weather", "wss://weather.example.com/"));
        service.setParams(List.of(
                new ServiceParam("city", ParamLocation.QUERY, FieldType.STRING, "Oslo", false, false),
                new ServiceParam("city", ParamLocation.HEADER, FieldType.STRING, "Oslo", false, false)));

        assertThatThrownBy(() -> catalog.save(service))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors())
                        .containsEntry(ServiceField.PARAMS, "Parameter 'city' is defined twice"));
    }

    @Test
    void aSampleOverOneMegabyteIsRefused() {
        var service = tested(draft("big", "wss://big.example.com/"));
        service.setSampleResponse("{\"blob\": \"" + "x".repeat(FieldInference.MAX_SAMPLE_CHARS) + "\"}");

        assertThatThrownBy(() -> catalog.save(service))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors()
                        .get(ServiceField.SAMPLE_RESPONSE)).contains("up to 1 MB"));
        assertThat(repository.count()).isZero();
    }

    @Test
    void withoutASuccessfulTestAServiceIsStoredOnlyWhenTheTestWasExplicitlySkipped() {
        var failed = draft("vitals", "ws://vitals.example.com/");
        failed.recordTest(false, "Connection refused", Instant.now());
        assertThatThrownBy(() -> catalog.save(failed))
                .isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys(ServiceField.TEST));

        failed.setTestSkipped(true);
        catalog.save(failed);
        assertThat(catalog.list()).singleElement().satisfies(row -> assertThat(row.testSkipped()).isTrue());
    }

    @Test
    void aRefusedEditLeavesTheStoredServiceAsItWas() {
        catalog.save(tested(draft("ticker", "wss://a.example.com/")));
        var edited = catalog.find("ticker").orElseThrow();
        edited.setUrl("ftp://a.example.com/");
        edited.setDescription("changed");

        assertThatThrownBy(() -> catalog.save(edited)).isInstanceOf(InvalidDefinitionException.class);

        var stored = catalog.find("ticker").orElseThrow();
        assertThat(stored.getUrl()).isEqualTo("wss://a.example.com/");
        assertThat(stored.getDescription()).isNull();
    }

    @Test
    void anEditBasedOnAnOutdatedCopyIsRefused() {
        catalog.save(tested(draft("ticker", "wss://a.example.com/")));
        var first = catalog.find("ticker").orElseThrow();
        var second = catalog.find("ticker").orElseThrow();
        first.setDescription("first");
        catalog.save(first);
        second.setDescription("second");

        assertThatThrownBy(() -> catalog.save(second)).isInstanceOf(ConcurrencyFailureException.class);
        assertThat(catalog.find("ticker").orElseThrow().getDescription()).isEqualTo("first");
    }

    @Test
    void aServiceThatVariablesUseCanBeNeitherDeletedNorRenamed() {
        catalog.save(tested(draft("ticker", "wss://a.example.com/")));
        usage.use("ticker", "prices", "acme-volume");

        assertThatThrownBy(() -> catalog.delete("ticker"))
                .isInstanceOf(ServiceInUseException.class)
                .hasMessage("Cannot delete service 'ticker': it is used by variables acme-volume, prices. "
                        + "Change or delete them first.");
        var renamed = catalog.find("ticker").orElseThrow();
        renamed.setName("quotes");
        assertThatThrownBy(() -> catalog.save(renamed)).isInstanceOf(ServiceInUseException.class);
        assertThat(catalog.list()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("ticker");
            assertThat(row.variableCount()).isEqualTo(2);
        });

        usage.clear();
        catalog.delete("ticker");
        assertThat(repository.count()).isZero();
    }

    @Test
    void aSocketIoNamespaceWithACommaIsRefusedAtTheUrlInEitherForm() {
        for (String url : List.of("ws://io.example.com/a,b", "ws://io.example.com/socket.io/a,b", "ws://io.example.com/a%2Cb")) {
            var service = tested(draft("comma", url));
            service.setProtocol(Protocol.SOCKET_IO);

            assertThatThrownBy(() -> catalog.save(service)).as(url)
                    .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.errors())
                            .containsEntry(ServiceField.URL, "A Socket.IO namespace cannot hold a comma (Socket.IO ends"
                                    + " the namespace of a packet at its first comma)"));
        }
        var plain = tested(draft("comma", "ws://io.example.com/a,b"));
        catalog.save(plain);
        assertThat(repository.count()).as("a comma is nothing special in a plain WebSocket path").isEqualTo(1);
    }

    @Test
    void theImportPageAddressIsNotAValidName() {
        assertThatThrownBy(() -> catalog.save(tested(draft("New", "wss://a.example.com/"))))
                .isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.errors()).containsKey(ServiceField.NAME));
    }

    /** A service with a sample response whose records are at /data, not tested yet. */
    static SocketService draft(String name, String url) {
        var service = new SocketService();
        service.setName(name);
        service.setUrl(url);
        service.setSampleResponse(RESPONSE);
        service.setRecordPath("/data");
        return service;
    }

    static SocketService tested(SocketService service) {
        service.recordTest(true, "Connected", Instant.parse("2025-01-01T10:00:00Z"));
        return service;
    }
}
