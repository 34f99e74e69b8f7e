package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The relay against ElasticMQ, called by the SDK's SQS client as the processor calls it. */
class TimeScaledSqsRelayTest {

    /** An hour of simulated time per wall-clock second. */
    private static final TimeScale HOUR_PER_SECOND = new TimeScale(3_600);

    private LocalQueues queues;
    private TimeScaledSqsRelay relay;
    private SqsClient throughRelay;

    @BeforeEach
    void start() {
        queues = LocalQueues.start(30, 10);
        relay = TimeScaledSqsRelay.start(queues.endpoint(), HOUR_PER_SECOND, 7);
        throughRelay = SqsClient.builder()
                .endpointOverride(relay.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        throughRelay.close();
        relay.close();
        queues.close();
    }

    @Test
    void aBatchOfTwoHourPostponementsEndsAfterTwoSeconds() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            throughRelay.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("hit " + n));
        }
        List<Message> received = receive(3);
        List<ChangeMessageVisibilityBatchRequestEntry> entries = received.stream()
                .map(message -> ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("m" + received.indexOf(message)).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(7_200).build())
                .toList();

        assertThat(throughRelay.changeMessageVisibilityBatch(b -> b.queueUrl(queues.queueUrl()).entries(entries))
                .failed()).isEmpty();

        assertThat(relay.compressedTimeouts()).isEqualTo(3);
        assertThat(relay.simulatedSeconds()).isEqualTo(3 * 7_200);
        assertThat(relay.wallClockSeconds()).isEqualTo(3 * 2);
        // Uncompressed they would stay hidden for two hours; the receive count shows they came back.
        List<Message> again = receive(3);
        assertThat(again).extracting(message -> message.attributes()
                .get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).containsOnly("2");
    }

    @Test
    void aSinglePostponementIsCompressedToo() {
        throughRelay.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("hit"));
        Message message = receive(1).get(0);

        throughRelay.changeMessageVisibility(b -> b.queueUrl(queues.queueUrl())
                .receiptHandle(message.receiptHandle()).visibilityTimeout(3_600));

        assertThat(relay.compressedTimeouts()).isEqualTo(1);
        assertThat(relay.wallClockSeconds()).isEqualTo(1);
        assertThat(receive(1).get(0).body()).isEqualTo("hit");
    }

    @Test
    void otherCallsPassThroughUnchanged() {
        throughRelay.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("{\"VisibilityTimeout\":7200}")
                .messageAttributes(Map.of("reason",
                        MessageAttributeValue.builder().dataType("String").stringValue("kept").build())));

        List<Message> direct = queues.client().receiveMessage(b -> b.queueUrl(queues.queueUrl())
                .waitTimeSeconds(5).messageAttributeNames("All")).messages();

        assertThat(direct).hasSize(1);
        assertThat(direct.get(0).body()).isEqualTo("{\"VisibilityTimeout\":7200}");
        assertThat(direct.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("kept");
        assertThat(relay.compressedTimeouts()).isZero();
        assertThat(throughRelay.getQueueUrl(b -> b.queueName("connector-queue")).queueUrl())
                .endsWith("/connector-queue");
    }

    /**
     * Receives directly from ElasticMQ until {@code count} messages came, in at most twelve 5-second long polls: a
     * message hidden for the uncompressed hours would never come.
     */
    private List<Message> receive(int count) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < 12 && messages.size() < count; poll++) {
            messages.addAll(queues.client().receiveMessage(b -> b.queueUrl(queues.queueUrl())
                    .maxNumberOfMessages(count - messages.size()).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages());
        }
        assertThat(messages).as("messages received").hasSize(count);
        return messages;
    }
}
