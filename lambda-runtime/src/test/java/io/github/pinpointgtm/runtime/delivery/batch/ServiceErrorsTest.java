package io.github.pinpointgtm.runtime.delivery.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            // The JSON-protocol services answer throttling and misconfiguration with 400: the code decides.
            "400, ProvisionedThroughputExceededException, THROTTLED",
            "400, ThrottlingException, THROTTLED",
            "400, LimitExceededException, THROTTLED",
            "400, KMSThrottlingException, THROTTLED",
            "429, none, THROTTLED",
            "400, AccessDeniedException, MISCONFIGURED",
            "400, ResourceNotFoundException, MISCONFIGURED",
            "400, KMSDisabledException, MISCONFIGURED",
            "400, InvalidKMSResourceException, MISCONFIGURED",
            "400, NotAuthorizedForSourceException, MISCONFIGURED",
            "403, none, MISCONFIGURED",
            "404, none, MISCONFIGURED",
            "400, ResourceInUseException, UNAVAILABLE",
            "400, ExpiredTokenException, UNAVAILABLE",
            "400, RequestExpired, UNAVAILABLE",
            "403, RequestTimeTooSkewed, UNAVAILABLE",
            "500, InternalFailure, UNAVAILABLE",
            "503, none, UNAVAILABLE",
            "400, ValidationException, INVALID",
            "400, InvalidArgumentException, INVALID",
            "400, BadRequestException, INVALID",
            "413, none, TOO_LARGE",
            // Per-record codes have no status.
            "0, InternalFailure, UNAVAILABLE",
            "0, ProvisionedThroughputExceededException, THROTTLED",
            "0, KMSAccessDeniedException, MISCONFIGURED",
            "0, SomethingNew, UNAVAILABLE"})
    void classifiesByCodeFirstThenByStatus(int status, String code, ServiceErrors.Kind expected) {
        assertThat(ServiceErrors.classify(status, code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"THROTTLED, throttled", "UNAVAILABLE, destination-error", "MISCONFIGURED, destination-misconfigured"})
    void transientKindsAreRetried(ServiceErrors.Kind kind, String reason) {
        assertThat(ServiceErrors.outcome(kind, "detail")).isEqualTo(new DeliveryOutcome.Retryable(reason, "detail"));
    }

    @ParameterizedTest
    @CsvSource({"INVALID, DESTINATION_REJECTED", "TOO_LARGE, LIMIT_EXCEEDED"})
    void refusalsAreDeadLettered(ServiceErrors.Kind kind, RejectionReason reason) {
        assertThat(ServiceErrors.outcome(kind, "detail")).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(reason));
    }
}
