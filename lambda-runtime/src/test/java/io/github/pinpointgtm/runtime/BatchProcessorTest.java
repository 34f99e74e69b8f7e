package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.identity.SigningKeysStaleException;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.CountMetric;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.retry.BackoffSchedule;
import io.github.pinpointgtm.runtime.retry.Retries;
import io.github.pinpointgtm.runtime.retry.VisibilityBackoff;
import io.github.pinpointgtm.runtime.source.SourceQueueDeletes;
import io.github.pinpointgtm.runtime.source.SourceQueues;
import io.github.pinpointgtm.runtime.testsupport.Events;
import io.github.pinpointgtm.testkit.RecordingSqsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;

/**
 * The batch orchestration with stand-ins for reading, destination and SQS, to force the failures a real reader or
 * destination should never produce.
 */
class BatchProcessorTest {

    /** Each test's own: a budget shared by the class would run out for the tests that come late. */
    private final InvocationBudget tenSeconds = InvocationBudget.fromRemaining(Duration.ofSeconds(10));

    /**
     * Bodies {@code ok:<id>} are accepted events, {@code cut:<id>} accepted events whose derived attributes did not
     * all fit, {@code bad:<id>} rejections, {@code boom} throws, {@code stale} finds
     * the identity keys older than the hit.
     */
    private static final Function<String, HitOutcome> READER = body -> {
        if (body.equals("boom")) {
            throw new IllegalStateException("reader bug");
        }
        if (body.equals("stale")) {
            throw new SigningKeysStaleException("the keys were read before the hit arrived");
        }
        String id = body.substring(body.indexOf(':') + 1);
        if (body.startsWith("cut:")) {
            return new HitOutcome.Accepted(Events.event(id, "endpoint-" + id), 0,
                    new EnrichmentReport(false, List.of("page_path"), List.of("gclid", "page_host"), false));
        }
        return body.startsWith("ok:")
                ? new HitOutcome.Accepted(Events.event(id, "endpoint-" + id), 2)
                : new HitOutcome.Rejected(new Rejection(RejectionReason.MISSING_EVENT_TYPE, "no event"));
    };

    private final StringBuilder output = new StringBuilder();
    private final InvocationMetrics metrics = new InvocationMetrics();
    private final RecordingSqsClient rejectedQueue = RecordingSqsClient.acceptingEverything();
    private final RecordingSqsClient deadLetterQueue = RecordingSqsClient.acceptingEverything();
    private final RecordingSqsClient sourceQueue = RecordingSqsClient.acceptingEverything();
    private Retries retries = new Retries(new VisibilityBackoff(sourceQueue, new BackoffSchedule(new SplittableRandom(7))),
            OptionalInt.of(MAX_RECEIVE_COUNT));

    private final EarlyDeletes earlyDeletes = new EarlyDeletes(new SourceQueueDeletes(new SourceQueues(sourceQueue)));

    private static final int MAX_RECEIVE_COUNT = 4;
    private static final String SOURCE_ARN = "arn:aws:sqs:eu-west-1:123456789012:main";

    /** @return a record as Lambda hands it over: its receipt handle, receive count and source queue */
    private static SQSMessage received(String messageId, String body, int receiveCount) {
        SQSMessage message = message(messageId, body);
        message.setReceiptHandle("handle-" + messageId);
        message.setEventSourceArn(SOURCE_ARN);
        message.setAttributes(java.util.Map.of(Retries.RECEIVE_COUNT_ATTRIBUTE, Integer.toString(receiveCount)));
        return message;
    }

    private static EventDestination throttlingAll() {
        return (events, deadline, observer) -> events.stream()
                .map(e -> (DeliveryOutcome) new DeliveryOutcome.Retryable("throttled", "Rate exceeded"))
                .toList();
    }

    private BatchResult process(EventDestination destination, List<SQSMessage> messages) {
        return processor(destination, rejectedQueue, deadLetterQueue)
                .process(messages, tenSeconds, metrics, "request-1");
    }

