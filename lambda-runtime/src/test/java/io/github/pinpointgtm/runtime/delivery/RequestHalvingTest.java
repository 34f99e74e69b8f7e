package io.github.pinpointgtm.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestHalvingTest {

    private final RecordingObserver observer = new RecordingObserver();
    private final List<List<Integer>> requests = new CopyOnWriteArrayList<>();

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static RequestHalving.Refused refused(String error) {
        return new RequestHalving.Refused(error, 400, "the service said " + error,
                new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, error)));
    }

    /** A service that refuses a request holding any of {@code poisoned} as invalid, and accepts every other. */
    private Function<List<Integer>, RequestHalving.Answer> refusing(Set<Integer> poisoned) {
        return request -> {
            requests.add(List.copyOf(request));
            return request.stream().anyMatch(poisoned::contains)
                    ? refused("400 ValidationException")
                    : new RequestHalving.Answered(Collections.nCopies(request.size(), DeliveryOutcome.DELIVERED));
        };
    }

    @Test
    void oneBadItemAmongGoodOnesIsIsolatedAndRejectedAndItsNeighboursDelivered() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(16), refusing(Set.of(11)), observer);

        for (int i = 0; i < 16; i++) {
            if (i == 11) {
                assertThat(outcomes.get(i)).isInstanceOf(DeliveryOutcome.Rejected.class);
            } else {
                assertThat(outcomes.get(i)).as("item " + i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        assertThat(requests).contains(List.of(11)).hasSize(1 + 2 * 4);
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void aServiceRefusingEveryRequestAlikeIsSystemicEverythingIsKeptForRetryAndReportedOnce() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(100), refusing(Set.copyOf(items(100))), observer);

        assertThat(outcomes).hasSize(100).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, retry -> {
                    assertThat(retry.reason()).isEqualTo("destination-misconfigured");
                    assertThat(retry.detail()).contains("refused alike").contains("400 ValidationException");
                }));
        // The whole request, then each half down its first halves (50, 25, 12, 6, 3) and those 3 records alone.
        assertThat(requests).hasSize(1 + 2 * (5 + 3)).doesNotHaveDuplicates();
        assertThat(requests).contains(List.of(0), List.of(1), List.of(2), List.of(50), List.of(51), List.of(52));
        assertThat(observer.configurationErrors).hasSize(1)
                .allSatisfy(message -> assertThat(message).contains("400 ValidationException"));
        assertThat(observer.configurationStatuses).containsExactly(400);
    }

    @Test
    void theSmallestSystemicRefusalHasEveryRecordOfBothHalvesRefusedAlone() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(RequestHalving.SYSTEMIC_MINIMUM),
                refusing(Set.copyOf(items(RequestHalving.SYSTEMIC_MINIMUM))), observer);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class));
        assertThat(requests).contains(List.of(0), List.of(1), List.of(2), List.of(3));
        assertThat(observer.configurationErrors).hasSize(1);
    }

    @Test
    void belowTheMinimumEveryRecordRefusedAloneIsRejectedNotTakenForSystemic() {
        int size = RequestHalving.SYSTEMIC_MINIMUM - 1;
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(size), refusing(Set.copyOf(items(size))), observer);

        assertThat(outcomes).hasSize(size)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class));
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void twoBadRecordsAndAGoodOneAreRejectedAndDeliveredNotTakenForSystemic() {
        // The first half [0] is refused alone and the second [1, 2] refused because of 1: only 2 is good.
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(3), refusing(Set.of(0, 1)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected ->
                assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED));
        assertThat(outcomes.get(1)).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcomes.get(2)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void badRecordsOpeningBothHalvesAmongGoodOnesAreRejectedNotTakenForSystemic() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(4), refusing(Set.of(0, 2)), observer);

        assertThat(outcomes).extracting(outcome -> outcome.getClass().getSimpleName())
                .containsExactly("Rejected", "Delivered", "Rejected", "Delivered");
        assertThat(observer.configurationErrors).isEmpty();
        assertThat(requests).as("each part sent once, the probes' answers reused").doesNotHaveDuplicates();
    }

    @Test
    void aBadFirstHalfAndAGoodSecondHalfAreNotSystemic() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(8), refusing(Set.of(0, 1, 2, 3)), observer);

        for (int i = 0; i < 8; i++) {
            assertThat(outcomes.get(i)).as("item " + i).isInstanceOf(i < 4
                    ? DeliveryOutcome.Rejected.class : DeliveryOutcome.Delivered.class);
        }
        assertThat(observer.configurationErrors).isEmpty();
        assertThat(requests).doesNotHaveDuplicates();
    }

    @Test
    void aPoisonedRecordWhereTheProbeLooksIsIsolatedWithEachPartSentOnce() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(16), refusing(Set.of(1)), observer);

        for (int i = 0; i < 16; i++) {
            assertThat(outcomes.get(i)).as("item " + i).isInstanceOf(i == 1
                    ? DeliveryOutcome.Rejected.class : DeliveryOutcome.Delivered.class);
        }
        assertThat(requests).doesNotHaveDuplicates().hasSize(1 + 2 * 4);
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void twoBadItemsInDifferentHalvesAreBothIsolatedNotTakenForASystemicRefusal() {
        List<DeliveryOutcome> outcomes = RequestHalving.send(items(16), refusing(Set.of(2, 13)), observer);

        for (int i = 0; i < 16; i++) {
            assertThat(outcomes.get(i)).as("item " + i).isInstanceOf(i == 2 || i == 13
                    ? DeliveryOutcome.Rejected.class : DeliveryOutcome.Delivered.class);
        }
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void partsRefusedWithAnotherErrorThanTheirRecordsAreNotSystemic() {
        Function<List<Integer>, RequestHalving.Answer> service = request -> {
            requests.add(List.copyOf(request));
            return refused(request.size() > 1 ? "413 RequestEntityTooLargeException" : "400 ValidationException");
        };

        List<DeliveryOutcome> outcomes = RequestHalving.send(items(8), service, observer);

        assertThat(outcomes).hasSize(8)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class));
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void otherWholeRequestFailuresApplyToEveryItemWithoutSplitting() {
        DeliveryOutcome throttled = new DeliveryOutcome.Retryable("throttled", "Rate exceeded");

        List<DeliveryOutcome> outcomes = RequestHalving.send(items(8), request -> {
            requests.add(List.copyOf(request));
            return new RequestHalving.Failed(throttled);
        }, observer);

        assertThat(outcomes).hasSize(8).containsOnly(throttled);
        assertThat(requests).hasSize(1);
    }
}
