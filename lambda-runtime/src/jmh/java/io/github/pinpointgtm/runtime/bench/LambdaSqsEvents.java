package io.github.pinpointgtm.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What Lambda's SQS event source mapping does around an invocation, against a local SQS: the messages are sent to a
 * source queue and received there, so each record of the event JSON carries a real receipt handle, the queue's ARN
 * and SQS's attributes, as the runtime receives it; after a successful invocation the mapping deletes the batch.
 */
final class LambdaSqsEvents {
    /** SQS's entries per batch call. */
    private static final int SQS_BATCH = 10;
    /** Long enough that no message comes back within a run. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One invocation's event and the receipts Lambda would delete after it. */
    record Batch(String eventJson, List<String> receiptHandles) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;

    /**
     * @param sqs      a client of the local SQS
     * @param queueUrl the source queue, empty
     * @param region   the region the event records name
     */
    LambdaSqsEvents(SqsClient sqs, String queueUrl, String region) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.region = region;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        if (queueArn == null || !queueArn.startsWith("arn:aws:sqs:")) {
            throw new IllegalStateException("the local SQS gave no ARN for " + queueUrl + ": " + queueArn);
        }
    }

    /** Sends the bodies to the source queue and receives them, as Lambda does, in events of at most batchSize. */
    List<Batch> receive(List<String> bodies, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += batchSize) {
            List<String> batch = bodies.subList(from, Math.min(bodies.size(), from + batchSize));
            for (int i = 0; i < batch.size(); i += SQS_BATCH) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (String body : batch.subList(i, Math.min(batch.size(), i + SQS_BATCH))) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body)
                            .build());
                }
                if (!sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed().isEmpty()) {
                    throw new IllegalStateException("the local SQS refused benchmark messages");
                }
            }
            List<Message> received = new ArrayList<>();
            while (received.size() < batch.size()) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(SQS_BATCH)
                        .visibilityTimeout(VISIBILITY_TIMEOUT_SECONDS).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (messages.isEmpty()) {
                    throw new IllegalStateException("the local SQS returned " + received.size() + " of " + batch.size()
                            + " benchmark messages");
                }
                received.addAll(messages);
            }
            batches.add(new Batch(eventJson(received), received.stream().map(Message::receiptHandle).toList()));
        }
        return batches;
    }

    /** @return the messages in the source queue, visible or in flight */
    int messagesLeft() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Deletes a successful batch's messages, as the event source mapping does; those already deleted stay deleted. */
    void deleteAfterSuccess(Batch batch) {
        List<String> receipts = batch.receiptHandles();
        for (int i = 0; i < receipts.size(); i += SQS_BATCH) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String receipt : receipts.subList(i, Math.min(receipts.size(), i + SQS_BATCH))) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + entries.size()).receiptHandle(receipt)
                        .build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /** The event JSON the Lambda service hands the runtime for these records. */
    private String eventJson(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event.toString();
    }
}
