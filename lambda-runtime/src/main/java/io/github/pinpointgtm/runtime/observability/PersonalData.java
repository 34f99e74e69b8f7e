package io.github.pinpointgtm.runtime.observability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decides how personal data (endpoint ids, IP addresses, user agents) appears in logs: in full only when the
 * deployment opted in ({@code LOG_PERSONAL_DATA=true}); otherwise as a short SHA-256 fingerprint, enough to
 * correlate log lines about the same endpoint without revealing it.
 */
public final class PersonalData {

    private static final int FINGERPRINT_HEX_CHARS = 12;

    private final boolean logInFull;

    /** @param logInFull whether personal data may appear in full ({@code LOG_PERSONAL_DATA}) */
    public PersonalData(boolean logInFull) {
        this.logInFull = logInFull;
    }

    /**
     * @param value a personal value, or null
     * @return the value itself when personal data may be logged, else {@code sha256:} and 12 hex characters;
     *         empty for null or empty
     */
    public String protect(String value) {
        if (value == null || value.isEmpty() || logInFull) {
            return value == null ? "" : value;
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(value)).substring(0, FINGERPRINT_HEX_CHARS);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
