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
 * Moves what reaches the dead-letter queue into memory, so the page, the tests and the soak can show and count it:
 * each message with its {@code reason} and {@code detail} attributes (absent when SQS itself moved the message after
 * maxReceiveCount receives) and the request id of the hit (read from the untouched envelope body).
 */
public final class DeadLetterLog {

    /**
     * One dead-lettered hit.
     *
     * @param reason    the processor's {@code reason} attribute, or null when SQS redrove the message
     * @param detail    the {@code detail} attribute, or null
     * @param requestId the hit's API Gateway request id, or null when the body is not a readable envelope
     * @param body      the message body as the processor received it
     */
    public record DeadLetter(String reason, String detail, String requestId, String body) {
    }

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final ConcurrentLinkedQueue<DeadLetter> collected = new ConcurrentLinkedQueue<>();

    DeadLetterLog(SqsClient sqs, String deadLetterQueueUrl) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** Receives and deletes everything now in the dead-letter queue; returns how many messages were collected. */
    synchronized int collect() {
        int count = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
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
            sqs.deleteMessageBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(entries));
            count += messages.size();
        }
    }

    /** @return every dead letter collected so far, in arrival order */
    public List<DeadLetter> deadLetters() {
        return List.copyOf(collected);
    }

    private static DeadLetter read(Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        return new DeadLetter(text(attributes.get("reason")), text(attributes.get("detail")),
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
