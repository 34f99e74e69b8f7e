package io.github.pinpointgtm.examples.local.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The short fault soak (the long one: {@link FaultSoakMain}). */
class FaultSoakTest {

    @Test
    void everyQueuedHitIsDeliveredRejectedOrDeadLetteredUnderFaultsAndCrashes() throws Exception {
        FaultSoak.Result result = FaultSoak.run(Integer.getInteger("soak.shortHits", 2_000), Duration.ofSeconds(120));
        System.out.println("Short fault soak: " + result);

        assertThat(result.lost()).as("lost hits").isZero();
        assertThat(result.misplaced()).as("hits in the wrong queue, or in two places").isZero();
        assertThat(result.delivered() + result.rejectedTotal() + result.deadLetteredTotal() + result.redriven())
                .isEqualTo(result.queued());
        assertThat(result.queued() + result.refusedByGateway()).isEqualTo(result.sent());
        assertThat(result.crashedInvocations()).as("crashed invocations").isPositive();
        assertThat(result.answersByStatus().getOrDefault(429, 0) + result.answersByStatus().getOrDefault(500, 0)
                + result.answersByStatus().getOrDefault(503, 0)).as("injected throttling and 5xx answers").isPositive();
        assertThat(result.rejected()).containsKey("missing-event-type").doesNotContainKey("destination-rejected");
        assertThat(result.deadLettered()).containsOnlyKeys("destination-rejected");
        assertThat(result.refusedByGateway()).as("hits over 10 KB refused with 414").isPositive();
    }
}
