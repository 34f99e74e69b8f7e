package io.github.pinpointgtm.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * An in-memory SQS {@code SendMessageBatch} that records entries and refuses those a predicate picks; it also records
 * {@code ChangeMessageVisibilityBatch} and {@code DeleteMessageBatch} entries (answering {@code GetQueueUrl} from the
 * queue's name).
 */
public final class RecordingSqsClient implements SqsClient {

    private final Predicate<SendMessageBatchRequestEntry> refuse;
    private final List<SendMessageBatchRequestEntry> stored = new ArrayList<>();
    private final List<ChangeMessageVisibilityBatchRequestEntry> visibilityChanges = new ArrayList<>();
    private final List<String> visibilityCalls = new ArrayList<>();
    private final List<String> queueUrlLookups = new ArrayList<>();
    private final List<String> deletedHandles = new ArrayList<>();
    private Predicate<String> refuseDelete = handle -> false;

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

    /** @return the visibility changes asked for so far, in order */
    public synchronized List<ChangeMessageVisibilityBatchRequestEntry> visibilityChanges() {
        return List.copyOf(visibilityChanges);
    }

    /** @return for each {@code ChangeMessageVisibilityBatch} call, in order, its queue URL and entry count */
    public synchronized List<String> visibilityCalls() {
        return List.copyOf(visibilityCalls);
    }

    /** @return the queue names {@code GetQueueUrl} was asked for, in order */
    public synchronized List<String> queueUrlLookups() {
        return List.copyOf(queueUrlLookups);
    }

    @Override
    public synchronized GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        queueUrlLookups.add(request.queueName());
        return GetQueueUrlResponse.builder().queueUrl("https://sqs.eu-west-1.amazonaws.com/"
                + request.queueOwnerAWSAccountId() + "/" + request.queueName()).build();
    }

    @Override
    public synchronized ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        visibilityChanges.addAll(request.entries());
        visibilityCalls.add(request.queueUrl() + " x" + request.entries().size());
        return ChangeMessageVisibilityBatchResponse.builder().successful(request.entries().stream()
                .map(entry -> ChangeMessageVisibilityBatchResultEntry.builder().id(entry.id()).build())
                .toList()).build();
    }

    /** Makes {@code DeleteMessageBatch} refuse the entries whose receipt handle {@code refuse} picks. */
    public synchronized RecordingSqsClient refusingDeletes(Predicate<String> refuse) {
        this.refuseDelete = refuse;
        return this;
    }

    /** @return the receipt handles {@code DeleteMessageBatch} deleted so far, in order */
    public synchronized List<String> deletedHandles() {
        return List.copyOf(deletedHandles);
    }

    @Override
    public synchronized DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        List<DeleteMessageBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry entry : request.entries()) {
            if (refuseDelete.test(entry.receiptHandle())) {
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("ReceiptHandleIsInvalid")
                        .message("refused").senderFault(true).build());
            } else {
                deletedHandles.add(entry.receiptHandle());
                successful.add(DeleteMessageBatchResultEntry.builder().id(entry.id()).build());
            }
        }
        return DeleteMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
