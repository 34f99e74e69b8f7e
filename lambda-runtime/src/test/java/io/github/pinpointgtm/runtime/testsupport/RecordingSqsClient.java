package io.github.pinpointgtm.runtime.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** An in-memory SQS {@code SendMessageBatch} that records entries and refuses those a predicate picks. */
public final class RecordingSqsClient implements SqsClient {

    private final Predicate<SendMessageBatchRequestEntry> refuse;
    private final List<SendMessageBatchRequestEntry> stored = new ArrayList<>();

    public RecordingSqsClient(Predicate<SendMessageBatchRequestEntry> refuse) {
        this.refuse = refuse;
    }

    public static RecordingSqsClient acceptingEverything() {
        return new RecordingSqsClient(entry -> false);
    }

    public synchronized List<SendMessageBatchRequestEntry> stored() {
        return List.copyOf(stored);
    }

    @Override
    public synchronized SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        List<SendMessageBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : request.entries()) {
            if (refuse.test(entry)) {
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InvalidMessageContents")
                        .message("refused").senderFault(true).build());
            } else {
                stored.add(entry);
                successful.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId("id-" + stored.size()).build());
            }
        }
        return SendMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
