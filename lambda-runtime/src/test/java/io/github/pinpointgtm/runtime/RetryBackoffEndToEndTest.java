package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.hit;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.retry.Retries;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.SourceQueue;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Retries against ElasticMQ: the processor postpones a message it must retry on the queue it came from, and on the
 * queue's last allowed receive dead-letters it with reason {@code retries-exhausted}. The source queue's own
 * visibility timeout is 0, so only the processor's postponement keeps a message from coming straight back.
 */
class RetryBackoffEndToEndTest extends EndToEndFixture<PinpointStandIn> {

    private SourceQueue source;

    RetryBackoffEndToEndTest() {
        super(LocalAws.Service.PINPOINT, () -> PinpointStandIn.start(LocalAws.APPLICATION_ID));
    }

    @BeforeEach
    void throttleEveryRequestAndCreateTheSourceQueue() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return PinpointStandIn.throttle();
            }
        });
        source = SourceQueue.create(sqs);
    }

    private SQSBatchResponse handle(Map<String, String> environment, List<SQSMessage> records) {
        return new SqsEventHandler(environment, output, Clock.systemUTC())
                .handleRequest(batch(records), LocalLambdaContext.withMillisLeft(10_000));
    }

    private Map<String, String> environmentWithMaxReceiveCount(int maxReceiveCount) {
        Map<String, String> environment = new HashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("MAX_RECEIVE_COUNT", Integer.toString(maxReceiveCount));
        return environment;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void aMessageToRetryIsHiddenOnItsSourceQueueInsteadOfComingStraightBack() {
        source.send(hit("req-1", "purchase", "endpoint-1"));
        List<SQSMessage> records = source.receive();
        assertThat(records).singleElement()
                .satisfies(r -> assertThat(Retries.receiveCount(r)).isEqualTo(1));

        SQSBatchResponse response = handle(environmentWithMaxReceiveCount(5), records);

        assertThat(failedIds(response)).containsExactly(records.get(0).getMessageId());
        assertThat(source.receive()).isEmpty();
        assertThat(source.invisibleMessages()).isEqualTo(1);
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
    }

    @Test
    void onTheLastAllowedReceiveTheMessageIsDeadLetteredAsRetriesExhaustedWithTheLastFailure() {
        String body = hit("req-2", "purchase", "endpoint-2");
        source.send(body);
        List<SQSMessage> first = source.receive();
        SQSBatchResponse firstResponse = handle(environmentWithMaxReceiveCount(2), first);
        assertThat(failedIds(firstResponse)).containsExactly(first.get(0).getMessageId());
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
        // Cut the postponement short, as time passing would.
        sqs.client().changeMessageVisibility(b -> b.queueUrl(source.url())
                .receiptHandle(first.get(0).getReceiptHandle()).visibilityTimeout(0));

        List<SQSMessage> second = source.receive();
        assertThat(second).singleElement().satisfies(r -> assertThat(Retries.receiveCount(r)).isEqualTo(2));
        SQSBatchResponse secondResponse = handle(environmentWithMaxReceiveCount(2), second);

        assertThat(secondResponse.getBatchItemFailures()).isEmpty();
        List<Message> deadLetters = sqs.drain(queues.deadLetterQueueUrl());
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo(body);
            assertThat(letter.messageAttributes().get("reason").stringValue()).isEqualTo("retries-exhausted");
            assertThat(letter.messageAttributes().get("detail").stringValue())
                    .contains("receive 2").contains("throttled");
        });
        assertThat(sqs.drain(queues.rejectedQueueUrl())).isEmpty();
    }

    @Test
    void beforeTheLastReceiveTheReceiveCountOnlyPostpones() {
        source.send(hit("req-3", "purchase", "endpoint-3"));
        List<SQSMessage> first = source.receive();
        handle(environmentWithMaxReceiveCount(3), first);
        sqs.client().changeMessageVisibility(b -> b.queueUrl(source.url())
                .receiptHandle(first.get(0).getReceiptHandle()).visibilityTimeout(0));
        List<SQSMessage> second = source.receive();

        SQSBatchResponse response = handle(environmentWithMaxReceiveCount(3), second);

        assertThat(failedIds(response)).containsExactly(second.get(0).getMessageId());
        assertThat(source.receive()).isEmpty();
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
    }

    @Test
    void aPostponementSqsRefusesStillReportsTheMessageToRetry() {
        source.send(hit("req-4", "purchase", "endpoint-4"));
        List<SQSMessage> records = source.receive();
        records.get(0).setEventSourceArn(source.arn() + "-deleted");

        SQSBatchResponse response = handle(environmentWithMaxReceiveCount(5), records);

        assertThat(failedIds(response)).containsExactly(records.get(0).getMessageId());
        assertThat(logLines()).anySatisfy(line -> {
            assertThat(line).containsEntry("message", "backoff not set").containsEntry("messages", 1);
            assertThat((String) line.get("detail")).contains("-deleted");
        });
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
    }
}
