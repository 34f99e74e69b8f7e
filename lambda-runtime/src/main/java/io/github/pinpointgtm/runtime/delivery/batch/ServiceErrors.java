package io.github.pinpointgtm.runtime.delivery.batch;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.util.Set;

/**
 * Reads an AWS error (a whole request's exception, or one record's {@code ErrorCode}) onto the failure model. The
 * JSON-protocol services answer most errors with HTTP 400, throttling included, so the error code decides, the
 * status only where there is no known code.
 */
public final class ServiceErrors {

    /** What an error means for the records it concerns. */
    public enum Kind {
        /** Throttling: retried by SQS. */
        THROTTLED,
        /** A service-side failure that may pass (5xx, internal failure): retried by SQS. */
        UNAVAILABLE,
        /** Missing permission, unknown resource, disabled key: retried, and the operator must be told. */
        MISCONFIGURED,
        /** The service refused the content: a record is dead-lettered; a request is split to find the bad record. */
        INVALID,
        /** Too large: like {@link #INVALID}, with the reason {@code limit-exceeded}. */
        TOO_LARGE
    }

    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "LimitExceededException", "RequestLimitExceeded",
            "KMSThrottlingException", "SlowDown");
    private static final Set<String> UNAVAILABLE = Set.of(
            "InternalFailure", "InternalFailureException", "InternalServerError", "InternalServerException",
            "InternalException", "ServiceUnavailable", "ServiceUnavailableException", "ServiceException",
            "ResourceInUseException", "ExpiredTokenException", "RequestTimeout", "RequestTimeoutException",
            // Clock skew the SDK did not correct: the same events succeed once the clock (or the retry) is right.
            "RequestExpired", "RequestTimeTooSkewed");
    private static final Set<String> MISCONFIGURED = Set.of(
            "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignature", "MissingAuthenticationToken", "InvalidClientTokenId", "NotAuthorized",
            "NotAuthorizedException", "NotAuthorizedForSourceException", "ResourceNotFoundException",
            "KMSAccessDeniedException", "KMSDisabledException", "KMSNotFoundException", "KMSInvalidStateException",
            "KMSOptInRequired", "InvalidKMSResourceException");
    private static final Set<String> TOO_LARGE = Set.of("RequestEntityTooLargeException", "RequestEntityTooLarge");

    private ServiceErrors() {
    }

    /**
     * @param statusCode the HTTP status, or 0 for a per-record error
     * @param errorCode  the AWS error code, or null
     * @return what the error means
     */
    public static Kind classify(int statusCode, String errorCode) {
        if (errorCode != null) {
            if (THROTTLING.contains(errorCode)) {
                return Kind.THROTTLED;
            }
            if (UNAVAILABLE.contains(errorCode)) {
                return Kind.UNAVAILABLE;
            }
            if (MISCONFIGURED.contains(errorCode)) {
                return Kind.MISCONFIGURED;
            }
            if (TOO_LARGE.contains(errorCode)) {
                return Kind.TOO_LARGE;
            }
        }
        if (statusCode == 429) {
            return Kind.THROTTLED;
        }
        if (statusCode == 401 || statusCode == 403 || statusCode == 404) {
            return Kind.MISCONFIGURED;
        }
        if (statusCode == 413) {
            return Kind.TOO_LARGE;
        }
        if (statusCode >= 400 && statusCode < 500) {
            return Kind.INVALID;
        }
        // 5xx, and a per-record code this list does not know: keep the event, SQS retries it (and redrives it to
        // the dead-letter queue after maxReceiveCount receives if it never succeeds).
        return Kind.UNAVAILABLE;
    }

    /**
     * The outcome of one record that failed with {@code kind}.
     *
     * @param kind   the error's kind
     * @param detail what the service said, for logs and the dead-letter {@code detail} attribute
     * @return retryable for throttling, unavailability and misconfiguration; rejected otherwise
     */
    public static DeliveryOutcome outcome(Kind kind, String detail) {
        return switch (kind) {
            case THROTTLED -> new DeliveryOutcome.Retryable("throttled", detail);
            case UNAVAILABLE -> new DeliveryOutcome.Retryable("destination-error", detail);
            case MISCONFIGURED -> new DeliveryOutcome.Retryable("destination-misconfigured", detail);
            case INVALID -> new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, detail));
            case TOO_LARGE -> new DeliveryOutcome.Rejected(new Rejection(RejectionReason.LIMIT_EXCEEDED, detail));
        };
    }
}
