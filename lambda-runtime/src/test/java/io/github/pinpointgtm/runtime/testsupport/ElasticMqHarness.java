package io.github.pinpointgtm.runtime.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** An in-JVM ElasticMQ (SQS-compatible) server on a random loopback port, with a client for test assertions. */
public final class ElasticMqHarness implements AutoCloseable {

    static {
        // Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK on loopback (read by pekko's config loader).
        System.setProperty("pekko.http.server.socket-options.tcp-no-delay", "on");
    }

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqHarness() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = SqsClient.builder()
                .endpointOverride(endpoint) // test-side client only; the processor uses the standard configuration
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static ElasticMqHarness start() {
        return new ElasticMqHarness();
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /** @return the new queue's URL */
    public String createQueue(String name) {
        return client.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** Receives and deletes every message currently in the queue, with all message attributes. */
    public List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            ReceiveMessageResponse response = client.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(0)
                    .messageAttributeNames("All"));
            if (response.messages().isEmpty()) {
                return all;
            }
            all.addAll(response.messages());
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : response.messages()) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id("d" + entries.size()).receiptHandle(message.receiptHandle()).build());
            }
            client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
