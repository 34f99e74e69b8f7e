package io.github.pinpointgtm.runtime.identity;

import java.util.Objects;

/**
 * One key given up front, for running the processor outside Lambda (the local pipeline): no Secrets Manager, no
 * rotation.
 */
public final class FixedKeySource implements SigningKeySource {

    private final SigningKeys keys;

    /**
     * @param key the key's text; its UTF-8 bytes are the HMAC key, as in the site's backend
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public FixedKeySource(String key) {
        this.keys = SigningKeys.of(Objects.requireNonNull(key, "key"), null);
    }

    @Override
    public SigningKeys read() {
        return keys;
    }

    @Override
    public boolean rotates() {
        return false;
    }
}
