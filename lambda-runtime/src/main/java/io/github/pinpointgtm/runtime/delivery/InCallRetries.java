package io.github.pinpointgtm.runtime.delivery;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Sends again, within the same invocation, the events a destination failed one by one inside an accepted request:
 * a Kinesis record answered {@code ProvisionedThroughputExceededException}, a Firehose record answered
 * {@code ServiceUnavailableException}, an EventBridge entry answered {@code ThrottlingException}, a Pinpoint event
 * answered 429 or 5xx. Only those events are sent again; what still fails after the last retry goes back to SQS.
 *
 * <p>A failed whole request is not retried here: the SDK's retry strategy has already retried its throttling, 5xx and
 * network errors, and a second layer would multiply its attempts.
 *
 * <p>Backoff: before retry {@code n} (1 for the first) the pause is drawn uniformly from {@code [0, min(CAP, BASE *
 * 2^(n-1))]} ("full jitter": records throttled together do not all come back at the same moment). At most
 * {@value #MAX_RETRIES} retries, and only while the deadline leaves the pause plus {@link #MINIMUM_ATTEMPT_TIME}: a
 * retry cut short by the deadline could be written by the service and still be reported as failed, a duplicate.
 */
public final class InCallRetries {

    /** The longest pause before the first retry. */
    public static final Duration BASE = Duration.ofMillis(50);
    /** No pause is longer. */
    public static final Duration CAP = Duration.ofSeconds(1);
    /** Retries per request after its first answer; the longest pauses add up to 2.55 s. */
    public static final int MAX_RETRIES = 6;
    /** The time a retry needs after its pause; with less left, the events go back to SQS instead. */
    public static final Duration MINIMUM_ATTEMPT_TIME = Duration.ofSeconds(1);

    /** The retry reasons of single events that may pass within the invocation: throttling and service failures. */
    private static final Set<String> TRANSIENT_REASONS = Set.of("throttled", "destination-error");

    /** Waits; tests pass one that advances a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * @param duration how long to wait
         * @throws InterruptedException when interrupted while waiting
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Sends some of a request's items again.
     *
     * @param <T> an item of a request (a record, an event)
     */
    @FunctionalInterface
    public interface Resend<T> {
        /**
         * @param items the items to send again, in their request's order
         * @param retry the retry's number, 1 for the first
         * @return one outcome per item, in order
         */
        List<DeliveryOutcome> send(List<T> items, int retry);
    }

    private final RandomGenerator random;
    private final Sleeper sleeper;

    /**
     * @param random  where the jitter comes from
     * @param sleeper how to wait
     */
    public InCallRetries(RandomGenerator random, Sleeper sleeper) {
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * @return retries as the processor runs them: {@link Thread#sleep} and a {@link SecureRandom} (a seeded generator
     *         would be frozen into the SnapStart snapshot, and every restored instance would draw the same pauses)
     */
    public static InCallRetries standard() {
        return new InCallRetries(new SecureRandom(), duration -> Thread.sleep(duration.toMillis(),
                duration.toNanosPart() % 1_000_000));
    }

    /**
     * @param retry the retry's number, at least 1
     * @return the longest pause before it: {@code min(CAP, BASE * 2^(retry-1))}
     * @throws IllegalArgumentException if {@code retry} is below 1
     */
    public static Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, was " + retry);
        }
        // Past 2^10 the ceiling is long above the cap; stopping there keeps the shift from overflowing.
        long ceiling = BASE.toMillis() << Math.min(retry - 1, 10);
        return Duration.ofMillis(Math.min(CAP.toMillis(), ceiling));
    }

    /**
     * @param outcome an event's outcome in an accepted request
     * @return whether a retry within the invocation may deliver it: the event was throttled or hit a service failure
     */
    public static boolean isTransient(DeliveryOutcome outcome) {
        return outcome instanceof DeliveryOutcome.Retryable retryable && TRANSIENT_REASONS.contains(retryable.reason());
    }

    /**
     * Sends the items whose outcome {@link #isTransient} again after a pause, while retries and time are left.
     *
     * @param items        a request's items
     * @param outcomes     their outcomes, in order
     * @param retriesSoFar how many retries led to this answer (0 for a request's first answer)
     * @param deadline     the delivery deadline
     * @param observer     told how many items are sent again
     * @param resend       sends the items again (its answer may lead to the next retry)
     * @param <T>          an item of a request
     * @return the outcomes, those of the items sent again replaced by the retry's
     */
    public <T> List<DeliveryOutcome> retryTransient(List<T> items, List<DeliveryOutcome> outcomes, int retriesSoFar,
                                                    Deadline deadline, DeliveryObserver observer, Resend<T> resend) {
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (isTransient(outcomes.get(i))) {
                failed.add(i);
            }
        }
        if (failed.isEmpty() || retriesSoFar >= MAX_RETRIES) {
            return outcomes;
        }
        int retry = retriesSoFar + 1;
        Duration pause = Duration.ofNanos(random.nextLong(ceiling(retry).toNanos() + 1));
        if (deadline.hasLessThan(pause.plus(MINIMUM_ATTEMPT_TIME))) {
            return outcomes;
        }
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcomes;
        }
        List<T> again = new ArrayList<>(failed.size());
        failed.forEach(i -> again.add(items.get(i)));
        observer.retriedInCall(again.size());
        List<DeliveryOutcome> retried = resend.send(again, retry);
        if (retried.size() != again.size()) {
            throw new IllegalStateException("a retry answered " + retried.size() + " outcomes for " + again.size()
                    + " items");
        }
        List<DeliveryOutcome> merged = new ArrayList<>(outcomes);
        for (int k = 0; k < failed.size(); k++) {
            merged.set(failed.get(k), retried.get(k));
        }
        return merged;
    }
}
