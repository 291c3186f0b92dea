package org.socketboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The key that encrypts secret parameter values at rest.
 *
 * @param secretKey     {@code socketboard.secret-key} (environment {@code SOCKETBOARD_SECRET_KEY}): base64 of
 *                      32 random bytes, e.g. {@code openssl rand -base64 32}
 * @param secretKeyFile {@code socketboard.secret-key-file}: where a key is generated on first start and read
 *                      afterwards when {@code secretKey} is not set (embedded default: {@code ./data/secret.key})
 */
@ConfigurationProperties("socketboard")
public record SecretSettings(String secretKey, @DefaultValue("./data/secret.key") Path secretKeyFile) {
}
