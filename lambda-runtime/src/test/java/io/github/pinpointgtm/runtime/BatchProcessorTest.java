package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.testsupport.Events;
import io.github.pinpointgtm.runtime.testsupport.RecordingSqsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The batch orchestration with stand-ins for reading, destination and SQS, to force the failures a real reader or
 * destination should never produce.
 */
class BatchProcessorTest {

    private static final InvocationBudget TEN_SECONDS = InvocationBudget.fromRemaining(Duration.ofSeconds(10));

    /** Bodies {@code ok:<id>} are accepted events, {@code bad:<id>} rejections, {@code boom} throws. */
    private static final Function<String, HitOutcome> READER = body -> {
        if (body.equals("boom")) {
            throw new IllegalStateException("reader bug");
        }
        String id = body.substring(body.indexOf(':') + 1);
        return body.startsWith("ok:")
                ? new HitOutcome.Accepted(Events.event(id, "endpoint-" + id), 2)
                : new HitOutcome.Rejected(new Rejection(RejectionReason.MISSING_EVENT_TYPE, "no event"));
    };

    private final StringBuilder output = new StringBuilder();
    private final InvocationMetrics metrics = new InvocationMetrics();
    private final RecordingSqsClient sqs = RecordingSqsClient.acceptingEverything();

    private BatchResult process(EventDestination destination, List<SQSMessage> messages) {
        BatchProcessor processor = new BatchProcessor(READER, destination,
                new DeadLetterPublisher(sqs, "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
        return processor.process(messages, TEN_SECONDS, metrics, "request-1");
    }

    private static EventDestination deliveringAll() {
        return (events, deadline, observer) -> events.stream().map(e -> DeliveryOutcome.DELIVERED).toList();
    }

    @Test
    void anExceptionWhileReadingOneMessageRetriesOnlyThatMessage() {
        BatchResult result = process(deliveringAll(), List.of(message("m1", "ok:1"), message("m2", "boom"),
                message("m3", "bad:3"), message("m4", null)));

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition, MessageResult::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.DELIVERED, ""),
                        org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.RETRY, "read-failed"),
                        org.assertj.core.groups.Tuple.tuple("m3", MessageDisposition.DEAD_LETTERED, "missing-event-type"),
                        org.assertj.core.groups.Tuple.tuple("m4", MessageDisposition.RETRY, "read-failed"));
        assertThat(result.toResponse().getBatchItemFailures())
                .extracting(f -> f.getItemIdentifier()).containsExactly("m2", "m4");
        assertThat(output.toString()).contains("\"message\":\"unexpected error\"").contains("reader bug");
    }

    @Test
    void aDestinationThatThrowsRetriesItsEventsAndStillDeadLettersTheRest() {
        EventDestination failing = (events, deadline, observer) -> {
            throw new IllegalStateException("destination bug");
        };

        BatchResult result = process(failing, List.of(message("m1", "ok:1"), message("m2", "bad:2"), message("m3", "ok:3")));

        assertThat(result.messages()).extracting(MessageResult::disposition).containsExactly(
                MessageDisposition.RETRY, MessageDisposition.DEAD_LETTERED, MessageDisposition.RETRY);
        assertThat(result.messages().get(0).reason()).isEqualTo("delivery-failed");
        assertThat(sqs.stored()).extracting(e -> e.messageBody()).containsExactly("bad:2");
    }

    @Test
    void aDestinationAnsweringForTheWrongNumberOfEventsDeliversNothing() {
        EventDestination miscounting = (events, deadline, observer) -> List.of(DeliveryOutcome.DELIVERED);

        BatchResult result = process(miscounting, List.of(message("m1", "ok:1"), message("m2", "ok:2")));

        assertThat(result.messages()).extracting(MessageResult::disposition)
                .containsOnly(MessageDisposition.RETRY);
    }

    @Test
    void refusedEventsAreDeadLetteredWithTheDestinationsReasonAndRetryableOnesRetried() {
        EventDestination mixed = (events, deadline, observer) -> List.of(
                DeliveryOutcome.DELIVERED,
                new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, "400 for this event")),
                new DeliveryOutcome.Retryable("throttled", "429"));

        BatchResult result = process(mixed, List.of(message("m1", "ok:1"), message("m2", "ok:2"), message("m3", "ok:3")));

        assertThat(result.messages()).containsExactly(
                MessageResult.delivered("m1"),
                MessageResult.deadLettered("m2", "destination-rejected", "400 for this event"),
                MessageResult.retry("m3", "throttled", "429"));
        assertThat(sqs.stored()).singleElement().satisfies(entry -> {
            assertThat(entry.messageBody()).isEqualTo("ok:2");
            assertThat(entry.messageAttributes().get("reason").stringValue()).isEqualTo("destination-rejected");
            assertThat(entry.messageAttributes().get("detail").stringValue()).isEqualTo("400 for this event");
        });
        InvocationMetrics.Snapshot figures = metrics.snapshot();
        assertThat(figures.received()).isEqualTo(3);
        assertThat(figures.delivered()).isEqualTo(1);
        assertThat(figures.deadLettered()).isEqualTo(1);
        assertThat(figures.retried()).isEqualTo(1);
        assertThat(figures.ignoredUserAttributes()).isEqualTo(6);
        assertThat(figures.rejectedByReason()).containsExactlyEntriesOf(java.util.Map.of("destination-rejected", 1L));
    }

    @Test
    void aRejectedMessageTheDeadLetterQueueRefusesIsRetried() {
        RecordingSqsClient refusing = new RecordingSqsClient(entry -> true);
        BatchProcessor processor = new BatchProcessor(READER, deliveringAll(),
                new DeadLetterPublisher(refusing, "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        BatchResult result = processor.process(List.of(message("m1", "bad:1")), TEN_SECONDS, metrics, "r");

        assertThat(result.messages()).singleElement().satisfies(m -> {
            assertThat(m.disposition()).isEqualTo(MessageDisposition.RETRY);
            assertThat(m.reason()).isEqualTo("dead-letter-failed");
            assertThat(m.detail()).contains("missing-event-type").contains("refused");
        });
        assertThat(metrics.snapshot().rejectedByReason()).containsEntry("missing-event-type", 1L);
    }
}
