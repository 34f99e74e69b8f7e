package io.github.pinpointgtm.examples.local;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded SQS (ElasticMQ) on a random loopback port with the connector's queue, rejected queue and dead-letter
 * queue; the queue's visibility timeout and redrive policy (maxReceiveCount) are the synthesized template's.
 */
public final class LocalQueues implements AutoCloseable {

    static {
        // Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK on loopback (read by pekko's config loader).
        System.setProperty("pekko.http.server.socket-options.tcp-no-delay", "on");
    }

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final String rejectedQueueUrl;

    private LocalQueues(int visibilityTimeoutSeconds, int maxReceiveCount) {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        deadLetterQueueUrl = client.createQueue(b -> b.queueName("connector-dlq")).queueUrl();
        rejectedQueueUrl = client.createQueue(b -> b.queueName("connector-rejected")).queueUrl();
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
        return endpoint;
    }

    /** A client for the poller and for reading the queues. */
    public SqsClient client() {
        return client;
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
        client.close();
        server.stopAndWait();
    }
}
