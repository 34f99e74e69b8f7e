package io.github.pinpointgtm.runtime.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys endpoint signatures may be made with: the current key, and the previous one while a rotation is under way.
 * A key is the UTF-8 bytes of the secret's string, exactly as the site's backend uses it.
 */
public final class SigningKeys {

    static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    private SigningKeys(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param current  the current key's text (the secret's {@code AWSCURRENT} version)
     * @param previous the previous key's text ({@code AWSPREVIOUS}), or null when there is none
     * @return the keys, current first
     * @throws IllegalArgumentException if a key is empty
     */
    public static SigningKeys of(String current, String previous) {
        List<SecretKeySpec> keys = new ArrayList<>(2);
        keys.add(key(Objects.requireNonNull(current, "current"), "the current key"));
        if (previous != null && !previous.equals(current)) {
            keys.add(key(previous, "the previous key"));
        }
        return new SigningKeys(keys);
    }

    /** @return the keys to try, current first */
    List<SecretKeySpec> keys() {
        return keys;
    }

    private static SecretKeySpec key(String text, String which) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(which + " is empty");
        }
        return new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    @Override
    public String toString() {
        // Never the keys themselves.
        return "SigningKeys{" + keys.size() + " key" + (keys.size() == 1 ? "" : "s") + "}";
    }
}
