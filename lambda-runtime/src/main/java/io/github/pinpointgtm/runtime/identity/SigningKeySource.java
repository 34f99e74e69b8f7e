package io.github.pinpointgtm.runtime.identity;

/**
 * Where the keys of endpoint signatures come from: Secrets Manager in Lambda ({@link SecretsManagerKeySource}), a
 * fixed key when the processor runs locally ({@link FixedKeySource}).
 */
public interface SigningKeySource {

    /**
     * Reads the keys now (no caching here: {@link CachedSigningKeys} decides when to read).
     *
     * @return the current key and, when there is one, the previous key
     * @throws SigningKeysUnavailableException if the keys cannot be read
     */
    SigningKeys read();

    /**
     * @return whether the keys can change between reads (a rotation); when not, keys read once judge every hit,
     *         whenever it arrived, and a mismatch never waits for a re-read
     */
    default boolean rotates() {
        return true;
    }
}
