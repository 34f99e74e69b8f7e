package io.github.pinpointgtm.examples.local.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.local.TimeScale;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short outage soak (the documented one: {@link OutageSoakMain}): 2 simulated hours, where the old design (185 s
 * visibility, 5 receives) dead-lettered after about 15 minutes, at 600 simulated seconds per second.
 */
class OutageSoakTest {

    private static final Duration OUTAGE = Duration.ofHours(2);
    private static final TimeScale SCALE = new TimeScale(600);
    private static final int HITS = Integer.getInteger("soak.outageHits", 300);

    @Test
    void aPinpointOutageOfServerErrorsLosesAndDeadLettersNothing() throws Exception {
        OutageSoak.Result result = runAndAssertSurvived(OutageSoak.Outage.SERVER_ERRORS);

        assertThat(result.figures().answersByStatus()).containsKey(503).containsKey(202);
    }

    @Test
    void aKinesisOutageOfPerRecordThrottlesLosesAndDeadLettersNothing() throws Exception {
        OutageSoak.Result result = runAndAssertSurvived(OutageSoak.Outage.THROTTLED_RECORDS);

        assertThat(result.figures().answersByStatus()).containsOnlyKeys(200);
    }

    private static OutageSoak.Result runAndAssertSurvived(OutageSoak.Outage outage) throws Exception {
        OutageSoak.Result result = OutageSoak.run(new OutageSoak.Settings(outage, HITS, OUTAGE, SCALE,
                FaultSoak.seed()));
        System.out.println("Short outage soak: " + result);
        assertSurvived(result);
        return result;
    }

    private static void assertSurvived(OutageSoak.Result result) {
        FaultSoak.Result figures = result.figures();
        assertThat(figures.lost()).as("lost hits").isZero();
        assertThat(figures.misplaced()).as("hits in two places").isZero();
        assertThat(figures.deadLettered()).as("dead-lettered valid hits").isEmpty();
        assertThat(figures.redriven()).as("hits SQS redrove").isZero();
        assertThat(figures.delivered() + figures.rejectedTotal()).isEqualTo(figures.queued());
        assertThat(figures.rejectedTotal()).as("hostile hits refused by the policy").isPositive();
        // Hits failed during the outage and were postponed. How often depends on the machine: at this scale an
        // invocation's real-time seconds (the SDK's own retries, a loaded CPU) are simulated minutes.
        assertThat(result.failedDuringOutage()).as("failures during the outage").isPositive();
        assertThat(result.postponements()).as("postponements").isPositive();
        assertThat(result.highestReceiveCount()).as("receives").isGreaterThanOrEqualTo(2)
                .isLessThan(result.maxReceiveCount());
        assertThat(result.maxReceiveCount()).as("the synthesized maxReceiveCount").isEqualTo(55);
        assertThat(result.simulatedElapsed()).isGreaterThanOrEqualTo(OUTAGE);
        assertThat(result.simulatedDrain()).as("deliveries after the recovery").isPositive();
    }
}
