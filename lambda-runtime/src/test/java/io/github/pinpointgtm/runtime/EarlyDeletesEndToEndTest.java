package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.hit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.retry.BackoffSchedule;
import io.github.pinpointgtm.runtime.retry.Retries;
import io.github.pinpointgtm.runtime.retry.VisibilityBackoff;
import io.github.pinpointgtm.runtime.source.SourceQueueDeletes;
import io.github.pinpointgtm.runtime.source.SourceQueues;
import io.github.pinpointgtm.runtime.testsupport.Events;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.testkit.SourceQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Early deletes against ElasticMQ: each accepted destination request's messages leave the source queue while the
 * invocation still runs. The source queue's visibility timeout is 0, so every message the processor neither deleted
 * nor postponed is visible again at once, as after a crash.
 */
class EarlyDeletesEndToEndTest extends EndToEndFixture<KinesisStandIn> {

    private SourceQueue source;

    EarlyDeletesEndToEndTest() {
        super(LocalAws.Service.KINESIS, () -> KinesisStandIn.start(LocalAws.STREAM_NAME));
    }

    @BeforeEach
    void createTheSourceQueue() {
        source = SourceQueue.create(sqs);
    }

    private List<SQSMessage> sendAndReceive(int hits) {
        IntStream.range(0, hits).forEach(i -> source.send(hit("req-" + i, "purchase", "endpoint-" + i)));
        List<SQSMessage> records = new ArrayList<>();
        while (records.size() < hits) {
            List<SQSMessage> received = source.receive();
            assertThat(received).as("the queue holds the hits just sent").isNotEmpty();
            records.addAll(received);
        }
        return records;
    }

    @Test
    void theHandlerDeletesDeliveredMessagesItselfAndPostponesOnlyTheOneToRetry() {
        destination.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return record.partitionKey().equals("endpoint-3")
                        ? new RecordFault("KMSDisabledException", "The KMS key is disabled.") : null;
            }
        });
        List<SQSMessage> records = sendAndReceive(8);

        SQSBatchResponse response = new SqsEventHandler(LocalAws.kinesisEnvironment(queues), output, Clock.systemUTC())
                .handleRequest(batch(records), LocalLambdaContext.withMillisLeft(10_000));

        String failing = records.stream().filter(r -> r.getBody().contains("endpoint-3")).findFirst().orElseThrow()
                .getMessageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(failing);
        // Nobody deleted anything after the handler returned, yet the seven delivered messages are gone: the processor
        // deleted them; the eighth is hidden by its backoff.
        assertThat(source.receive()).isEmpty();
        assertThat(source.invisibleMessages()).isEqualTo(1);
        assertThat(logLines()).noneSatisfy(line -> assertThat(line).containsEntry("message", "early delete failed"));
    }

    /** The processor as the handler builds it, on ElasticMQ, with every message read as an accepted event. */
    private BatchProcessor processorDeliveringTo(EventDestination destination) {
        Function<String, HitOutcome> acceptingEverything = body -> new HitOutcome.Accepted(
                Events.event("req", "endpoint"), 0);
        SourceQueues sourceQueues = new SourceQueues(sqs.client());
        return new BatchProcessor(acceptingEverything, destination,
                new DeadLetterPublisher(sqs.client(), queues.rejectedQueueUrl()),
                new DeadLetterPublisher(sqs.client(), queues.deadLetterQueueUrl()),
                new Retries(new VisibilityBackoff(sourceQueues, new BackoffSchedule(new SplittableRandom(3))),
                        OptionalInt.of(5)),
                new EarlyDeletes(new SourceQueueDeletes(sourceQueues)),
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
    }

    /** Delivers a first request of three events, telling the observer; the second request crashes. */
    private static EventDestination crashingOnTheSecondRequest() {
        return (events, deadline, observer) -> {
            observer.eventsDelivered(List.of(0, 1, 2));
            throw new OutOfMemoryError("the invocation dies in the second request");
        };
    }

    @Test
    void aCrashAfterTheFirstRequestRedeliversOnlyTheMessagesNotYetDelivered() {
        List<SQSMessage> records = sendAndReceive(7);
        BatchProcessor processor = processorDeliveringTo(crashingOnTheSecondRequest());

        assertThatThrownBy(() -> processor.process(records, InvocationBudget.fromRemaining(Duration.ofSeconds(10)),
                new InvocationMetrics(), "crashing")).isInstanceOf(OutOfMemoryError.class);

        List<String> redelivered = new ArrayList<>();
        source.receive().forEach(message -> redelivered.add(message.getMessageId()));
        assertThat(redelivered).containsExactlyInAnyOrderElementsOf(records.subList(3, 7).stream()
                .map(SQSMessage::getMessageId).toList());
        assertThat(destination.requestCount()).isZero();
    }

    @Test
    void withoutEarlyDeletesACrashWouldRedeliverTheWholeBatch() {
        // The control experiment: the same crash, but the destination never reports a delivery.
        List<SQSMessage> records = sendAndReceive(4);
        EventDestination crashing = (events, deadline, observer) -> {
            throw new OutOfMemoryError("the invocation dies before any request was read");
        };
        BatchProcessor processor = processorDeliveringTo(crashing);

        assertThatThrownBy(() -> processor.process(records, InvocationBudget.fromRemaining(Duration.ofSeconds(10)),
                new InvocationMetrics(), "crashing")).isInstanceOf(OutOfMemoryError.class);

        assertThat(source.receive()).hasSize(4);
    }
}
