package io.github.pinpointgtm.runtime.envelope;

import io.github.pinpointgtm.runtime.event.RejectionReason;

/**
 * An SQS message body that is not a readable envelope. The message never names or echoes client values, so it
 * is safe to log and to put in the rejected queue's {@code detail} attribute.
 */
public class MalformedEnvelopeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which rejection the message gets: malformed, or a version this processor does not read. */
    private final RejectionReason reason;

    MalformedEnvelopeException(String message) {
        this(RejectionReason.MALFORMED_ENVELOPE, message, null);
    }

    MalformedEnvelopeException(String message, Throwable cause) {
        this(RejectionReason.MALFORMED_ENVELOPE, message, cause);
    }

    MalformedEnvelopeException(RejectionReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * @return {@link RejectionReason#UNSUPPORTED_ENVELOPE_VERSION} when the envelope declares a version this
     *         processor does not read, else {@link RejectionReason#MALFORMED_ENVELOPE}
     */
    public RejectionReason reason() {
        return reason;
    }
}
