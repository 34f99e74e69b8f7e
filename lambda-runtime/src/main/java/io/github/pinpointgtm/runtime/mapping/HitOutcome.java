package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;

import java.util.Objects;

/** What {@link HitReader} made of one queued hit: an event to deliver, or a rejection for the rejected queue. */
public sealed interface HitOutcome permits HitOutcome.Accepted, HitOutcome.Rejected {

    /**
     * The hit is valid: deliver {@code event}.
     *
     * @param event                 the customer event
     * @param ignoredUserAttributes how many {@code usat_*} parameters were dropped because user attributes are
     *                              disabled (for the processor's metrics)
     * @param enrichment            what the event's derived attributes could not carry as derived (for the
     *                              processor's metrics and log)
     */
    record Accepted(CustomerEvent event, int ignoredUserAttributes, EnrichmentReport enrichment)
            implements HitOutcome {
        /**
         * Creates the outcome.
         *
         * @param event                 the customer event
         * @param ignoredUserAttributes how many {@code usat_*} parameters were dropped because user attributes are
         *                              disabled (for the processor's metrics)
         * @param enrichment            what the event's derived attributes could not carry as derived (for the
         *                              processor's metrics and log)
         * @throws NullPointerException     when {@code event} or {@code enrichment} is null
         * @throws IllegalArgumentException when {@code ignoredUserAttributes} is negative
         */
        public Accepted {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(enrichment, "enrichment");
            if (ignoredUserAttributes < 0) {
                throw new IllegalArgumentException("ignoredUserAttributes must not be negative");
            }
        }

        /**
         * @param event                 the customer event, with nothing to report about its enrichment
         * @param ignoredUserAttributes how many {@code usat_*} parameters were dropped because user attributes are
         *                              disabled (for the processor's metrics)
         */
        public Accepted(CustomerEvent event, int ignoredUserAttributes) {
            this(event, ignoredUserAttributes, EnrichmentReport.NONE);
        }

        /** @param event the customer event, with no ignored user attributes */
        public Accepted(CustomerEvent event) {
            this(event, 0);
        }
    }

    /**
     * The policy refuses the hit: send the original message to the rejected queue with this rejection.
     *
     * @param rejection the reason and a detail that names the offending parameter, never its full value
     */
    record Rejected(Rejection rejection) implements HitOutcome {
        /**
         * Creates the outcome.
         *
         * @param rejection the reason and a detail that names the offending parameter, never its full value
         * @throws NullPointerException when {@code rejection} is null
         */
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
