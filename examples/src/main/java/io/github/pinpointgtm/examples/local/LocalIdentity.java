package io.github.pinpointgtm.examples.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Identity verification in the local pipeline: the key of {@code endpoint_sig} signatures given directly instead of
 * read from Secrets Manager, and the anonymous prefix. The processor then refuses every unsigned or wrongly signed
 * {@code endpoint_id} (except anonymous ones) with reason {@code identity-unverified}, as it does in AWS.
 *
 * @param key             the key's text (its UTF-8 bytes are the HMAC key, as in the site's backend)
 * @param anonymousPrefix ids starting with it need no signature; null for none
 */
public record LocalIdentity(String key, String anonymousPrefix) {

    /** System property: the key itself. */
    public static final String KEY_PROPERTY = "identity.key";
    /** System property: a file whose whole content (UTF-8, one trailing line break ignored) is the key. */
    public static final String KEY_FILE_PROPERTY = "identity.keyFile";
    /** System property: the anonymous prefix. */
    public static final String ANONYMOUS_PREFIX_PROPERTY = "identity.anonymousPrefix";

    public LocalIdentity {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the identity key must not be empty");
        }
        if (anonymousPrefix != null && anonymousPrefix.isEmpty()) {
            anonymousPrefix = null;
        }
    }

    /**
     * @param properties the system properties ({@code System::getProperty})
     * @return the identity the properties ask for, or null when neither {@value #KEY_PROPERTY} nor
     *         {@value #KEY_FILE_PROPERTY} is set
     * @throws IllegalArgumentException naming the property when both are set, a key is empty, or the prefix is set
     *                                  without a key
     * @throws UncheckedIOException     when the key file cannot be read
     */
    public static LocalIdentity fromProperties(Function<String, String> properties) {
        String key = properties.apply(KEY_PROPERTY);
        String keyFile = properties.apply(KEY_FILE_PROPERTY);
        String anonymousPrefix = properties.apply(ANONYMOUS_PREFIX_PROPERTY);
        if (key != null && keyFile != null) {
            throw new IllegalArgumentException(KEY_PROPERTY + " and " + KEY_FILE_PROPERTY
                    + " are mutually exclusive: set one");
        }
        if (keyFile != null) {
            key = readKeyFile(Path.of(keyFile));
        }
        if (key == null) {
            if (anonymousPrefix != null) {
                throw new IllegalArgumentException(ANONYMOUS_PREFIX_PROPERTY + " needs " + KEY_PROPERTY + " or "
                        + KEY_FILE_PROPERTY + ": without a key no id is verified");
            }
            return null;
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException((keyFile != null ? KEY_FILE_PROPERTY + " names an empty file"
                    : KEY_PROPERTY + " is empty"));
        }
        return new LocalIdentity(key, anonymousPrefix);
    }

    private static String readKeyFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            // Editors add a final line break; a key never ends with one.
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new UncheckedIOException(KEY_FILE_PROPERTY + ": cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        // Never the key.
        return "LocalIdentity{anonymousPrefix=" + anonymousPrefix + "}";
    }
}
