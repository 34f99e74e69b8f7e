package io.github.pinpointgtm.runtime.delivery.kinesis;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertOutcomes;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector.everyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.RecordStreamDestinationContract;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@link KinesisDestination} against the Kinesis stand-in; see {@link RecordStreamDestinationContract}. */
class KinesisDestinationTest extends RecordStreamDestinationContract<KinesisClient> {

    private static final String STREAM = LocalAws.STREAM_NAME;

    KinesisDestinationTest() {
        super(() -> KinesisStandIn.start(STREAM), TestClients::kinesis,
                (client, concurrency, retries) -> new KinesisDestination(client, STREAM, concurrency, retries),
                new RecordService(KinesisDestination.LIMITS, KinesisDestinationTest::partitionKeyBytes,
                        KinesisStandIn.throttle(), KinesisStandIn.serverError(), "ProvisionedThroughputExceededException",
                        "ValidationException",
                        List.of("AccessDeniedException", "ResourceNotFoundException", "KMSAccessDeniedException")));
    }

    private static int partitionKeyBytes(String endpointId) {
        return endpointId.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void writesEachEventJsonAsOneCborRecordKeyedByItsEndpoint() {
        deliverAll(FULL, BARE);

        assertThat(standIn.contentTypes()).containsExactly(KinesisStandIn.CBOR_CONTENT_TYPE);
        List<ReceivedRecord> records = standIn.acceptedRecords();
        assertThat(records).extracting(ReceivedRecord::partitionKey).containsExactly("endpoint-a", "endpoint-b");
        assertThat(records.get(0).data()).isEqualTo(CustomerEventJson.toBytes(FULL));
        assertThat(records.get(1).data()).isEqualTo(CustomerEventJson.toBytes(BARE));
        records.forEach(record -> EventJsonSchema.assertValid(record.data()));
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void speaksJsonWhenTheSdksCborIsSwitchedOff() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        // The SDK reads the setting when it builds a client.
        try (KinesisClient jsonClient = TestClients.kinesis(standIn.endpoint());
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

        assertThat(standIn.protocolViolations()).isEmpty();
        assertThat(standIn.contentTypes()).containsExactly(KinesisStandIn.JSON_CONTENT_TYPE);
        EventJsonSchema.assertValid(standIn.acceptedRecords().get(0).data());
    }

    @Test
    void anEndpointIdLongerThanAPartitionKeyIsKeyedByItsSha256() {
        String longId = "u".repeat(300);
        String otherLongId = "v".repeat(300);
        String longestKey = "w".repeat(256);
        List<CustomerEvent> events = List.of(event("req-1", longId), event("req-2", otherLongId),
                event("req-3", longId), event("req-4", longestKey));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.protocolViolations()).isEmpty();
        List<String> keys = standIn.acceptedRecords().stream().map(ReceivedRecord::partitionKey).toList();
        assertThat(keys.get(0)).hasSize(64).matches("[0-9a-f]{64}")
                // SHA-256 of 300 'u's, computed independently of the destination.
                .isEqualTo(sha256Hex(longId));
        assertThat(keys.get(1)).hasSize(64).isNotEqualTo(keys.get(0));
        assertThat(keys.get(2)).isEqualTo(keys.get(0));
        assertThat(keys.get(3)).isEqualTo(longestKey);
        // The record still names the endpoint in full.
        assertThat(standIn.acceptedRecords().get(0).text()).contains("\"endpointId\":\"" + longId + "\"");
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
        standIn.faults(new FaultInjector() {
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

        assertOutcomes(outcomes, "delivered", "retryable throttled", "retryable destination-error",
                "retryable destination-misconfigured", "retryable destination-misconfigured", "retryable throttled",
                "delivered");
        assertThat(((DeliveryOutcome.Retryable) outcomes.get(1)).detail())
                .contains("ProvisionedThroughputExceededException").contains("shardId-000000000001");
        // One request, then the throttled and internally failed records alone, up to the last in-call retry; the two
        // records of the disabled key are not retried in the call and raise one alarm.
        assertThat(standIn.recordsPerRequest()).containsExactly(7, 3, 3, 3, 3, 3, 3);
        assertThat(observer.results).hasSize(1 + InCallRetries.MAX_RETRIES).containsOnly("accepted");
        assertThat(observer.configurationErrors).singleElement().asString().contains("KMSDisabledException");
        assertThat(standIn.acceptedRecords()).extracting(ReceivedRecord::partitionKey).containsExactly("fine", "fine");
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
