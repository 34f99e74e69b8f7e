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
        // Down the first halves to a single item, and each second half once: 1 + 2 per level, not 100 dead letters.
        assertThat(requests).hasSizeLessThanOrEqualTo(1 + 2 * 7);
        assertThat(observer.configurationErrors).isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains("400 ValidationException"));
        assertThat(observer.configurationStatuses).containsOnly(400);
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
    void halvesRefusedWithDifferentErrorsAreNotSystemic() {
        Function<List<Integer>, RequestHalving.Answer> service = request -> {
            requests.add(List.copyOf(request));
            if (request.size() > 1) {
                return refused("413 RequestEntityTooLargeException");
            }
            return refused(request.get(0) % 2 == 0 ? "400 ValidationException" : "400 MalformedDetail");
        };

        List<DeliveryOutcome> outcomes = RequestHalving.send(items(2), service, observer);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class));
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
