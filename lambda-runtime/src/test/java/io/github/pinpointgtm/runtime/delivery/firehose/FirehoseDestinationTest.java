package io.github.pinpointgtm.runtime.delivery.firehose;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRejected;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector.everyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import io.github.pinpointgtm.runtime.testsupport.SizedEvents;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.testkit.TestClients;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

class FirehoseDestinationTest {

    private static final String STREAM = LocalAws.DELIVERY_STREAM_NAME;

    private FirehoseStandIn firehose;
    private FirehoseClient client;
    private FirehoseDestination destination;
    private final RecordingObserver observer = new RecordingObserver();
    private final SimulatedTime time = new SimulatedTime();

    @BeforeEach
    void start() {
        firehose = FirehoseStandIn.start(STREAM);
        client = TestClients.firehose(firehose.endpoint());
        destination = new FirehoseDestination(client, STREAM, 4, time.retries(5));
    }

    @AfterEach
    void stop() {
        destination.close();
        client.close();
        firehose.close();
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    @Test
    void writesEachEventJsonAsOneLineOfNewlineDelimitedJson() {
        CustomerEvent full = event("req-1", "endpoint-a", Map.of("plan", "pro", "note", "line one\nline two"),
                Map.of("value", 9.5), "session-1", Map.of("tier", "gold"));
        CustomerEvent bare = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

        assertThat(deliver(List.of(full, bare))).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);

        assertThat(firehose.protocolViolations()).isEmpty();
        assertThat(firehose.contentTypes()).containsExactly(FirehoseStandIn.JSON_CONTENT_TYPE);
        List<ReceivedRecord> records = firehose.acceptedRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).text()).isEqualTo(new String(CustomerEventJson.toBytes(full), StandardCharsets.UTF_8) + "\n");
        assertThat(records.get(1).text()).isEqualTo(new String(CustomerEventJson.toBytes(bare), StandardCharsets.UTF_8) + "\n");
        // Firehose concatenates records into one S3 object: it must read back as one valid event per line.
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        records.forEach(record -> object.writeBytes(record.data()));
        List<String> lines = object.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        lines.forEach(EventJsonSchema::assertValid);
        assertThat(lines.get(0)).contains("\"eventId\":\"req-1\"").contains("line one\\nline two");
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void sendsAtMostFiveHundredRecordsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 1_001).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(1_001).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(firehose.recordsPerRequest()).containsExactlyInAnyOrder(500, 500, 1);
        assertThat(firehose.acceptedRecords()).hasSize(1_001);
        assertThat(firehose.protocolViolations()).isEmpty();
    }

    @Test
    void packsRequestsUpToFourMebibytesCountingTheNewlines() {
        // 13 records of 599,999 + 1 bytes: 6 fit in 4 MiB (4,194,304 bytes), 7 do not.
        List<CustomerEvent> events = IntStream.range(0, 13)
                .mapToObj(i -> SizedEvents.withJsonSize("req-" + i, "endpoint-" + i, 599_999)).toList();

        assertThat(deliver(events)).hasSize(13).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(firehose.protocolViolations()).isEmpty();
        assertThat(firehose.recordsPerRequest()).containsExactlyInAnyOrder(6, 6, 1);
        assertThat(firehose.sizePerRequest()).allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(FirehoseDestination.LIMITS.maxRequestBytes()));
    }

    @Test
    void aRecordOverOneThousandKibibytesWithItsNewlineIsRejectedWithoutACall() {
        CustomerEvent fits = SizedEvents.withJsonSize("req-1", "a", 1_024_000 - 1);
        CustomerEvent oneByteOver = SizedEvents.withJsonSize("req-2", "b", 1_024_000);

        List<DeliveryOutcome> outcomes = deliver(List.of(oneByteOver, fits));

        assertRejected(outcomes.get(0), RejectionReason.LIMIT_EXCEEDED);
        assertThat(((DeliveryOutcome.Rejected) outcomes.get(0)).rejection().detail())
                .contains("1024001 bytes").contains("1024000");
        assertThat(outcomes.get(1)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(firehose.requestCount()).isEqualTo(1);
        assertThat(firehose.sizePerRequest()).containsExactly(1_024_000L);
        assertThat(firehose.protocolViolations()).isEmpty();
    }

    @Test
    void onlyTheRecordsThatFailedAreRetriedEachPerItsErrorCode() {
        firehose.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                String text = record.text();
                if (text.contains("\"endpointId\":\"busy\"")) {
                    return new RecordFault("ServiceUnavailableException", "Slow down.");
                }
                if (text.contains("\"endpointId\":\"unlucky\"")) {
                    return new RecordFault("InternalFailure", "Internal service failure.");
                }
                return null;
            }
        });
        List<CustomerEvent> events = List.of(event("req-1", "fine"), event("req-2", "busy"), event("req-3", "unlucky"),
                event("req-4", "fine"));

        List<DeliveryOutcome> outcomes = deliver(events);

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertRetryable(outcomes.get(1), "throttled");
        assertThat(((DeliveryOutcome.Retryable) outcomes.get(1)).detail())
                .contains("ServiceUnavailableException").contains("Slow down.");
        assertRetryable(outcomes.get(2), "destination-error");
        assertThat(outcomes.get(3)).isEqualTo(DeliveryOutcome.DELIVERED);
        // Still failing after the last in-call retry, which sent the two failed records alone each time.
        assertThat(firehose.recordsPerRequest()).containsExactly(4, 2, 2, 2, 2, 2, 2);
        assertThat(firehose.acceptedRecords()).extracting(ReceivedRecord::text)
                .allSatisfy(text -> assertThat(text).contains("\"endpointId\":\"fine\""));
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void aRecordFirehoseAsksToBackOffFromIsSentAgainAloneInTheSameCallAndDelivered() {
        java.util.concurrent.atomic.AtomicInteger busyAttempts = new java.util.concurrent.atomic.AtomicInteger();
        firehose.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return record.text().contains("\"endpointId\":\"busy\"") && busyAttempts.incrementAndGet() <= 2
                        ? new RecordFault("ServiceUnavailableException", "Slow down.") : null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "fine"), event("req-2", "busy")));

        assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(firehose.recordsPerRequest()).containsExactly(2, 1, 1);
        assertThat(time.pauses()).hasSize(2).allSatisfy(pause ->
                assertThat(pause).isLessThanOrEqualTo(InCallRetries.ceiling(2)));
    }

    @Test
    void aPerRecordKmsErrorIsAMisconfiguration() {
        firehose.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return new RecordFault("InvalidKMSResourceException", "The KMS key is disabled.");
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
        assertThat(observer.configurationErrors).singleElement().asString().contains("InvalidKMSResourceException");
    }

    @Test
    void serviceUnavailableIsFirehosesThrottlingRetriedWithinTheCallWhileItLasts() {
        AtomicInteger unavailable = new AtomicInteger();
        firehose.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                return unavailable.getAndIncrement() < 1 ? FirehoseStandIn.throttle() : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(firehose.answersByStatus()).containsEntry(500, 1).containsEntry(200, 1);
    }

    @Test
    void persistentServiceUnavailableIsRetryableAsThrottlingAfterTheSdkRetries() {
        firehose.faults(everyRequest(FirehoseStandIn.throttle()));

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertRetryable(outcome, "throttled"));
        assertThat(firehose.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(firehose.acceptedRecords()).isEmpty();
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        firehose.faults(everyRequest(FirehoseStandIn.serverError()));

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
        assertThat(firehose.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
    }

    @Test
    void aWholeRequestInvalidArgumentIsSplitUntilTheBadRecordIsIsolated() {
        firehose.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                boolean poisoned = records.stream().anyMatch(r -> r.text().contains("\"eventId\":\"req-2\""));
                return poisoned ? RequestFault.status(400, "InvalidArgumentException") : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 8).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 8; i++) {
            if (i == 2) {
                assertRejected(outcomes.get(i), RejectionReason.DESTINATION_REJECTED);
                assertThat(((DeliveryOutcome.Rejected) outcomes.get(i)).rejection().detail())
                        .contains("InvalidArgumentException");
            } else {
                assertThat(outcomes.get(i)).as("event %d", i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        assertThat(firehose.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
    }

    @Test
    void misconfigurationKeepsRecordsForRetryAndRaisesAConfigurationError() {
        for (String code : List.of("ResourceNotFoundException", "AccessDeniedException", "InvalidKMSResourceException",
                "InvalidSourceException")) {
            observer.configurationErrors.clear();
            firehose.faults(everyRequest(RequestFault.status(400, code)));

            List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

            assertThat(outcomes).as(code).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
            assertThat(observer.configurationErrors).as(code).singleElement().asString().contains(code);
        }
        // Never split: one request per attempt.
        assertThat(firehose.requestCount()).isEqualTo(4);
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        firehose.faults(everyRequest(RequestFault.slow(Duration.ofSeconds(3))));

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded"));
    }

    @Test
    void aHitQueuedTwiceInOneBatchIsWrittenOnce() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-1", "a"), event("req-2", "a"));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED).hasSize(3);

        assertThat(firehose.recordsPerRequest()).containsExactly(2);
        assertThat(firehose.acceptedRecords()).extracting(ReceivedRecord::text)
                .satisfiesExactly(first -> assertThat(first).contains("\"eventId\":\"req-1\""),
                        second -> assertThat(second).contains("\"eventId\":\"req-2\""));
    }

}
