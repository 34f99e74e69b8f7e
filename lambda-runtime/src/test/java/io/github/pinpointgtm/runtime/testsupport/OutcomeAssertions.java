package io.github.pinpointgtm.runtime.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.util.List;

/** Assertions on events' {@link DeliveryOutcome}s. */
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

    /**
     * Asserts the outcomes of a delivery, in event order, each written as {@code delivered}, {@code retryable <reason>}
     * or {@code rejected <rejection code>}, e.g. {@code "retryable throttled"} or
     * {@code "rejected destination-rejected"}.
     */
    public static void assertOutcomes(List<DeliveryOutcome> outcomes, String... expected) {
        assertThat(outcomes).extracting(OutcomeAssertions::summary).containsExactly(expected);
    }

    private static String summary(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Retryable retryable) {
            return "retryable " + retryable.reason();
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            return "rejected " + rejected.rejection().reason().code();
        }
        return outcome == DeliveryOutcome.DELIVERED ? "delivered" : String.valueOf(outcome);
    }
}
