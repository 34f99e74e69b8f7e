package io.github.pinpointgtm.internal;

import java.util.List;

import io.github.pinpointgtm.ConnectorAlarms;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The connector's queues, created in its scope with the ids {@code DeadLetterQueue}, {@code RejectedQueue} and
 * {@code Queue}: the queue API Gateway writes envelopes to, redriven to the dead-letter queue, and the rejected queue
 * for hits the policy refuses. Every queue is encrypted (SSE-SQS, or the {@code encryptionKey}), TLS only and takes
 * SQS's largest message.
 */
public final class ConnectorQueues {

    /** The queues' maximum message size: 1 MiB, the largest SQS accepts. */
    public static final int MAX_MESSAGE_SIZE_BYTES = 1_048_576;

    private final IKey encryptionKey;
    private final Queue deadLetterQueue;
    private final Queue rejectedQueue;
    private final Queue queue;

    /**
     * Creates the queues.
     *
     * @param scope the connector
     * @param props its props: encryption, retentions, and the processor timeout, batching window and
     *              {@code maxReceiveCount} the main queue's visibility timeout, retention and redrive follow from
     */
    public ConnectorQueues(Construct scope, PinpointGtmConnectorProps props) {
        this.encryptionKey = props.getEncryptionKey();
        this.deadLetterQueue = encrypted(Queue.Builder.create(scope, "DeadLetterQueue"))
                .retentionPeriod(ConnectorAlarms.DEAD_LETTER_QUEUE_RETENTION)
                .enforceSsl(true)
                .build();
        this.rejectedQueue = RejectedHits.createQueue(encrypted(Queue.Builder.create(scope, "RejectedQueue")),
                props.getRejectedRetention());
        long timeout = props.getProcessorTimeout().toSeconds().longValue();
        long window = props.getMaxBatchingWindow().toSeconds().longValue();
        this.queue = encrypted(Queue.Builder.create(scope, "Queue"))
                // AWS: at least 6 times the function timeout, plus the batching window.
                .visibilityTimeout(Duration.seconds(6 * timeout + window))
                // Long enough for the processor's last receive of a message it keeps retrying (RetrySchedule).
                .retentionPeriod(Duration.seconds(
                        new RetrySchedule(timeout, window).retentionSeconds(props.getMaxReceiveCount())))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(props.getMaxReceiveCount())
                        .build())
                .enforceSsl(true)
                .build();
    }

    private Queue.Builder encrypted(Queue.Builder builder) {
        // SQS's largest message: a beacon body URL-encoded into the envelope can grow to three times its size,
        // and a message SQS refuses is a lost hit. Every queue alike, so every message can be set aside.
        builder.maxMessageSizeBytes(MAX_MESSAGE_SIZE_BYTES);
        return encryptionKey == null
                ? builder.encryption(QueueEncryption.SQS_MANAGED)
                : builder.encryption(QueueEncryption.KMS).encryptionMasterKey(encryptionKey);
    }

    /**
     * Lets {@code role} use the customer-managed key for sending to the queues ({@code kms:GenerateDataKey} and
     * {@code kms:Decrypt} on that key); nothing with SSE-SQS. The key's grant helpers would add more actions than
     * sending needs.
     *
     * @param role a role that sends messages to one of the queues
     */
    public void grantKeyForSending(IRole role) {
        if (encryptionKey != null) {
            PrincipalPolicy.allow(role, List.of("kms:GenerateDataKey", "kms:Decrypt"), encryptionKey.getKeyArn());
        }
    }

    /** @return the queue API Gateway writes envelopes to, redriven to {@link #deadLetterQueue()} */
    public Queue queue() {
        return queue;
    }

    /** @return the dead-letter queue: valid events that could not be delivered */
    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** @return the rejected queue: hits the processor's policy refused */
    public Queue rejectedQueue() {
        return rejectedQueue;
    }
}
