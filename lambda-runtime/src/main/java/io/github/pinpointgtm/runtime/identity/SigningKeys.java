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
    /** The size of an HMAC-SHA256 signature, in bytes. */
    static final int SIGNATURE_BYTES = 32;

    private static final String CURRENT = "the current key";
    private static final String PREVIOUS = "the previous key";

    private final List<SecretKeySpec> keys;
    private final List<String> names;

    private SigningKeys(List<SecretKeySpec> keys, List<String> names) {
        this.keys = List.copyOf(keys);
        this.names = List.copyOf(names);
    }

    /**
     * @param current  the current key's text (the secret's {@code AWSCURRENT} version)
     * @param previous the previous key's text ({@code AWSPREVIOUS}), or null when there is none
     * @return the keys, current first
     * @throws IllegalArgumentException if a key is empty
     */
    public static SigningKeys of(String current, String previous) {
        List<SecretKeySpec> keys = new ArrayList<>(2);
        List<String> names = new ArrayList<>(2);
        keys.add(key(Objects.requireNonNull(current, "current"), CURRENT));
        names.add(CURRENT);
        if (previous != null && !previous.equals(current)) {
            keys.add(key(previous, PREVIOUS));
            names.add(PREVIOUS);
        }
        return new SigningKeys(keys, names);
    }

    /**
     * @param bytes a length in bytes
     * @return which keys ({@code the current key}, {@code the previous key}) are shorter than that, current first
     */
    public List<String> shorterThan(int bytes) {
        List<String> shorter = new ArrayList<>(2);
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).getEncoded().length < bytes) {
                shorter.add(names.get(i));
            }
        }
        return shorter;
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
