package io.github.pinpointgtm.runtime.delivery;

import io.github.pinpointgtm.runtime.event.Rejection;
import java.util.Objects;

/** What a destination did with one event. */
public sealed interface DeliveryOutcome {

    /** The destination accepted the event: its message can be deleted from the queue. */
    record Delivered() implements DeliveryOutcome {
    }

    /**
     * The destination refused this event for good: its message goes to the dead-letter queue, not retried.
     *
     * @param rejection why the destination refused it
     */
    record Rejected(Rejection rejection) implements DeliveryOutcome {
        /**
         * Creates the outcome.
         *
         * @param rejection why the destination refused it
         * @throws NullPointerException when {@code rejection} is null
         */
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /**
     * The event was not delivered for a reason that may pass (throttling, 5xx, timeout, network error, deadline,
     * a misconfigured destination): its message is reported in {@code batchItemFailures} and SQS retries it.
     *
     * @param reason a short kebab-case code for metrics and logs, e.g. {@code throttled}
     * @param detail a human-readable explanation
     */
    record Retryable(String reason, String detail) implements DeliveryOutcome {
        /**
         * Creates the outcome; a null {@code detail} is stored as empty.
         *
         * @param reason a short kebab-case code for metrics and logs, e.g. {@code throttled}
         * @param detail a human-readable explanation
         * @throws NullPointerException when {@code reason} is null
         */
        public Retryable {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }
    }

    /** The single {@link Delivered} value. */
    DeliveryOutcome DELIVERED = new Delivered();
}
