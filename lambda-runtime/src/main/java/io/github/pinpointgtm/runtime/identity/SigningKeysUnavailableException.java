package io.github.pinpointgtm.runtime.identity;

/**
 * The keys of endpoint signatures cannot be read (Secrets Manager unreachable, access denied, the secret missing or
 * empty). Not a verdict on the hit: a hit that needs the keys is retried, never rejected nor delivered unverified.
 */
public final class SigningKeysUnavailableException extends RuntimeException {

    /**
     * @param message what could not be read, and why (never key material)
     * @param cause   the underlying failure, or null
     */
    public SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
