package io.github.pinpointgtm.runtime.source;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes delivered messages from their source queue ({@code DeleteMessageBatch}) while the invocation still runs,
 * so that a crash later in the invocation does not make SQS deliver them again. Lambda deletes every message its
 * partial batch response does not name at the end anyway: a delete that fails here only leaves the message to it.
 */
public final class SourceQueueDeletes {

    private final SourceQueues queues;

    /** @param queues the source queues */
    public SourceQueueDeletes(SourceQueues queues) {
        this.queues = Objects.requireNonNull(queues, "queues");
    }

    /**
     * @param receipts the delivered messages
     * @param deadline when to stop calling SQS
     * @return for each message, in order, empty when deleted, else why not
     */
    public List<String> delete(List<SourceQueues.Receipt> receipts, Deadline deadline) {
        return queues.inBatches(receipts, deadline, (queueUrl, entries, budget) -> {
            List<DeleteMessageBatchRequestEntry> batch = new ArrayList<>(entries.size());
            for (int k = 0; k < entries.size(); k++) {
                batch.add(DeleteMessageBatchRequestEntry.builder()
                        .id("m" + k)
                        .receiptHandle(receipts.get(entries.get(k)).receiptHandle())
                        .build());
            }
            return queues.client().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(batch)
                    .overrideConfiguration(o -> o.apiCallTimeout(budget))).failed();
        });
    }
}
