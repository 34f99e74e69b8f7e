package io.github.pinpointgtm.runtime.delivery.kinesis;

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
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.testkit.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class KinesisDestinationTest {

    private static final String STREAM = LocalAws.STREAM_NAME;

    private KinesisStandIn kinesis;
    private KinesisClient client;
    private KinesisDestination destination;
    private final RecordingObserver observer = new RecordingObserver();
    private final SimulatedTime time = new SimulatedTime();

    @BeforeEach
    void start() {
        kinesis = KinesisStandIn.start(STREAM);
        client = TestClients.kinesis(kinesis.endpoint());
        destination = new KinesisDestination(client, STREAM, 4, time.retries(5));
    }

    @AfterEach
    void stop() {
        destination.close();
        client.close();
        kinesis.close();
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    private void faults(FaultInjector injector) {
        kinesis.faults(injector);
    }

    @Test
    void writesEachEventJsonAsOneCborRecordKeyedByItsEndpoint() {
        CustomerEvent full = event("req-1", "endpoint-a", Map.of("plan", "pro", "page", "/checkout"),
                Map.of("value", 9.5), "session-1", Map.of("tier", "gold"));
        CustomerEvent bare = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

        assertThat(deliver(List.of(full, bare))).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);

        assertThat(kinesis.protocolViolations()).isEmpty();
        assertThat(kinesis.contentTypes()).containsExactly(KinesisStandIn.CBOR_CONTENT_TYPE);
        List<ReceivedRecord> records = kinesis.acceptedRecords();
        assertThat(records).extracting(ReceivedRecord::partitionKey).containsExactly("endpoint-a", "endpoint-b");
        assertThat(records.get(0).data()).isEqualTo(CustomerEventJson.toBytes(full));
        assertThat(records.get(1).data()).isEqualTo(CustomerEventJson.toBytes(bare));
        records.forEach(record -> EventJsonSchema.assertValid(record.data()));
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void speaksJsonWhenTheSdksCborIsSwitchedOff() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        // The SDK reads the setting when it builds a client.
        try (KinesisClient jsonClient = TestClients.kinesis(kinesis.endpoint());
             KinesisDestination json = new KinesisDestination(jsonClient, STREAM, 1)) {
            assertThat(json.deliver(List.of(event("req-1", "endpoint-a")), Deadline.after(Duration.ofSeconds(10)),
                    observer)).containsExactly(DeliveryOutcome.DELIVERED);
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }

        assertThat(kinesis.protocolViolations()).isEmpty();
        assertThat(kinesis.contentTypes()).containsExactly(KinesisStandIn.JSON_CONTENT_TYPE);
        EventJsonSchema.assertValid(kinesis.acceptedRecords().get(0).data());
    }

    @Test
    void sendsAtMostFiveHundredRecordsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 1_234).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(1_234).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(kinesis.recordsPerRequest()).containsExactlyInAnyOrder(500, 500, 234);
        assertThat(kinesis.acceptedRecords()).hasSize(1_234);
        assertThat(kinesis.protocolViolations()).isEmpty();
    }

    @Test
    void packsRequestsUpToTenMebibytesCountingPartitionKeys() {
        // 23 records of 950,000 bytes of data: 11 fit in 10 MiB (10,485,760 bytes), 12 do not.
        List<CustomerEvent> events = IntStream.range(0, 23)
                .mapToObj(i -> SizedEvents.withJsonSize("req-" + i, "endpoint-" + i, 950_000)).toList();

        assertThat(deliver(events)).hasSize(23).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(kinesis.protocolViolations()).isEmpty();
        assertThat(kinesis.recordsPerRequest()).containsExactlyInAnyOrder(11, 11, 1);
        assertThat(kinesis.sizePerRequest()).allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(KinesisDestination.LIMITS.maxRequestBytes()));
    }

    @Test
    void aRecordOverOneMebibyteWithItsPartitionKeyIsRejectedWithoutACall() {
        String key = "endpoint-k"; // 10 bytes of partition key
        CustomerEvent fits = SizedEvents.withJsonSize("req-1", key, 1024 * 1024 - 10);
        CustomerEvent oneByteOver = SizedEvents.withJsonSize("req-2", key, 1024 * 1024 - 9);

        List<DeliveryOutcome> outcomes = deliver(List.of(oneByteOver, fits));

        assertRejected(outcomes.get(0), RejectionReason.LIMIT_EXCEEDED);
        assertThat(((DeliveryOutcome.Rejected) outcomes.get(0)).rejection().detail())
                .contains("1048577 bytes").contains("1048576");
        assertThat(outcomes.get(1)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(kinesis.requestCount()).isEqualTo(1);
        assertThat(kinesis.sizePerRequest()).containsExactly(1024L * 1024);
        assertThat(kinesis.protocolViolations()).isEmpty();
    }

    @Test
    void anEndpointIdLongerThanAPartitionKeyIsKeyedByItsSha256() {
        String longId = "u".repeat(300);
        String otherLongId = "v".repeat(300);
        String longestKey = "w".repeat(256);
        List<CustomerEvent> events = List.of(event("req-1", longId), event("req-2", otherLongId),
                event("req-3", longId), event("req-4", longestKey));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(kinesis.protocolViolations()).isEmpty();
        List<String> keys = kinesis.acceptedRecords().stream().map(ReceivedRecord::partitionKey).toList();
        assertThat(keys.get(0)).hasSize(64).matches("[0-9a-f]{64}")
                // SHA-256 of 300 'u's, computed independently of the destination.
                .isEqualTo(sha256Hex(longId));
        assertThat(keys.get(1)).hasSize(64).isNotEqualTo(keys.get(0));
        assertThat(keys.get(2)).isEqualTo(keys.get(0));
        assertThat(keys.get(3)).isEqualTo(longestKey);
        // The record still names the endpoint in full.
        assertThat(kinesis.acceptedRecords().get(0).text()).contains("\"endpointId\":\"" + longId + "\"");
    }

    @Test
    void partitionKeysAreOneTo256Characters() {
        assertThat(KinesisDestination.partitionKey("a")).isEqualTo("a");
        assertThat(KinesisDestination.partitionKey("")).isEqualTo(sha256Hex(""));
        assertThat(KinesisDestination.partitionKey("é".repeat(256))).isEqualTo("é".repeat(256));
        assertThat(KinesisDestination.partitionKey("é".repeat(257))).isEqualTo(sha256Hex("é".repeat(257)));
    }

    @Test
    void onlyTheRecordsThatFailedAreRetriedEachPerItsErrorCode() {
        faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return switch (record.partitionKey()) {
                    case "hot" -> new RecordFault("ProvisionedThroughputExceededException",
                            "Rate exceeded for shard shardId-000000000001 in stream gtm-customer-events under account 123456789012.");
                    case "unlucky" -> new RecordFault("InternalFailure", "Internal service failure.");
                    case "locked" -> new RecordFault("KMSDisabledException", "The KMS key is disabled.");
                    case "kms-busy" -> new RecordFault("KMSThrottlingException", "KMS is throttling.");
                    default -> null;
                };
            }
        });
        List<CustomerEvent> events = List.of(event("req-1", "fine"), event("req-2", "hot"), event("req-3", "unlucky"),
                event("req-4", "locked"), event("req-5", "locked"), event("req-6", "kms-busy"), event("req-7", "fine"));

        List<DeliveryOutcome> outcomes = deliver(events);

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertRetryable(outcomes.get(1), "throttled");
        assertThat(((DeliveryOutcome.Retryable) outcomes.get(1)).detail())
                .contains("ProvisionedThroughputExceededException").contains("shardId-000000000001");
        assertRetryable(outcomes.get(2), "destination-error");
        assertRetryable(outcomes.get(3), "destination-misconfigured");
        assertRetryable(outcomes.get(4), "destination-misconfigured");
        assertRetryable(outcomes.get(5), "throttled");
        assertThat(outcomes.get(6)).isEqualTo(DeliveryOutcome.DELIVERED);
        // One request, then the throttled and internally failed records alone, up to the last in-call retry; the two
        // records of the disabled key are not retried in the call and raise one alarm.
        assertThat(kinesis.recordsPerRequest()).containsExactly(7, 3, 3, 3, 3, 3, 3);
        assertThat(observer.results).hasSize(1 + InCallRetries.MAX_RETRIES).containsOnly("accepted");
        assertThat(observer.configurationErrors).singleElement().asString().contains("KMSDisabledException");
        assertThat(kinesis.acceptedRecords()).extracting(ReceivedRecord::partitionKey).containsExactly("fine", "fine");
    }

    @Test
    void aRecordThrottledByItsShardIsSentAgainAloneInTheSameCallAndDelivered() {
        java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                int attempt = attempts.merge(record.partitionKey(), 1, Integer::sum);
                return switch (record.partitionKey()) {
                    case "hot" -> attempt <= 2 ? new RecordFault("ProvisionedThroughputExceededException",
                            "Rate exceeded for shard shardId-000000000001") : null;
                    case "unlucky" -> attempt == 1 ? new RecordFault("InternalFailure", "Internal service failure.")
                            : null;
                    default -> null;
                };
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "fine"), event("req-2", "hot"),
                event("req-3", "unlucky")));

        assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(kinesis.recordsPerRequest()).containsExactly(3, 2, 1);
        assertThat(kinesis.acceptedRecords()).extracting(ReceivedRecord::partitionKey)
                .containsExactly("fine", "unlucky", "hot");
        assertThat(time.pauses()).hasSize(2);
    }

    @Test
    void anUnknownPerRecordErrorCodeIsRetriedNeverDropped() {
        faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return new RecordFault("SomethingNewException", "a code this version does not know");
            }
        });

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
    }

    @Test
    void throttlingThatPassesIsRetriedWithinTheCall() {
        AtomicInteger throttled = new AtomicInteger();
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                return throttled.getAndIncrement() < 1 ? KinesisStandIn.throttle() : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(kinesis.answersByStatus()).containsEntry(400, 1).containsEntry(200, 1);
    }

    @Test
    void persistentThrottlingIsRetryableAfterTheSdkRetries() {
        faults(everyRequest(KinesisStandIn.throttle()));

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertRetryable(outcome, "throttled"));
        // The standard retry mode makes 3 attempts per call; both records went in one call.
        assertThat(kinesis.answersByStatus()).containsExactly(Map.entry(400, 3));
        assertThat(kinesis.acceptedRecords()).isEmpty();
        assertThat(observer.results).containsExactly("status-400");
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        faults(everyRequest(KinesisStandIn.serverError()));

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
        assertThat(kinesis.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
    }

    @Test
    void aWholeRequestValidationErrorIsSplitUntilTheBadRecordIsIsolated() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                boolean poisoned = records.stream().anyMatch(r -> r.text().contains("\"eventId\":\"req-5\""));
                return poisoned ? RequestFault.status(400, "ValidationException") : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 8).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertRejected(outcomes.get(i), RejectionReason.DESTINATION_REJECTED);
            } else {
                assertThat(outcomes.get(i)).as("event %d", i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        // 8 -> 4+4 -> 2+2 -> 1+1: four requests held the bad record, three halves without it were written.
        assertThat(kinesis.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
        assertThat(kinesis.acceptedRecords()).hasSize(7);
    }

    @Test
    void accessDeniedOrAnUnknownStreamKeepsRecordsForRetryAndRaisesAConfigurationError() {
        for (String code : List.of("AccessDeniedException", "ResourceNotFoundException", "KMSAccessDeniedException")) {
            observer.configurationErrors.clear();
            faults(everyRequest(RequestFault.status(400, code)));

            List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

            assertThat(outcomes).as(code).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
            assertThat(observer.configurationErrors).as(code).singleElement().asString().contains(code);
        }
        // Never split, never retried by the SDK: one request per attempt.
        assertThat(kinesis.requestCount()).isEqualTo(3);
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        faults(everyRequest(RequestFault.slow(Duration.ofSeconds(3))));

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded"));
    }

    @Test
    void aHitQueuedTwiceInOneBatchIsWrittenOnce() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED,
                DeliveryOutcome.DELIVERED);

        assertThat(kinesis.recordsPerRequest()).containsExactly(2);
        assertThat(kinesis.acceptedRecords()).extracting(ReceivedRecord::partitionKey).containsExactly("a", "b");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCallsInFlight() {
        faults(everyRequest(RequestFault.slow(Duration.ofMillis(150))));
        List<CustomerEvent> events = IntStream.range(0, 2_500).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        try (KinesisDestination twoAtATime = new KinesisDestination(client, STREAM, 2)) {
            assertThat(twoAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer))
                    .hasSize(2_500).containsOnly(DeliveryOutcome.DELIVERED);
        }
        assertThat(kinesis.requestCount()).isEqualTo(5);
        assertThat(kinesis.maxConcurrentRequests()).isEqualTo(2);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

}
