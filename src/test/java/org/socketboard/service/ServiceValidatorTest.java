package org.socketboard.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.SecretSettings;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.inference.FieldInference;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.base.InvalidDefinitionException;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketboard.service.ServiceCatalogTest.draft;
import static org.socketboard.service.ServiceCatalogTest.tested;

/**
 * The service checks on their own: no database, no Spring context; the messages are the ones the form
 * and the API show. Drafts as in {@link ServiceCatalogTest}, which proves the catalog stores what passes.
 */
class ServiceValidatorTest {

    @TempDir
    Path dir;

    private ServiceValidator validator() {
        var cipher = new SecretCipher(new SecretSettings(Base64.getEncoder().encodeToString(new byte[32]), dir.resolve("unused.key")));
        var policy = new ConnectionPolicy(new ConnectionSettings(List.of(), List.of("*.blocked.test"), true,
                Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofMegabytes(1), 200, 50, 20, null));
        return new ServiceValidator(new FieldInference(), cipher, policy);
    }

    private static Optional<SocketService> noneStored(String nameKey) {
        return Optional.empty();
    }

    @Test
    void aGoodDefinitionHasNoErrorsAndComesBackWithTheFieldsOfItsRecords() {
        var checked = validator().check(tested(draft("ticker", "wss://quotes.example.com/stream?symbol=ACME")),
                ServiceValidatorTest::noneStored);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.url()).hasValueSatisfying(url -> assertThat(url.queryParameters()).containsKey("symbol"));
        assertThat(checked.recordFields()).extracting(FieldMeta::name, FieldMeta::type).contains(
                org.assertj.core.groups.Tuple.tuple("price", FieldType.NUMBER),
                org.assertj.core.groups.Tuple.tuple("symbol", FieldType.STRING));
        assertThat(checked.orThrow()).isSameAs(checked);
    }

    @Test
    void aNameAnotherStoredServiceHasIsRefusedNamingThatService() {
        var stored = draft("Ticker", "wss://a.example.com/");
        ReflectionTestUtils.setField(stored, "id", 7L);
        List<String> askedFor = new ArrayList<>();

        var checked = validator().check(tested(draft("TICKER", "wss://b.example.com/")), key -> {
            askedFor.add(key);
            return Optional.of(stored);
        });

        assertThat(askedFor).containsExactly("ticker");
        assertThat(checked.errors()).containsExactly(Map.entry(ServiceField.NAME, "A service named 'Ticker' already exists"));
    }

    @Test
    void theServiceItselfDoesNotTakeItsOwnName() {
        var stored = tested(draft("ticker", "wss://a.example.com/"));
        ReflectionTestUtils.setField(stored, "id", 7L);

        assertThat(validator().check(stored, key -> Optional.of(stored)).errors()).isEmpty();
    }

    @Test
    void aNameThatIsInvalidAnywayIsNotLookedUp() {
        List<String> askedFor = new ArrayList<>();

        var errors = validator().check(tested(draft("New", "wss://a.example.com/")), key -> {
            askedFor.add(key);
            return Optional.empty();
        }).errors();

        assertThat(errors).containsEntry(ServiceField.NAME, "'new' is reserved: choose another name");
        assertThat(askedFor).isEmpty();
    }

    @Test
    void everyBadFieldGetsItsOwnMessageInFormOrder() {
        var service = draft("a b", "wss://feed.blocked.test/");
        service.setDescription("d".repeat(SocketService.MAX_DESCRIPTION_LENGTH + 1));
        service.setSubprotocols(List.of("not valid"));
        service.setParams(List.of(
                new ServiceParam("city", ParamLocation.QUERY, FieldType.STRING, "Oslo", false, false),
                new ServiceParam("city", ParamLocation.HEADER, FieldType.STRING, "Oslo", false, false)));
        service.setSampleRequest("{\"a\": 1,,}");
        service.setFieldNames(Map.of("/price", "p".repeat(ServiceValidator.MAX_FIELD_NAME_LENGTH + 1)));

        var errors = validator().check(service, ServiceValidatorTest::noneStored).errors();

        assertThat(errors).containsOnlyKeys(ServiceField.NAME, ServiceField.URL, ServiceField.DESCRIPTION,
                ServiceField.SUBPROTOCOLS, ServiceField.SAMPLE_REQUEST, ServiceField.FIELD_NAMES, ServiceField.PARAMS,
                ServiceField.TEST);
        assertThat(errors.get(ServiceField.NAME)).isEqualTo("Use 2 to " + SocketService.MAX_NAME_LENGTH
                + " letters, digits, dots, dashes or underscores, starting with a letter or digit");
        assertThat(errors.get(ServiceField.URL)).contains("deny-list");
        assertThat(errors.get(ServiceField.DESCRIPTION)).isEqualTo("The description can have at most "
                + SocketService.MAX_DESCRIPTION_LENGTH + " characters (this one has " + (SocketService.MAX_DESCRIPTION_LENGTH + 1) + ")");
        assertThat(errors.get(ServiceField.SUBPROTOCOLS)).isEqualTo("'not valid' is not a valid subprotocol name (no spaces, commas or quotes)");
        assertThat(errors.get(ServiceField.SAMPLE_REQUEST)).contains("line 1, column ");
        assertThat(errors.get(ServiceField.FIELD_NAMES)).isEqualTo("The display name of /price is longer than "
                + ServiceValidator.MAX_FIELD_NAME_LENGTH + " characters");
        assertThat(errors.get(ServiceField.PARAMS)).isEqualTo("Parameter 'city' is defined twice");
        assertThat(errors.get(ServiceField.TEST))
                .isEqualTo("Test the connection successfully before saving (if the test fails, Proceed without test lets "
                        + "you save from the sample response)");
        assertThatThrownBy(() -> validator().check(service, ServiceValidatorTest::noneStored).orThrow())
                .isInstanceOfSatisfying(InvalidDefinitionException.class,
                        refusal -> assertThat(refusal.errorsOf(ServiceField.class)).containsExactlyEntriesOf(errors));
    }

    @Test
    void withoutASampleResponseThereAreNoFieldsToInfer() {
        var service = tested(draft("ticker", "wss://a.example.com/"));
        service.setSampleResponse(" ");

        assertThat(validator().check(service, ServiceValidatorTest::noneStored).errors()).containsExactly(Map.entry(
                ServiceField.SAMPLE_RESPONSE, "A sample response is needed to infer the fields: test the connection or paste one"));
    }

    @Test
    void pathParametersAndTheUrlMustAgree() {
        var service = tested(draft("scores", "wss://scores.example.com/league/{league}"));
        assertThat(validator().check(service, ServiceValidatorTest::noneStored).errors()).containsExactly(Map.entry(
                ServiceField.PARAMS, "The URL uses {league}, but no path parameter 'league' is defined"));

        service.setUrl("wss://scores.example.com/league");
        service.setParams(List.of(new ServiceParam("league", ParamLocation.PATH, FieldType.STRING, "nba", true, false)));
        assertThat(validator().check(service, ServiceValidatorTest::noneStored).errors()).containsExactly(Map.entry(
                ServiceField.PARAMS, "Path parameter 'league' does not appear in the URL as {league}"));
    }

    @Test
    void aParameterValueLongerThanARequestHeadAllowsIsRefused() {
        var service = tested(draft("weather", "wss://weather.example.com/"));
        service.setParams(List.of(new ServiceParam("city", ParamLocation.QUERY, FieldType.STRING,
                "x".repeat(ServiceValidator.MAX_PARAM_VALUE_LENGTH + 1), false, false)));

        assertThat(validator().check(service, ServiceValidatorTest::noneStored).errors()).containsExactly(Map.entry(
                ServiceField.PARAMS, "The default value of parameter 'city' can have at most "
                        + ServiceValidator.MAX_PARAM_VALUE_LENGTH + " characters"));
    }
}
