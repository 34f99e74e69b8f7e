package io.github.pinpointgtm.examples.local.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault soak's faults follow from its seed, so a failing run can be replayed. */
class FaultSoakSeedTest {

    private static final int REQUESTS = 10_000;

    @Test
    void theSameSeedInjectsTheSameFaults() {
        assertThat(faults(42L)).isEqualTo(faults(42L)).isNotEqualTo(faults(43L));
        assertThat(refusals(42L)).isEqualTo(refusals(42L)).isNotEqualTo(refusals(43L));
    }

    @Test
    void theFaultsKeepTheirRates() {
        List<RequestFault> faults = faults(7L);

        assertThat(share(faults.stream().filter(fault -> fault.status() == 429).count())).isBetween(0.13, 0.17);
        assertThat(share(faults.stream().filter(fault -> fault.status() >= 500).count())).isBetween(0.08, 0.12);
        assertThat(share(faults.stream().filter(fault -> fault.delay().equals(FaultSoak.SLOW_ANSWER)).count()))
                .isBetween(0.04, 0.06);
        assertThat(share(refusals(7L).stream().filter(refused -> refused).count())).isBetween(0.005, 0.015);
    }

    @Test
    void consecutiveRequestsDrawIndependently() {
        List<RequestFault> faults = faults(11L);
        int slowNext = 0;
        int slowNextAndThrottled = 0;
        for (int n = 0; n + 1 < faults.size(); n++) {
            if (faults.get(n + 1).delay().equals(FaultSoak.SLOW_ANSWER)) {
                slowNext++;
                slowNextAndThrottled += faults.get(n).status() == 429 ? 1 : 0;
            }
        }

        // Independent draws: about the throttling rate (15 %); shared draws would make it 100 %.
        assertThat((double) slowNextAndThrottled / slowNext).isBetween(0.08, 0.25);
    }

    @Test
    void aRefusalDependsOnTheHitNotOnTheRequestId() {
        FaultSoak.RandomFaults faults = new FaultSoak.RandomFaults(42L);
        for (int hit = 0; hit < 1_000; hit++) {
            assertThat(faults.rejectEvent(event("request-a", hit)))
                    .isEqualTo(faults.rejectEvent(event("request-b", hit)));
        }
    }

    @Test
    void theSeedPropertyIsTheDocumentedOne() {
        assertThat(FaultSoak.SEED_PROPERTY).isEqualTo("soak.seed");
    }

    private static List<RequestFault> faults(long seed) {
        FaultSoak.RandomFaults faults = new FaultSoak.RandomFaults(seed);
        List<RequestFault> drawn = new ArrayList<>();
        for (int request = 1; request <= REQUESTS; request++) {
            drawn.add(faults.onRequest(request, List.of()));
        }
        return drawn;
    }

    private static List<Boolean> refusals(long seed) {
        FaultSoak.RandomFaults faults = new FaultSoak.RandomFaults(seed);
        List<Boolean> refused = new ArrayList<>();
        for (int hit = 0; hit < REQUESTS; hit++) {
            refused.add(faults.rejectEvent(event("request-" + hit, hit)) != null);
        }
        return refused;
    }

    private static RecordedEvent event(String eventId, int hit) {
        return new RecordedEvent("soak-" + hit % 997, eventId, "page_view", "2026-11-27T10:15:30.123Z",
                Map.of("hit", Integer.toString(hit)), Map.of(), null, null, Map.of());
    }

    private static double share(long count) {
        return (double) count / REQUESTS;
    }
}
