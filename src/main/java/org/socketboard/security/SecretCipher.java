package org.socketboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secret parameter values (header tokens, API keys) for storage: AES-256-GCM with a random IV
 * per value, stored as {@code enc:v1:<base64(iv | ciphertext+tag)>} so that an encrypted value is
 * recognisable and the scheme can change later. A changed key or a tampered value fails to decrypt
 * instead of yielding garbage.
 */
@Component
public class SecretCipher {

    public static final String PREFIX = "enc:v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretSettings settings) {
        this.key = new SecretKeySpec(keyBytes(settings), "AES");
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plain) {
        try {
            var iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The value as it is stored: encrypted, unless it is blank or encrypted already. */
    public String seal(String value) {
        return value == null || value.isBlank() || isEncrypted(value) ? value : encrypt(value);
    }

    /** The plain value of a stored one, encrypted or not: for connecting, never for showing. */
    public String reveal(String stored) {
        return isEncrypted(stored) ? decrypt(stored) : stored;
    }

    /** The plain value of an {@link #encrypt encrypted} one; refuses values that are not encrypted. */
    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("Not an encrypted value (expected the prefix " + PREFIX + ")");
        }
        try {
            var bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (bytes.length <= IV_BYTES) {
                throw new SecretDecryptionException("The encrypted value is truncated");
            }
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException wrongKeyOrTampered) {
            throw new SecretDecryptionException("A stored secret cannot be decrypted: the secret key "
                    + "(SOCKETBOARD_SECRET_KEY or its key file) differs from the one it was saved with, or the value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A stored secret that cannot be decrypted with the configured key. */
    public static class SecretDecryptionException extends RuntimeException {
        public SecretDecryptionException(String message) {
            super(message);
        }
    }

    private static byte[] keyBytes(SecretSettings settings) {
        if (settings.secretKey() != null && !settings.secretKey().isBlank()) {
            return decodeKey(settings.secretKey().strip(), "socketboard.secret-key (SOCKETBOARD_SECRET_KEY)");
        }
        var file = settings.secretKeyFile();
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return decodeKey(Files.readString(file).strip(), "the key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the secret key file " + file
                    + " (set SOCKETBOARD_SECRET_KEY or socketboard.secret-key-file): " + e.getMessage(), e);
        }
    }

    private static void generate(Path file) throws IOException {
        var key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        var parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException anotherInstanceWasFaster) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        log.info("Generated the secret key for stored secrets in {}: back it up with the database", file);
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("The secret key in " + source + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The secret key in " + source + " must be " + KEY_BYTES
                    + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), not " + bytes.length);
        }
        return bytes;
    }
}
