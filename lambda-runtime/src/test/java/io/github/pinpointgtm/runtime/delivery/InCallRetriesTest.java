package io.github.pinpointgtm.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InCallRetriesTest {

    private static final DeliveryOutcome THROTTLED = new DeliveryOutcome.Retryable("throttled", "slow down");
    private static final DeliveryOutcome INTERNAL = new DeliveryOutcome.Retryable("destination-error", "internal");
    private static final DeliveryOutcome MISCONFIGURED = new DeliveryOutcome.Retryable("destination-misconfigured", "403");
    private static final DeliveryOutcome REFUSED = new DeliveryOutcome.Rejected(
            new Rejection(RejectionReason.DESTINATION_REJECTED, "malformed"));

    private final SimulatedTime time = new SimulatedTime();
    private final InCallRetries retries = time.retries(11);
    private final RecordingObserver observer = new RecordingObserver();
    private final List<List<String>> resent = new CopyOnWriteArrayList<>();

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40)).extracting(InCallRetries::ceiling).containsExactly(
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> InCallRetries.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyThrottledAndInternallyFailedItemsAreSentAgainAndTheirNewOutcomesReplaceTheOldOnes() {
        List<String> items = List.of("ok", "hot", "refused", "denied", "unlucky");
        List<DeliveryOutcome> first = List.of(DeliveryOutcome.DELIVERED, THROTTLED, REFUSED, MISCONFIGURED, INTERNAL);

        List<DeliveryOutcome> outcomes = retries.retryTransient(items, first, 0, time.deadline(Duration.ofSeconds(30)),
                observer, (again, retry) -> {
                    resent.add(again);
                    return Collections.nCopies(again.size(), DeliveryOutcome.DELIVERED);
                });

        assertThat(resent).containsExactly(List.of("hot", "unlucky"));
        assertThat(outcomes).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED, REFUSED,
                MISCONFIGURED, DeliveryOutcome.DELIVERED);
        assertThat(time.pauses()).singleElement().satisfies(pause ->
                assertThat(pause).isBetween(Duration.ZERO, InCallRetries.ceiling(1)));
    }

    @Test
    void nothingToRetryMeansNoPause() {
        List<DeliveryOutcome> first = List.of(DeliveryOutcome.DELIVERED, REFUSED);

        List<DeliveryOutcome> outcomes = retries.retryTransient(List.of("a", "b"), first, 0,
                time.deadline(Duration.ofSeconds(30)), observer, (again, retry) -> {
                    throw new AssertionError("nothing to resend");
                });

        assertThat(outcomes).isSameAs(first);
        assertThat(time.pauses()).isEmpty();
    }

    /** Resends through {@code retryTransient} again, as a destination does: each answer may lead to the next retry. */
    private List<DeliveryOutcome> alwaysThrottled(List<String> items, int retriesSoFar, Deadline deadline,
                                                  List<Integer> retryNumbers) {
        return retries.retryTransient(items, Collections.nCopies(items.size(), THROTTLED), retriesSoFar, deadline,
                new DeliveryObserver() {
                }, (again, retry) -> {
                    retryNumbers.add(retry);
                    return alwaysThrottled(again, retry, deadline, retryNumbers);
                });
    }

    @Test
    void aPersistentThrottleIsRetriedAtMostMaxRetriesTimesWithFullJitterUnderGrowingCeilings() {
        List<Integer> retryNumbers = new ArrayList<>();

        List<DeliveryOutcome> outcomes = alwaysThrottled(List.of("a", "b"), 0, time.deadline(Duration.ofMinutes(5)),
                retryNumbers);

        assertThat(outcomes).containsOnly(THROTTLED);
        assertThat(retryNumbers).containsExactly(1, 2, 3, 4, 5, 6);
        List<Duration> pauses = time.pauses();
        assertThat(pauses).hasSize(InCallRetries.MAX_RETRIES);
        for (int i = 0; i < pauses.size(); i++) {
            assertThat(pauses.get(i)).as("pause before retry " + (i + 1))
                    .isBetween(Duration.ZERO, InCallRetries.ceiling(i + 1));
        }
    }

    @Test
    void noRetryStartsWithoutTimeForItsPauseAndOneAttempt() {
        List<Integer> retryNumbers = new ArrayList<>();
        Duration budget = InCallRetries.MINIMUM_ATTEMPT_TIME.plusMillis(120);

        alwaysThrottled(List.of("a"), 0, time.deadline(budget), retryNumbers);

        // Whatever the pauses drawn, every retry started with its pause and one attempt still ahead of the deadline.
        assertThat(time.elapsed()).isLessThanOrEqualTo(budget.minus(InCallRetries.MINIMUM_ATTEMPT_TIME));
        assertThat(retryNumbers.size()).isLessThan(InCallRetries.MAX_RETRIES);

        List<Integer> none = new ArrayList<>();
        alwaysThrottled(List.of("a"), 0, time.deadline(InCallRetries.MINIMUM_ATTEMPT_TIME.minusMillis(1)), none);
        assertThat(none).isEmpty();
    }

    @Test
    void eachRetryIsCountedForTheMetric() {
        retries.retryTransient(List.of("a", "b", "c"), List.of(THROTTLED, DeliveryOutcome.DELIVERED, INTERNAL), 0,
                time.deadline(Duration.ofSeconds(30)), new DeliveryObserver() {
                    @Override
                    public void retriedInCall(int events) {
                        resent.add(List.of(Integer.toString(events)));
                    }
                }, (again, retry) -> Collections.nCopies(again.size(), DeliveryOutcome.DELIVERED));

        assertThat(resent).containsExactly(List.of("2"));
    }

    @Test
    void anInterruptedPauseEndsTheRetriesAndKeepsTheInterrupt() {
        InCallRetries interrupted = new InCallRetries(new java.util.Random(1), pause -> {
            throw new InterruptedException("stop");
        });
        List<DeliveryOutcome> first = List.of(THROTTLED);
        try {
            List<DeliveryOutcome> outcomes = interrupted.retryTransient(List.of("a"), first, 0,
                    time.deadline(Duration.ofSeconds(30)), observer, (again, retry) -> {
                        throw new AssertionError("no resend after an interrupt");
                    });

            assertThat(outcomes).isSameAs(first);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
