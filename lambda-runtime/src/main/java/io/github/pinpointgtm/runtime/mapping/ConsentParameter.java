package io.github.pinpointgtm.runtime.mapping;

/**
 * The {@code consent} parameter: what the visitor's consent state let the tag send. {@code denied} makes the hit an
 * anonymous count ({@link HitReader#ANONYMOUS_ENDPOINT_ID}); absent, empty or {@code granted} is an ordinary hit. Any
 * other value is refused rather than guessed at: a misspelt {@code denied} must not record the identifiers it was
 * meant to withhold.
 */
enum ConsentParameter {
    GRANTED,
    DENIED;

    static final String DENIED_VALUE = "denied";
    static final String GRANTED_VALUE = "granted";

    /**
     * @param value the {@code consent} parameter, or null
     * @return the consent it declares
     * @throws InvalidConsentException for a value other than {@code denied}, {@code granted} or empty
     */
    static ConsentParameter of(String value) throws InvalidConsentException {
        if (value == null || value.isEmpty() || value.equals(GRANTED_VALUE)) {
            return GRANTED;
        }
        if (value.equals(DENIED_VALUE)) {
            return DENIED;
        }
        throw new InvalidConsentException();
    }

    /** A {@code consent} value this processor does not know. The message never quotes the value. */
    static final class InvalidConsentException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConsentException() {
            super("parameter consent must be " + DENIED_VALUE + " or " + GRANTED_VALUE + " (or absent)", null, false,
                    false);
        }
    }
}
