package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.testkit.ElasticMqHarness;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded SQS (ElasticMQ) on a random loopback port with the connector's queue, rejected queue and dead-letter
 * queue; the queue's visibility timeout and redrive policy (maxReceiveCount) are the synthesized template's.
 */
public final class LocalQueues implements AutoCloseable {

    private final ElasticMqHarness sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final String rejectedQueueUrl;

    private LocalQueues(int visibilityTimeoutSeconds, int maxReceiveCount) {
        sqs = ElasticMqHarness.start();
        SqsClient client = sqs.client();
        deadLetterQueueUrl = sqs.createQueue("connector-dlq");
        rejectedQueueUrl = sqs.createQueue("connector-rejected");
        String deadLetterArn = client.getQueueAttributes(b -> b.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        queueUrl = client.createQueue(b -> b.queueName("connector-queue").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
    }

    /**
     * @param visibilityTimeoutSeconds the queue's visibility timeout
     * @param maxReceiveCount          receives before ElasticMQ moves a message to the dead-letter queue
     */
    public static LocalQueues start(int visibilityTimeoutSeconds, int maxReceiveCount) {
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1, got " + maxReceiveCount);
        }
        return new LocalQueues(visibilityTimeoutSeconds, maxReceiveCount);
    }

    /** The SQS endpoint (for the processor's {@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return sqs.endpoint();
    }

    /** A client for the poller and for reading the queues. */
    public SqsClient client() {
        return sqs.client();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    public String rejectedQueueUrl() {
        return rejectedQueueUrl;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
