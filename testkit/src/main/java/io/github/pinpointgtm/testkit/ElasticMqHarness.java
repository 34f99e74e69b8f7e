package io.github.pinpointgtm.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An in-JVM ElasticMQ (SQS-compatible) server on a random loopback port, with a client for test assertions.
 *
 * <p>{@link #start()} starts one now; {@link #perTestClass()} makes one for a test class's static
 * {@code @RegisterExtension} field, started before the class's first test and closed after its last.
 */
public final class ElasticMqHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    static {
        // Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK on loopback (read by pekko's config loader).
        System.setProperty("pekko.http.server.socket-options.tcp-no-delay", "on");
    }

    private record Running(SQSRestServer server, URI endpoint, SqsClient client) {
    }

    private volatile Running running;
    /** The test class that started it, when it runs as an extension. */
    private String startedFor;

    private ElasticMqHarness() {
    }

    /** @return a running server */
    public static ElasticMqHarness start() {
        ElasticMqHarness harness = new ElasticMqHarness();
        harness.running = startServer();
        return harness;
    }

    /** @return a server for a static {@code @RegisterExtension} field: it runs while the test class runs */
    public static ElasticMqHarness perTestClass() {
        return new ElasticMqHarness();
    }

    private static Running startServer() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        SqsClient client = SqsClient.builder()
                .endpointOverride(endpoint) // test-side client only; the processor uses the standard configuration
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new Running(server, endpoint, client);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (running == null) { // a nested class shares its enclosing class's server
            running = startServer();
            startedFor = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedFor)) {
            close();
        }
    }

    private Running running() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("ElasticMQ is not running (register perTestClass() as a static"
                    + " @RegisterExtension field, or use start())");
        }
        return current;
    }

    public URI endpoint() {
        return running().endpoint();
    }

    public SqsClient client() {
        return running().client();
    }

    /** @return the new queue's URL */
    public String createQueue(String name) {
        return client().createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** Receives and deletes every message currently in the queue, with all message attributes. */
    public List<Message> drain(String queueUrl) {
        SqsClient client = client();
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
        Running current = running;
        running = null;
        if (current != null) {
            current.client().close();
            current.server().stopAndWait();
        }
    }
}
