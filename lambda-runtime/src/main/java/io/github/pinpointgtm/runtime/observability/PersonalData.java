package io.github.pinpointgtm.runtime.observability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides how personal data (endpoint ids, IP addresses, user agents) appears in logs: in full only when the
 * deployment opted in ({@code LOG_PERSONAL_DATA=true}); otherwise as a short fingerprint, enough to correlate log
 * lines about the same endpoint without revealing it.
 *
 * <p>The fingerprint is HMAC-SHA256 keyed by a per-deployment salt ({@code LOG_FINGERPRINT_SALT}), not a plain hash:
 * endpoint ids are often low-entropy (customer numbers, e-mail addresses), and a plain hash of one is reversed by
 * hashing every candidate. Without the salt, someone who can read the logs cannot compute a candidate's fingerprint.
 * The salt is not a secret from whoever can read the function's configuration.
 */
public final class PersonalData {

    /** The fingerprint's prefix, naming how it was computed. */
    public static final String FINGERPRINT_PREFIX = "hmac-sha256:";

    private static final int FINGERPRINT_HEX_CHARS = 12;
    private static final int RANDOM_SALT_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final boolean logInFull;
    private final SecretKeySpec key;

    /**
     * Fingerprints keyed by a random salt of this instance: they correlate lines of this instance only (local runs,
     * tests, a deployment without {@code LOG_FINGERPRINT_SALT}).
     *
     * @param logInFull whether personal data may appear in full ({@code LOG_PERSONAL_DATA})
     */
    public PersonalData(boolean logInFull) {
        this(logInFull, randomSalt());
    }

    /**
     * @param logInFull       whether personal data may appear in full ({@code LOG_PERSONAL_DATA})
     * @param fingerprintSalt the deployment's salt ({@code LOG_FINGERPRINT_SALT}); not empty
     * @throws IllegalArgumentException if the salt is empty
     */
    public PersonalData(boolean logInFull, String fingerprintSalt) {
        this(logInFull, Objects.requireNonNull(fingerprintSalt, "fingerprintSalt").getBytes(StandardCharsets.UTF_8));
    }

    private PersonalData(boolean logInFull, byte[] salt) {
        if (salt.length == 0) {
            throw new IllegalArgumentException("fingerprintSalt must not be empty");
        }
        this.logInFull = logInFull;
        this.key = new SecretKeySpec(salt, ALGORITHM);
    }

    /**
     * @param value a personal value, or null
     * @return the value itself when personal data may be logged, else {@value #FINGERPRINT_PREFIX} and the first 12
     *         hex characters of the value's HMAC-SHA256; empty for null or empty
     */
    public String protect(String value) {
        if (value == null || value.isEmpty() || logInFull) {
            return value == null ? "" : value;
        }
        return FINGERPRINT_PREFIX + HexFormat.of().formatHex(hmac(value)).substring(0, FINGERPRINT_HEX_CHARS);
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[RANDOM_SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return salt;
    }
}
