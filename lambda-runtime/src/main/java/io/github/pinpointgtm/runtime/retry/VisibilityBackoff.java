package io.github.pinpointgtm.runtime.retry;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.source.SourceQueues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Postpones the next receive of messages to retry: sets each one's visibility on its source queue
 * ({@code ChangeMessageVisibilityBatch}, up to {@value #MAX_ENTRIES_PER_CALL} a call) to the {@link BackoffSchedule}'s
 * delay for its receive count, so a long outage costs few receives instead of one per visibility timeout.
 *
 * <p>The source queue's URL comes from {@link SourceQueues} (asked of SQS once per queue and instance). A visibility
 * that cannot be set (no time left, an SQS error) only means the message comes back after the queue's visibility
 * timeout: it is never a reason to treat the message otherwise.
 */
public final class VisibilityBackoff {

    /** SQS's entries per {@code ChangeMessageVisibilityBatch}. */
    public static final int MAX_ENTRIES_PER_CALL = SourceQueues.MAX_ENTRIES_PER_CALL;

    /**
     * One message to postpone.
     *
     * @param eventSourceArn the source queue's ARN ({@code arn:aws:sqs:<region>:<account>:<name>})
     * @param receiptHandle  the handle of this receive
     * @param receiveCount   its {@code ApproximateReceiveCount}
     */
    public record Postponement(String eventSourceArn, String receiptHandle, int receiveCount) {
    }

    private final SourceQueues queues;
    private final BackoffSchedule schedule;

    /**
     * @param sqs      the SQS client
     * @param schedule the delays
     */
    public VisibilityBackoff(SqsClient sqs, BackoffSchedule schedule) {
        this(new SourceQueues(sqs), schedule);
    }

    /**
     * @param queues   the source queues (shared with the processor's other calls on them)
     * @param schedule the delays
     */
    public VisibilityBackoff(SourceQueues queues, BackoffSchedule schedule) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * @param postponements the messages to postpone
     * @param deadline      when to stop calling SQS
     * @return for each postponement, in order, empty when its visibility was set, else why not
     */
    public List<String> postpone(List<Postponement> postponements, Deadline deadline) {
        List<SourceQueues.Receipt> receipts = postponements.stream()
                .map(p -> new SourceQueues.Receipt(p.eventSourceArn(), p.receiptHandle()))
                .toList();
        return queues.inBatches(receipts, deadline, (queueUrl, entries, budget) -> {
            List<ChangeMessageVisibilityBatchRequestEntry> batch = new ArrayList<>(entries.size());
            for (int k = 0; k < entries.size(); k++) {
                Postponement postponement = postponements.get(entries.get(k));
                batch.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("m" + k)
                        .receiptHandle(postponement.receiptHandle())
                        .visibilityTimeout((int) schedule.delayAfter(postponement.receiveCount()).toSeconds())
                        .build());
            }
            return queues.client().changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(batch)
                    .overrideConfiguration(o -> o.apiCallTimeout(budget))).failed();
        });
    }
}