    private BatchProcessor processor(EventDestination destination, RecordingSqsClient rejected,
                                     RecordingSqsClient deadLetters) {
        return new BatchProcessor(READER, destination,
                new DeadLetterPublisher(rejected, "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected"),
                new DeadLetterPublisher(deadLetters, "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
                retries, earlyDeletes,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
    }

    private static EventDestination deliveringAll() {
        return (events, deadline, observer) -> events.stream().map(e -> DeliveryOutcome.DELIVERED).toList();
    }

    @Test
    void derivedAttributesCutOrLeftOutAreCountedAndLoggedByNameAndTheEventIsDelivered() {
        BatchResult result = process(deliveringAll(), List.of(message("m1", "cut:1"), message("m2", "ok:2")));

        assertThat(result.messages()).extracting(MessageResult::disposition)
                .containsOnly(MessageDisposition.DELIVERED);
        assertThat(metrics.snapshot().count(CountMetric.DERIVED_ATTRIBUTES_TRUNCATED)).isEqualTo(1);
        assertThat(metrics.snapshot().count(CountMetric.DERIVED_ATTRIBUTES_OMITTED)).isEqualTo(2);
        assertThat(output.toString().lines().filter(line -> line.contains("derived attributes limited")))
                .singleElement().asString()
                .contains("\"messageId\":\"m1\"", "\"truncated\":\"page_path\"",
                        "\"omitted\":\"gclid,page_host\"");
    }

    @Test
    void anExceptionWhileReadingOneMessageRetriesOnlyThatMessage() {
        BatchResult result = process(deliveringAll(), List.of(message("m1", "ok:1"), message("m2", "boom"),
                message("m3", "bad:3"), message("m4", null)));

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition, MessageResult::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.DELIVERED, ""),
                        org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.RETRY, "read-failed"),
                        org.assertj.core.groups.Tuple.tuple("m3", MessageDisposition.REJECTED, "missing-event-type"),
                        org.assertj.core.groups.Tuple.tuple("m4", MessageDisposition.RETRY, "read-failed"));
        assertThat(result.toResponse().getBatchItemFailures())
                .extracting(f -> f.getItemIdentifier()).containsExactly("m2", "m4");
        assertThat(output.toString()).contains("\"message\":\"unexpected error\"").contains("reader bug");
    }

    @Test
    void aHitWhoseSignatureNeedsNewerKeysIsRetriedNeitherRejectedNorLoggedAsAnError() {
        BatchResult result = process(deliveringAll(), List.of(message("m1", "stale"), message("m2", "ok:2")));

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition,
                MessageResult::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.RETRY, "identity-keys-stale"),
                        org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.DELIVERED, ""));
        assertThat(rejectedQueue.stored()).isEmpty();
        assertThat(output.toString()).doesNotContain("\"level\":\"ERROR\"")
                .contains("the keys were read before the hit arrived");
    }

    @Test
    void aDestinationThatThrowsRetriesItsEventsAndStillRejectsTheRefusedHits() {
        EventDestination failing = (events, deadline, observer) -> {
            throw new IllegalStateException("destination bug");
        };

        BatchResult result = process(failing, List.of(message("m1", "ok:1"), message("m2", "bad:2"), message("m3", "ok:3")));

        assertThat(result.messages()).extracting(MessageResult::disposition).containsExactly(
                MessageDisposition.RETRY, MessageDisposition.REJECTED, MessageDisposition.RETRY);
        assertThat(result.messages().get(0).reason()).isEqualTo("delivery-failed");
        assertThat(rejectedQueue.stored()).extracting(e -> e.messageBody()).containsExactly("bad:2");
        assertThat(deadLetterQueue.stored()).isEmpty();
    }

    @Test
    void aDestinationAnsweringForTheWrongNumberOfEventsDeliversNothing() {
        EventDestination miscounting = (events, deadline, observer) -> List.of(DeliveryOutcome.DELIVERED);

        BatchResult result = process(miscounting, List.of(message("m1", "ok:1"), message("m2", "ok:2")));

        assertThat(result.messages()).extracting(MessageResult::disposition)
                .containsOnly(MessageDisposition.RETRY);
    }

    @Test
    void refusedEventsAreDeadLetteredWithTheDestinationsReasonRefusedHitsRejectedAndRetryableOnesRetried() {
        EventDestination mixed = (events, deadline, observer) -> List.of(
                DeliveryOutcome.DELIVERED,
                new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, "400 for this event")),
                new DeliveryOutcome.Retryable("throttled", "429"));

        BatchResult result = process(mixed, List.of(message("m1", "ok:1"), message("m2", "ok:2"), message("m3", "ok:3"),
                message("m4", "bad:4")));

        assertThat(result.messages()).containsExactly(
                MessageResult.delivered("m1"),
                MessageResult.deadLettered("m2", "destination-rejected", "400 for this event"),
                MessageResult.retry("m3", "throttled", "429"),
                MessageResult.rejected("m4", "missing-event-type", "no event"));
        assertThat(rejectedQueue.stored()).singleElement().satisfies(entry -> {
            assertThat(entry.messageBody()).isEqualTo("bad:4");
            assertThat(entry.messageAttributes().get("reason").stringValue()).isEqualTo("missing-event-type");
            assertThat(entry.messageAttributes().get("detail").stringValue()).isEqualTo("no event");
        });
        assertThat(deadLetterQueue.stored()).singleElement().satisfies(entry -> {
            assertThat(entry.messageBody()).isEqualTo("ok:2");
            assertThat(entry.messageAttributes().get("reason").stringValue()).isEqualTo("destination-rejected");
            assertThat(entry.messageAttributes().get("detail").stringValue()).isEqualTo("400 for this event");
        });
        InvocationMetrics.Snapshot figures = metrics.snapshot();
        assertThat(figures.count(CountMetric.RECEIVED)).isEqualTo(4);
        assertThat(figures.count(CountMetric.DELIVERED)).isEqualTo(1);
        assertThat(figures.count(CountMetric.REJECTED)).isEqualTo(1);
        assertThat(figures.count(CountMetric.DEAD_LETTERED)).isEqualTo(1);
        assertThat(figures.count(CountMetric.RETRIED)).isEqualTo(1);
        assertThat(figures.count(CountMetric.IGNORED_USER_ATTRIBUTES)).isEqualTo(6);
        assertThat(figures.rejectedByReason()).containsExactlyEntriesOf(java.util.Map.of("missing-event-type", 1L));
        assertThat(figures.deadLetteredByReason())
                .containsExactlyEntriesOf(java.util.Map.of("destination-rejected", 1L));
    }

    @Test
    void aRefusedHitTheRejectedQueueDoesNotTakeIsRetriedAndNeverDeadLettered() {
        BatchProcessor processor = processor(deliveringAll(), new RecordingSqsClient(entry -> true), deadLetterQueue);

        BatchResult result = processor.process(List.of(message("m1", "bad:1")), tenSeconds, metrics, "r");

        assertThat(result.messages()).singleElement().satisfies(m -> {
            assertThat(m.disposition()).isEqualTo(MessageDisposition.RETRY);
            assertThat(m.reason()).isEqualTo("rejected-queue-failed");
            assertThat(m.detail()).contains("missing-event-type").contains("rejected queue").contains("refused");
        });
        assertThat(deadLetterQueue.stored()).isEmpty();
        assertThat(metrics.snapshot().rejectedByReason()).containsEntry("missing-event-type", 1L);
        assertThat(metrics.snapshot().count(CountMetric.REJECTED)).isZero();
        assertThat(metrics.snapshot().count(CountMetric.RETRIED)).isEqualTo(1);
    }

    @Test
    void anUndeliverableEventTheDeadLetterQueueDoesNotTakeIsRetriedAndNeverRejected() {
        EventDestination refusing = (events, deadline, observer) -> events.stream()
                .map(e -> (DeliveryOutcome) new DeliveryOutcome.Rejected(
                        new Rejection(RejectionReason.DESTINATION_REJECTED, "400 for this event")))
                .toList();
        BatchProcessor processor = processor(refusing, rejectedQueue, new RecordingSqsClient(entry -> true));

        BatchResult result = processor.process(List.of(message("m1", "ok:1")), tenSeconds, metrics, "r");

        assertThat(result.messages()).singleElement().satisfies(m -> {
            assertThat(m.disposition()).isEqualTo(MessageDisposition.RETRY);
            assertThat(m.reason()).isEqualTo("dead-letter-failed");
            assertThat(m.detail()).contains("destination-rejected").contains("dead-letter queue");
        });
        assertThat(rejectedQueue.stored()).isEmpty();
        assertThat(metrics.snapshot().deadLetteredByReason()).containsEntry("destination-rejected", 1L);
        assertThat(metrics.snapshot().count(CountMetric.DEAD_LETTERED)).isZero();
    }

    @Test
    void aLimitTheDestinationEnforcesIsDeadLetteredAndTheSameReasonFromThePolicyIsRejected() {
        Function<String, HitOutcome> reader = body -> body.startsWith("big:")
                ? new HitOutcome.Rejected(new Rejection(RejectionReason.LIMIT_EXCEEDED, "too many attributes"))
                : READER.apply(body);
        EventDestination tooLarge = (events, deadline, observer) -> events.stream()
                .map(e -> (DeliveryOutcome) new DeliveryOutcome.Rejected(
                        new Rejection(RejectionReason.LIMIT_EXCEEDED, "record too large")))
                .toList();
        BatchProcessor processor = new BatchProcessor(reader, tooLarge,
                new DeadLetterPublisher(rejectedQueue, "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected"),
                new DeadLetterPublisher(deadLetterQueue, "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
                retries, earlyDeletes,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        BatchResult result = processor.process(List.of(message("m1", "big:1"), message("m2", "ok:2")), tenSeconds,
                metrics, "r");

        assertThat(result.messages()).containsExactly(
                MessageResult.rejected("m1", "limit-exceeded", "too many attributes"),
                MessageResult.deadLettered("m2", "limit-exceeded", "record too large"));
        assertThat(rejectedQueue.stored()).extracting(e -> e.messageBody()).containsExactly("big:1");
        assertThat(deadLetterQueue.stored()).extracting(e -> e.messageBody()).containsExactly("ok:2");
    }

    @Test
    void aRetryBeforeTheLastReceiveIsPostponedByTheBackoffForItsReceiveCount() {
        BatchResult result = process(throttlingAll(), List.of(received("m1", "ok:1", 1),
                received("m2", "ok:2", MAX_RECEIVE_COUNT - 1)));

        assertThat(result.messages()).extracting(MessageResult::disposition).containsOnly(MessageDisposition.RETRY);
        assertThat(sourceQueue.visibilityChanges()).hasSize(2);
        assertThat(sourceQueue.visibilityChanges().get(0).receiptHandle()).isEqualTo("handle-m1");
        assertThat(sourceQueue.visibilityChanges().get(0).visibilityTimeout()).isBetween(
                (int) BackoffSchedule.minimum(1).toSeconds(), (int) BackoffSchedule.ceiling(1).toSeconds());
        assertThat(sourceQueue.visibilityChanges().get(1).receiptHandle()).isEqualTo("handle-m2");
        assertThat(sourceQueue.visibilityChanges().get(1).visibilityTimeout()).isBetween(
                (int) BackoffSchedule.minimum(MAX_RECEIVE_COUNT - 1).toSeconds(),
                (int) BackoffSchedule.ceiling(MAX_RECEIVE_COUNT - 1).toSeconds());
        assertThat(deadLetterQueue.stored()).isEmpty();
    }

    @Test
    void aRetryOnTheLastReceiveIsDeadLetteredAsRetriesExhaustedWithTheLastFailure() {
        BatchResult result = process(throttlingAll(), List.of(received("m1", "ok:1", MAX_RECEIVE_COUNT),
                received("m2", "boom", MAX_RECEIVE_COUNT + 1), received("m3", "ok:3", 2)));

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition,
                MessageResult::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.DEAD_LETTERED, "retries-exhausted"),
                org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.DEAD_LETTERED, "retries-exhausted"),
                org.assertj.core.groups.Tuple.tuple("m3", MessageDisposition.RETRY, "throttled"));
        assertThat(deadLetterQueue.stored()).extracting(e -> e.messageBody()).containsExactly("ok:1", "boom");
        assertThat(deadLetterQueue.stored().get(0).messageAttributes().get("reason").stringValue())
                .isEqualTo("retries-exhausted");
        assertThat(deadLetterQueue.stored().get(0).messageAttributes().get("detail").stringValue())
                .contains("receive " + MAX_RECEIVE_COUNT).contains("throttled: Rate exceeded");
        assertThat(deadLetterQueue.stored().get(1).messageAttributes().get("detail").stringValue())
                .contains("read-failed").contains("reader bug");
        assertThat(result.toResponse().getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .containsExactly("m3");
        assertThat(sourceQueue.visibilityChanges()).extracting(e -> e.receiptHandle()).containsExactly("handle-m3");
        assertThat(metrics.snapshot().deadLetteredByReason()).containsEntry("retries-exhausted", 2L);
    }

    @Test
    void withoutAKnownMaxReceiveCountTheProcessorNeverGivesUpByItself() {
        retries = new Retries(new VisibilityBackoff(sourceQueue, new BackoffSchedule(new SplittableRandom(7))),
                OptionalInt.empty());

        BatchResult result = process(throttlingAll(), List.of(received("m1", "ok:1", 999)));

        assertThat(result.messages()).extracting(MessageResult::disposition).containsExactly(MessageDisposition.RETRY);
        assertThat(deadLetterQueue.stored()).isEmpty();
        assertThat(sourceQueue.visibilityChanges()).hasSize(1);
    }

    @Test
    void aRetryOnTheLastReceiveTheDeadLetterQueueDoesNotTakeIsLeftToTheRedriveNotPostponed() {
        BatchResult result = processor(throttlingAll(), rejectedQueue, new RecordingSqsClient(entry -> true))
                .process(List.of(received("m1", "ok:1", MAX_RECEIVE_COUNT)), tenSeconds, metrics, "r");

        assertThat(result.messages()).singleElement().satisfies(m -> {
            assertThat(m.disposition()).isEqualTo(MessageDisposition.RETRY);
            assertThat(m.reason()).isEqualTo("dead-letter-failed");
            assertThat(m.detail()).contains("retries-exhausted");
        });
        assertThat(sourceQueue.visibilityChanges()).isEmpty();
    }

    @Test
    void aPostponementThatThrowsStillReportsTheMessageToRetry() {
        SqsClientWithoutVisibility broken = new SqsClientWithoutVisibility();
        retries = new Retries(new VisibilityBackoff(broken, new BackoffSchedule(new SplittableRandom(7))),
                OptionalInt.of(MAX_RECEIVE_COUNT));

        BatchResult result = process(throttlingAll(), List.of(received("m1", "ok:1", 1)));

        assertThat(result.toResponse().getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .containsExactly("m1");
        assertThat(output.toString()).contains("postponing 1 messages to retry");
    }

    /** An SQS client whose every call fails in a way the SDK never would: a bug, not an SQS error. */
    private static final class SqsClientWithoutVisibility implements software.amazon.awssdk.services.sqs.SqsClient {
        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    /** Delivers the events in requests of two, telling the observer after each, as a real destination does. */
    private static EventDestination deliveringInRequestsOfTwo() {
        return (events, deadline, observer) -> {
            for (int from = 0; from < events.size(); from += 2) {
                observer.eventsDelivered(java.util.stream.IntStream.range(from, Math.min(events.size(), from + 2))
                        .boxed().toList());
            }
            return events.stream().map(e -> DeliveryOutcome.DELIVERED).toList();
        };
    }

    @Test
    void eachAcceptedRequestsMessagesAreDeletedFromTheSourceQueueAndNeverListedInTheResponse() {
        BatchResult result = process(deliveringInRequestsOfTwo(), List.of(received("m1", "ok:1", 1),
                received("m2", "bad:2", 1), received("m3", "ok:3", 1), received("m4", "ok:4", 1),
                received("m5", "ok:5", 1)));

        assertThat(sourceQueue.deletedHandles()).containsExactlyInAnyOrder("handle-m1", "handle-m3", "handle-m4",
                "handle-m5");
        assertThat(sourceQueue.queueUrlLookups()).as("one GetQueueUrl per queue and instance").containsExactly("main");
        assertThat(result.toResponse().getBatchItemFailures()).isEmpty();
        assertThat(result.count(MessageDisposition.DELIVERED)).isEqualTo(4);
        assertThat(output.toString()).doesNotContain("early delete failed");
    }

    @Test
    void aDeleteSqsRefusesIsLoggedAndTheMessageStaysDelivered() {
        sourceQueue.refusingDeletes(handle -> handle.equals("handle-m2"));

        BatchResult result = process(deliveringInRequestsOfTwo(), List.of(received("m1", "ok:1", 1),
                received("m2", "ok:2", 1), received("m3", "ok:3", 1)));

        assertThat(result.messages()).extracting(MessageResult::disposition).containsOnly(MessageDisposition.DELIVERED);
        assertThat(result.toResponse().getBatchItemFailures()).isEmpty();
        assertThat(sourceQueue.deletedHandles()).containsExactlyInAnyOrder("handle-m1", "handle-m3");
        assertThat(output.toString()).contains("\"message\":\"early delete failed\"").contains("\"messages\":1")
                .contains("ReceiptHandleIsInvalid");
    }

    @Test
    void onlyDeliveredMessagesAreDeletedEarly() {
        EventDestination mixed = (events, deadline, observer) -> {
            observer.eventsDelivered(List.of(0));
            return List.of(DeliveryOutcome.DELIVERED, new DeliveryOutcome.Retryable("throttled", "429"));
        };

        BatchResult result = process(mixed, List.of(received("m1", "ok:1", 1), received("m2", "ok:2", 1)));

        assertThat(sourceQueue.deletedHandles()).containsExactly("handle-m1");
        assertThat(result.toResponse().getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .containsExactly("m2");
    }

    @Test
    void anEventReportedDeliveredBeforeTheOutcomesAreReadStaysDeliveredWhateverItsOutcomeSays() {
        // The report comes first: already being deleted, the message must not be retried (on its last receive it
        // would even be dead-lettered as retries-exhausted).
        EventDestination reportedThenTimedOut = (events, deadline, observer) -> {
            observer.eventsDelivered(List.of(0));
            return List.of(new DeliveryOutcome.Retryable("deadline-exceeded", "the call did not finish in time"),
                    new DeliveryOutcome.Retryable("deadline-exceeded", "the call did not finish in time"));
        };

        BatchResult result = process(reportedThenTimedOut, List.of(received("m1", "ok:1", MAX_RECEIVE_COUNT),
                received("m2", "ok:2", 1)));

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.DELIVERED),
                org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.RETRY));
        assertThat(deadLetterQueue.stored()).isEmpty();
    }

    @Test
    void aRequestAcceptedAfterTheMessagesWereClassifiedChangesNothingAndDeletesNothing() throws Exception {
        // As a destination whose collection timed out while the request was still on its way: the request is accepted
        // later, on the destination's own thread, after the processor has dead-lettered and retried its messages.
        CountDownLatch classified = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        EventDestination acceptedLate = (events, deadline, observer) -> {
            Thread late = new Thread(() -> {
                try {
                    if (classified.await(60, TimeUnit.SECONDS)) {
                        observer.eventsDelivered(List.of(0, 1));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    reported.countDown();
                }
            });
            late.setDaemon(true);
            late.start();
            return Collections.nCopies(events.size(),
                    new DeliveryOutcome.Retryable("deadline-exceeded", "the PutEvents call did not finish in time"));
        };

        BatchResult result = process(acceptedLate, List.of(received("m1", "ok:1", MAX_RECEIVE_COUNT),
                received("m2", "ok:2", 1)));
        classified.countDown();
        assertThat(reported.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(result.messages()).extracting(MessageResult::messageId, MessageResult::disposition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m1", MessageDisposition.DEAD_LETTERED),
                org.assertj.core.groups.Tuple.tuple("m2", MessageDisposition.RETRY));
        assertThat(result.toResponse().getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .containsExactly("m2");
        assertThat(output.toString()).contains("\"message\":\"delivery reported too late\"").contains("\"events\":2");
        // Deletes the late report had started would have been queued before this invocation's, which it waits for.
        process(deliveringInRequestsOfTwo(), List.of(received("m3", "ok:3", 1)));
        assertThat(sourceQueue.deletedHandles()).containsExactly("handle-m3");
    }

    @Test
    void slowEarlyDeletesLeaveTheHandOffsAndPostponementsTheirTime() {
        // The delete of m1 answers only once the dead-letter queue took m3: waiting for it first would use up the time
        // of the hand-offs (they would find no time left and retry what they should park).
        CountDownLatch deadLettered = new CountDownLatch(1);
        RecordingSqsClient deadLetters = new RecordingSqsClient(entry -> {
            deadLettered.countDown();
            return false;
        });
        EarlyDeletes slowDeletes = new EarlyDeletes(new SourceQueueDeletes(new SourceQueues(
                new DeletingOnlyAfter(deadLettered, sourceQueue))));
        EventDestination mixed = (events, deadline, observer) -> {
            observer.eventsDelivered(List.of(0));
            return List.of(DeliveryOutcome.DELIVERED,
                    new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, "invalid")),
                    new DeliveryOutcome.Retryable("throttled", "Rate exceeded"));
        };
        BatchProcessor processor = new BatchProcessor(READER, mixed,
                new DeadLetterPublisher(rejectedQueue, "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected"),
                new DeadLetterPublisher(deadLetters, "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"),
                retries, slowDeletes, new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        BatchResult result = processor.process(List.of(received("m1", "ok:1", 1), received("m2", "bad:2", 1),
                received("m3", "ok:3", 1), received("m4", "ok:4", 1)), tenSeconds, metrics, "request-1");

        assertThat(result.messages()).extracting(MessageResult::disposition).containsExactly(
                MessageDisposition.DELIVERED, MessageDisposition.REJECTED, MessageDisposition.DEAD_LETTERED,
                MessageDisposition.RETRY);
        assertThat(rejectedQueue.stored()).hasSize(1);
        assertThat(deadLetters.stored()).hasSize(1);
        assertThat(sourceQueue.visibilityChanges()).extracting(entry -> entry.receiptHandle())
                .containsExactly("handle-m4");
        assertThat(sourceQueue.deletedHandles()).as("waited for after the hand-offs").containsExactly("handle-m1");
    }

    /** A source queue whose deletes answer only once a latch opens (at most a minute, so a bug cannot hang the run). */
    private static final class DeletingOnlyAfter implements software.amazon.awssdk.services.sqs.SqsClient {
        private final CountDownLatch open;
        private final RecordingSqsClient queue;

        DeletingOnlyAfter(CountDownLatch open, RecordingSqsClient queue) {
            this.open = open;
            this.queue = queue;
        }

        @Override
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
            return queue.getQueueUrl(request);
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            try {
                open.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return queue.deleteMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDestinationThatThrowsAnErrorAfterAnAcceptedRequestHasItsMessagesDeletedFirst() {
        EventDestination crashing = (events, deadline, observer) -> {
            observer.eventsDelivered(List.of(0, 1));
            throw new StackOverflowError("crash in the second request");
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> process(crashing, List.of(received("m1", "ok:1", 1),
                        received("m2", "ok:2", 1), received("m3", "ok:3", 1))))
                .isInstanceOf(StackOverflowError.class);

        assertThat(sourceQueue.deletedHandles()).containsExactlyInAnyOrder("handle-m1", "handle-m2");
    }

    @Test
    void inCallRetriesAreCounted() {
        EventDestination retrying = (events, deadline, observer) -> {
            observer.retriedInCall(3);
            observer.retriedInCall(1);
            return events.stream().map(e -> DeliveryOutcome.DELIVERED).toList();
        };

        process(retrying, List.of(received("m1", "ok:1", 1)));

        assertThat(metrics.snapshot().count(CountMetric.RECORDS_RETRIED_IN_CALL)).isEqualTo(4);
    }
}
