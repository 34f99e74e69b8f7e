package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves what reaches one of the queues the processor sets hits aside in (the rejected queue or the dead-letter queue)
 * into memory, so the page, the tests and the soak can show and count it: each message with its {@code reason} and
 * {@code detail} attributes (absent when SQS itself moved the message to the dead-letter queue after maxReceiveCount
 * receives) and the request id of the hit (read from the untouched envelope body).
 */
public final class SideQueueLog {

    /**
     * One hit set aside.
     *
     * @param reason    the processor's {@code reason} attribute, or null when SQS redrove the message
     * @param detail    the {@code detail} attribute, or null
     * @param requestId the hit's API Gateway request id, or null when the body is not a readable envelope
     * @param body      the message body as the processor received it
     */
    public record Letter(String reason, String detail, String requestId, String body) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final ConcurrentLinkedQueue<Letter> collected = new ConcurrentLinkedQueue<>();

    SideQueueLog(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Receives and deletes everything now in the queue; returns how many messages were collected. */
    synchronized int collect() {
        int count = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return count;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : messages) {
                collected.add(read(message));
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + entries.size())
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            count += messages.size();
        }
    }

    /** @return every message collected so far, in arrival order */
    public List<Letter> letters() {
        return List.copyOf(collected);
    }

    private static Letter read(Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        return new Letter(text(attributes.get("reason")), text(attributes.get("detail")),
                requestId(message.body()), message.body());
    }

    private static String text(MessageAttributeValue value) {
        return value == null ? null : value.stringValue();
    }

    private static String requestId(String body) {
        try {
            return EnvelopeParser.parse(body).requestId();
        } catch (MalformedEnvelopeException | RuntimeException e) {
            return null;
        }
    }
}
