package io.github.pinpointgtm.runtime.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a message that could not be delivered stays invisible before its next receive: an exponential backoff
 * with equal jitter, a pure function of the message's receive count and a random source.
 *
 * <p>After receive {@code n} (1 for the first) the ceiling is {@code min(CAP, BASE * 2^(n-1))}, and the delay is
 * drawn uniformly from {@code [ceiling / 2, ceiling]} in whole seconds. Half the ceiling is fixed so that the time a
 * message survives is bounded from below: the construct derives {@code maxReceiveCount} from the sum of these
 * minimums (full jitter, drawing from {@code [0, ceiling]}, would guarantee no time at all). The other half is random
 * so that messages failed together do not all come back at the same moment when the destination recovers.
 *
 * <p>The cap keeps a recovered destination's backlog moving within an hour, and keeps the receives an outage of up
 * to the queue's 14-day retention needs under SQS's {@code maxReceiveCount} limit of 1000. SQS allows 12 hours.
 */
public final class BackoffSchedule {

    /** The ceiling after the first receive. */
    public static final Duration BASE = Duration.ofSeconds(30);
    /** The largest ceiling: no delay is longer. */
    public static final Duration CAP = Duration.ofHours(1);

    private final RandomGenerator random;

    /** @param random where the jitter comes from (tests pass a seeded one) */
    public BackoffSchedule(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param receiveCount the message's {@code ApproximateReceiveCount}, at least 1
     * @return the longest delay after that receive: {@code min(CAP, BASE * 2^(receiveCount-1))}
     * @throws IllegalArgumentException if {@code receiveCount} is below 1
     */
    public static Duration ceiling(int receiveCount) {
        if (receiveCount < 1) {
            throw new IllegalArgumentException("receiveCount must be at least 1, was " + receiveCount);
        }
        long cap = CAP.toSeconds();
        // Past 2^20 the ceiling is long above the cap; stopping there keeps the shift from overflowing.
        int doublings = Math.min(receiveCount - 1, 20);
        return Duration.ofSeconds(Math.min(cap, BASE.toSeconds() << doublings));
    }

    /**
     * @param receiveCount the message's {@code ApproximateReceiveCount}, at least 1
     * @return the shortest delay after that receive: half the {@link #ceiling}
     */
    public static Duration minimum(int receiveCount) {
        return ceiling(receiveCount).dividedBy(2);
    }

    /**
     * @param receiveCount the message's {@code ApproximateReceiveCount}, at least 1
     * @return a delay drawn uniformly from {@code [minimum, ceiling]}, in whole seconds
     */
    public Duration delayAfter(int receiveCount) {
        long ceiling = ceiling(receiveCount).toSeconds();
        long minimum = minimum(receiveCount).toSeconds();
        return Duration.ofSeconds(minimum + random.nextLong(ceiling - minimum + 1));
    }
}
