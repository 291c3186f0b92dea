package org.socketboard.security;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void secretsAreMaskedRawAndUrlEncoded() {
        var text = "wss://api.example.com/stream?apikey=k%2Fy+z%26&token=t0k3n failed: Authorization: Bearer t0k3n";
        var redacted = Redactor.redact(text, List.of("k/y z&", "t0k3n"));
        assertThat(redacted).isEqualTo("wss://api.example.com/stream?apikey=••••&token=•••• failed: Authorization: Bearer ••••");
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        assertThat(Redactor.redact("key=abc123", List.of("abc", "abc123"))).isEqualTo("key=••••");
    }

    @Test
    void aRecordHasItsSecretsMaskedInTextsAndFieldNamesAtAnyDepthAndIsLeftAsItIsWithoutThem() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var record = json.readTree("{\"echo\": \"Bearer t0k3n\", \"t0k3n\": 1, \"list\": [{\"url\": \"?key=k%2Fy\"}], \"n\": 5}");
        assertThat(Redactor.redactRecord(record, List.of("t0k3n", "k/y")))
                .isEqualTo(json.readTree("{\"echo\": \"Bearer ••••\", \"••••\": 1, \"list\": [{\"url\": \"?key=••••\"}], \"n\": 5}"));
        var clean = json.readTree("{\"price\": 1, \"symbol\": \"ACME\"}");
        assertThat(Redactor.redactRecord(clean, List.of("t0k3n"))).isSameAs(clean);
    }

    @Test
    void blankOrMissingSecretsChangeNothing() {
        assertThat(Redactor.redact("nothing secret here", Arrays.asList("", " ", null))).isEqualTo("nothing secret here");
        assertThat(Redactor.redact(null, List.of("x"))).isNull();
    }
}
