package io.github.pinpointgtm.runtime.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.RejectionReason;

/** Assertions on one event's {@link DeliveryOutcome}. */
public final class OutcomeAssertions {

    private OutcomeAssertions() {
    }

    /** Asserts the event is to be retried, for {@code reason}. */
    public static void assertRetryable(DeliveryOutcome outcome, String reason) {
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isEqualTo(reason));
    }

    /** Asserts the event is rejected (to be dead-lettered), for {@code reason}. */
    public static void assertRejected(DeliveryOutcome outcome, RejectionReason reason) {
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(reason));
    }
}
