package org.socketboard.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of exactly 32 bytes!".getBytes());

    @TempDir
    Path dir;

    @Test
    void aSecretRoundTripsAndIsNeitherStoredInPlainNorTwiceTheSame() {
        var cipher = new SecretCipher(new SecretSettings(KEY, dir.resolve("unused.key")));
        var first = cipher.encrypt("Bearer tok-12345");
        var second = cipher.encrypt("Bearer tok-12345");

        assertThat(first).startsWith("enc:v1:").doesNotContain("tok-12345");
        assertThat(second).isNotEqualTo(first);
        assertThat(cipher.decrypt(first)).isEqualTo("Bearer tok-12345");
        assertThat(cipher.decrypt(second)).isEqualTo("Bearer tok-12345");
        assertThat(SecretCipher.isEncrypted(first)).isTrue();
        assertThat(SecretCipher.isEncrypted("Bearer tok-12345")).isFalse();
        assertThat(Files.exists(dir.resolve("unused.key"))).isFalse();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceAndReusedAfterARestart() throws Exception {
        var keyFile = dir.resolve("data").resolve("secret.key");
        var stored = new SecretCipher(new SecretSettings(null, keyFile)).encrypt("api-key-42");

        assertThat(keyFile).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        var afterRestart = new SecretCipher(new SecretSettings(" ", keyFile));
        assertThat(afterRestart.decrypt(stored)).isEqualTo("api-key-42");
    }

    @Test
    void aDifferentKeyOrATamperedValueIsRefusedWithAClearMessage() {
        var stored = new SecretCipher(new SecretSettings(KEY, dir.resolve("k"))).encrypt("api-key-42");
        var otherKey = new SecretCipher(new SecretSettings(OTHER_KEY, dir.resolve("k")));
        assertThatThrownBy(() -> otherKey.decrypt(stored))
                .isInstanceOf(SecretCipher.SecretDecryptionException.class)
                .hasMessageContaining("the secret key (SOCKETBOARD_SECRET_KEY or its key file) differs");

        var sameKey = new SecretCipher(new SecretSettings(KEY, dir.resolve("k")));
        var tampered = stored.substring(0, stored.length() - 4) + (stored.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> sameKey.decrypt(tampered)).isInstanceOf(SecretCipher.SecretDecryptionException.class);
        assertThatThrownBy(() -> sameKey.decrypt("plain text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enc:v1:");
    }

    @Test
    void aMalformedConfiguredKeyStopsWithAClearMessage() {
        assertThatThrownBy(() -> new SecretCipher(new SecretSettings("c2hvcnQ=", dir.resolve("k"))))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new SecretCipher(new SecretSettings("not base64 !", dir.resolve("k"))))
                .hasMessageContaining("is not base64");
    }
}
