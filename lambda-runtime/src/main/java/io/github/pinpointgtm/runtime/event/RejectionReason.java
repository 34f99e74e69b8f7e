package io.github.pinpointgtm.runtime.event;

/**
 * Why a message was not delivered. {@link #code()} is the value of the queued message's {@code reason} attribute and
 * of the {@code reason} metric dimension. Refusals by the policy go to the rejected queue;
 * {@link #DESTINATION_REJECTED} and a destination's {@link #LIMIT_EXCEEDED} (a valid event the destination refuses) go
 * to the dead-letter queue, and so does {@link #RETRIES_EXHAUSTED}.
 */
public enum RejectionReason {
    /** The SQS body is not an envelope this processor can read. */
    MALFORMED_ENVELOPE("malformed-envelope"),
    /** The envelope's version is newer or older than this processor understands. */
    UNSUPPORTED_ENVELOPE_VERSION("unsupported-envelope-version"),
    /** The POST body is not a JSON object of parameters. */
    MALFORMED_BODY("malformed-body"),
    /** No {@code event} parameter. */
    MISSING_EVENT_TYPE("missing-event-type"),
    /** No {@code endpoint_id} parameter and no authenticated identity. */
    MISSING_ENDPOINT_ID("missing-endpoint-id"),
    /** An {@code evmt_} value is not a finite number. */
    INVALID_METRIC("invalid-metric"),
    /** The {@code event_id} parameter is longer than 64 characters or not made of {@code [A-Za-z0-9._-]}. */
    INVALID_EVENT_ID("invalid-event-id"),
    /** The {@code consent} parameter is neither {@code denied} nor {@code granted}. */
    INVALID_CONSENT("invalid-consent"),
    /** Neither Origin nor Referer was sent and the deployment requires one. */
    ORIGIN_MISSING("origin-missing"),
    /** The Origin (or Referer's origin) is not in the allowed origins. */
    ORIGIN_NOT_ALLOWED("origin-not-allowed"),
    /** The event type is not in the configured allowlist. */
    EVENT_TYPE_NOT_ALLOWED("event-type-not-allowed"),
    /**
     * Identity verification is on and the {@code endpoint_id} carries no valid {@code endpoint_sig} (missing, or
     * made with neither the current nor the previous key).
     */
    IDENTITY_UNVERIFIED("identity-unverified"),
    /**
     * The User-Agent is a bot's (a crawler, monitor, preview fetcher, headless browser or HTTP library) and the
     * deployment rejects bots ({@code BOT_HANDLING=reject}, the default).
     */
    BOT("bot"),
    /** The event exceeds one of the destination's ingestion limits (it would be dropped or refused). */
    LIMIT_EXCEEDED("limit-exceeded"),
    /** The destination answered that this one event is invalid (e.g. a per-event 400 from Pinpoint). */
    DESTINATION_REJECTED("destination-rejected"),
    /**
     * The message was still failing (throttled, unreachable or misconfigured destination, a queue that did not take
     * it, ...) on its queue's last allowed receive ({@code MAX_RECEIVE_COUNT}); the detail names the last failure.
     */
    RETRIES_EXHAUSTED("retries-exhausted");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** @return the stable, kebab-case code used in message attributes, logs and metrics */
    public String code() {
        return code;
    }
}
