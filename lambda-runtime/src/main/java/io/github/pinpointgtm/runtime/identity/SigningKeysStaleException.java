package io.github.pinpointgtm.runtime.identity;

/**
 * A signature matches none of the keys at hand, and those keys were read before the hit arrived, so a key rotated in
 * since could explain it; the keys cannot be re-read yet ({@link CachedSigningKeys#REREAD_INTERVAL}). Not a verdict
 * on the hit: it is retried, and when it comes back after the queue's visibility timeout the keys can be re-read.
 */
public final class SigningKeysStaleException extends RuntimeException {

    /** The retry reason of such a hit. */
    public static final String RETRY_REASON = "identity-keys-stale";

    /** @param message why the hit cannot be judged yet (never key material, the signature or the id) */
    public SigningKeysStaleException(String message) {
        super(message);
    }
}
