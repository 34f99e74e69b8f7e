package io.github.pinpointgtm.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Collecting calls by their deadline, on a clock the test controls. */
class DestinationCallsTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @Test
    void theCollectionDeadlineIsTheGraceAfterTheDeadlineOnItsClock() {
        Deadline collectBy = DestinationCalls.collectionDeadline(Deadline.after(Duration.ofMillis(500), nanos::get));

        assertThat(collectBy.remaining()).isEqualTo(Duration.ofMillis(500).plus(DestinationCalls.COLLECTION_GRACE));
        nanos.addAndGet(Duration.ofMillis(500).plus(DestinationCalls.COLLECTION_GRACE).toNanos());
        assertThat(collectBy.remaining()).isZero();
    }

    @Test
    void aCallUnfinishedByTheCollectionDeadlineIsGivenUpAndCancelled() {
        CompletableFuture<List<DeliveryOutcome>> unfinished = new CompletableFuture<>();
        Deadline collectBy = DestinationCalls.collectionDeadline(Deadline.after(Duration.ofMillis(500), nanos::get));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        List<DeliveryOutcome> outcomes = DestinationCalls.collect(unfinished, 3, collectBy, "PutEvents");

        assertThat(outcomes).hasSize(3).containsOnly(
                new DeliveryOutcome.Retryable("deadline-exceeded", "the PutEvents call did not finish in time"));
        assertThat(unfinished).isCancelled();
    }

    @Test
    void aFinishedCallGivesItsOwnOutcomes() {
        CompletableFuture<List<DeliveryOutcome>> finished =
                CompletableFuture.completedFuture(List.of(DeliveryOutcome.DELIVERED));

        assertThat(DestinationCalls.collect(finished, 1, Deadline.after(Duration.ZERO, nanos::get), "PutEvents"))
                .containsExactly(DeliveryOutcome.DELIVERED);
    }
}
