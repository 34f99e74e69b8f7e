package io.github.pinpointgtm.examples.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A real SQS client (ElasticMQ) with faults ElasticMQ does not produce by itself: send entries refused one by one (as
 * SQS refuses a message over the queue's maximum size) and delete entries that fail after their send succeeded.
 */
final class FaultySqsClient implements SqsClient {

    private final SqsClient sqs;
    private final Predicate<String> refuseBody;
    private final Predicate<String> failDeleteOfBody;
    /** Receipt handle to body, so a delete can be failed by the message it deletes. */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    FaultySqsClient(SqsClient sqs, Predicate<String> refuseBody, Predicate<String> failDeleteOfBody) {
        this.sqs = sqs;
        this.refuseBody = refuseBody;
        this.failDeleteOfBody = failDeleteOfBody;
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        ReceiveMessageResponse response = sqs.receiveMessage(request);
        response.messages().forEach(message -> bodies.put(message.receiptHandle(), message.body()));
        return response;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        List<SendMessageBatchRequestEntry> passed = new ArrayList<>();
        List<BatchResultErrorEntry> refused = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : request.entries()) {
            if (refuseBody.test(entry.messageBody())) {
                refused.add(BatchResultErrorEntry.builder().id(entry.id()).code("InvalidParameterValue")
                        .message("message must be shorter than the queue's maximum size").senderFault(true).build());
            } else {
                passed.add(entry);
            }
        }
        SendMessageBatchResponse response = passed.isEmpty() ? SendMessageBatchResponse.builder().build()
                : sqs.sendMessageBatch(request.toBuilder().entries(passed).build());
        List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
        failed.addAll(refused);
        return response.toBuilder().failed(failed).build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        List<DeleteMessageBatchRequestEntry> kept = request.entries().stream().filter(entry -> {
            if (failDeleteOfBody.test(bodies.get(entry.receiptHandle()))) {
                failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                        .message("injected").senderFault(false).build());
                return false;
            }
            return true;
        }).toList();
        DeleteMessageBatchResponse response = kept.isEmpty() ? DeleteMessageBatchResponse.builder().build()
                : sqs.deleteMessageBatch(request.toBuilder().entries(kept).build());
        failed.addAll(response.failed());
        return response.toBuilder().failed(failed).build();
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        return sqs.changeMessageVisibilityBatch(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
