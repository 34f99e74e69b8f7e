package io.github.pinpointgtm.internal;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * The rejected queue, where the processor puts the hits its policy refuses (malformed, foreign origin, event type,
 * limits, identity), apart from the dead-letter queue, and the rate of rejected hits its alarm watches. A public
 * endpoint always receives some junk: counted as a rate, it never keeps an alarm red the way a dead letter does.
 */
public final class RejectedHits {

    /** The period rejected hits are counted over for the alarm. */
    public static final Duration ALARM_PERIOD = Duration.minutes(5);

    private RejectedHits() {
    }

    /**
     * Builds the queue: TLS only, kept for {@code retention}. Nothing consumes it: it holds refused hits for a person
     * to read (or to send to the main queue again after a policy change), so it has no dead-letter queue of its own.
     *
     * @param encrypted the queue's builder with the connector's encryption and message size set, as its other queues
     * @param retention how long refused hits are kept
     * @return the queue
     */
    public static Queue createQueue(Queue.Builder encrypted, Duration retention) {
        Queue queue = encrypted.retentionPeriod(retention).enforceSsl(true).build();
        NagSuppressions.suppress(queue, "AwsSolutions-SQS3",
                "The rejected queue is an end point, like a dead-letter queue: nothing consumes it, so no message "
                        + "can fail there; it keeps hits the policy refused for a person to read.");
        return queue;
    }

    /**
     * Rejected hits per {@link #ALARM_PERIOD}: the messages the processor sent to the queue (SQS's
     * {@code NumberOfMessagesSent}, Sum). SQS's own figure rather than the processor's {@code Rejected} metric: it
     * counts what really reached the queue, needs nothing from the processor, and does not depend on the metrics
     * namespace.
     *
     * @param rejectedQueue the queue {@link #createQueue} built
     * @return the metric
     */
    public static IMetric perPeriod(IQueue rejectedQueue) {
        return rejectedQueue.metricNumberOfMessagesSent(MetricOptions.builder()
                .statistic("Sum")
                .period(ALARM_PERIOD)
                .build());
    }

    /**
     * @param threshold rejected hits per {@link #ALARM_PERIOD} that raise the alarm
     * @return the alarm's description
     */
    public static String alarmDescription(int threshold) {
        return "At least " + threshold + " hits were rejected within " + ALARM_PERIOD.toHumanString()
                + " (malformed, foreign origin, event type, limits, identity): a broken tag or a flood of junk; "
                + "read the 'reason' and 'detail' attributes of the rejected queue's messages";
    }
}
