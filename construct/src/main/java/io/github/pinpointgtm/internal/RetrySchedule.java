package io.github.pinpointgtm.internal;

/**
 * The processor's retry backoff seen from the queue: which {@code maxReceiveCount} rides out an outage of a given
 * length, and how long the main queue must keep a message for it. The constants are the processor's
 * ({@code BackoffSchedule} in the runtime; a test checks they agree).
 *
 * <p>After receive {@code n} the processor hides a message it must retry for a delay drawn from
 * {@code [c(n) / 2, c(n)]}, where {@code c(n) = min(CAP, BASE * 2^(n-1))}. On receive {@code maxReceiveCount} it
 * dead-letters the message instead. So a message survives at least {@code sum of c(n) / 2 for n < maxReceiveCount}
 * and at most {@code sum of c(n) for n < maxReceiveCount}, plus each receive's batching window and invocation.
 *
 * <ul>
 *   <li>{@code maxReceiveCount}: the smallest count whose shortest survival covers the outage tolerance (at least 2,
 *       as SQS's redrive needs);</li>
 *   <li>retention: the longest survival, plus a receive's batching window and processor timeout for each receive,
 *       plus a day for a backlog the processor works through after the outage; at least SQS's default 4 days; at
 *       most SQS's 14 days, beyond which the tolerance cannot be met.</li>
 * </ul>
 *
 * @param processorTimeoutSeconds the processor's timeout: the longest a receive's invocation runs
 * @param batchingWindowSeconds   the event source's batching window: the longest a visible message waits to be
 *                                handed over
 */
public record RetrySchedule(long processorTimeoutSeconds, long batchingWindowSeconds) {

    /** The ceiling of the delay after the first receive, in seconds. */
    public static final long BASE_SECONDS = 30;
    /** The largest delay ceiling, in seconds. */
    public static final long CAP_SECONDS = 3_600;
    /** The time added to the longest survival for a backlog after the outage, in seconds (one day). */
    public static final long BACKLOG_MARGIN_SECONDS = 86_400;
    /** SQS's default retention, the least this sets, in seconds (4 days). */
    public static final long MIN_RETENTION_SECONDS = 345_600;
    /** SQS's longest retention, in seconds (14 days). */
    public static final long MAX_RETENTION_SECONDS = 1_209_600;
    /** SQS's largest redrive {@code maxReceiveCount}. */
    public static final int MAX_RECEIVE_COUNT = 1_000;

    /**
     * @param receiveCount a receive, 1 for the first
     * @return the longest delay after it, in seconds
     */
    public static long ceilingSeconds(int receiveCount) {
        if (receiveCount < 1) {
            throw new IllegalArgumentException("receiveCount must be at least 1, was " + receiveCount);
        }
        return Math.min(CAP_SECONDS, BASE_SECONDS << Math.min(receiveCount - 1, 20));
    }

    /**
     * @param receiveCount a receive, 1 for the first
     * @return the shortest delay after it, in seconds
     */
    public static long minimumSeconds(int receiveCount) {
        return ceilingSeconds(receiveCount) / 2;
    }

    /**
     * @param maxReceiveCount the receive on which the processor gives up
     * @return the shortest time between a message's first and last receive, in seconds: the outage it rides out
     */
    public static long toleranceSeconds(int maxReceiveCount) {
        long total = 0;
        for (int n = 1; n < maxReceiveCount; n++) {
            total += minimumSeconds(n);
        }
        return total;
    }

    /**
     * @param toleranceSeconds the outage to ride out, in seconds
     * @return the smallest {@code maxReceiveCount} (at least 2) whose {@link #toleranceSeconds} covers it; may exceed
     *         {@link #MAX_RECEIVE_COUNT} (see {@link #retentionSeconds} for what fits)
     */
    public static int maxReceiveCountFor(long toleranceSeconds) {
        int count = 2;
        while (toleranceSeconds(count) < toleranceSeconds) {
            count++;
        }
        return count;
    }

    /**
     * @param maxReceiveCount the receive on which the processor gives up
     * @return the retention the main queue needs so no message expires before that receive, in seconds, at least
     *         {@link #MIN_RETENTION_SECONDS}; above {@link #MAX_RETENTION_SECONDS} when SQS cannot keep it that long
     */
    public long retentionSeconds(int maxReceiveCount) {
        long longest = 0;
        for (int n = 1; n < maxReceiveCount; n++) {
            longest += ceilingSeconds(n);
        }
        longest += (long) maxReceiveCount * (processorTimeoutSeconds + batchingWindowSeconds);
        return Math.max(MIN_RETENTION_SECONDS, longest + BACKLOG_MARGIN_SECONDS);
    }

    /**
     * @return the largest {@code maxReceiveCount} whose {@link #retentionSeconds} SQS allows (and its redrive policy
     *         accepts)
     */
    public int largestMaxReceiveCount() {
        int count = 2;
        while (count < MAX_RECEIVE_COUNT && retentionSeconds(count + 1) <= MAX_RETENTION_SECONDS) {
            count++;
        }
        return count;
    }

    /**
     * @param toleranceSeconds the {@code outageTolerance}, in seconds
     * @return the {@code maxReceiveCount} that rides it out
     * @throws IllegalArgumentException naming {@code outageTolerance} when it is not positive, or longer than the
     *                                  main queue can keep a message to retry
     */
    public int maxReceiveCountForTolerance(long toleranceSeconds) {
        if (toleranceSeconds < 1) {
            throw new IllegalArgumentException("outageTolerance must be at least 1 second, got " + toleranceSeconds
                    + " s");
        }
        long longest = toleranceSeconds(largestMaxReceiveCount());
        if (toleranceSeconds > longest) {
            throw new IllegalArgumentException("outageTolerance must be at most " + longest + " s (" + hours(longest)
                    + ") with a processorTimeout of " + processorTimeoutSeconds + " s and a maxBatchingWindow of "
                    + batchingWindowSeconds + " s, got " + toleranceSeconds + " s (" + hours(toleranceSeconds)
                    + "): the retries' longest course plus a day must fit SQS's 14-day retention");
        }
        return maxReceiveCountFor(toleranceSeconds);
    }

    /**
     * @param maxReceiveCount an explicit {@code maxReceiveCount}
     * @throws IllegalArgumentException naming {@code maxReceiveCount} when it is out of SQS's range, or its retries
     *                                  would outlast SQS's 14-day retention
     */
    public void requireRetentionFits(int maxReceiveCount) {
        if (maxReceiveCount < 2 || maxReceiveCount > MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount must be between 2 and " + MAX_RECEIVE_COUNT + ", got "
                    + maxReceiveCount);
        }
        int largest = largestMaxReceiveCount();
        if (maxReceiveCount > largest) {
            throw new IllegalArgumentException("maxReceiveCount must be at most " + largest + " with a "
                    + "processorTimeout of " + processorTimeoutSeconds + " s and a maxBatchingWindow of "
                    + batchingWindowSeconds + " s, got " + maxReceiveCount
                    + ": the retries' longest course plus a day must fit SQS's 14-day retention");
        }
    }

    private static String hours(long seconds) {
        return String.format(java.util.Locale.ROOT, "%.1f hours", seconds / 3600.0);
    }
}
