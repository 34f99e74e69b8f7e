package io.github.pinpointgtm.runtime.delivery.firehose;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertOutcomes;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector.everyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.RecordStreamDestinationContract;
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
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.testkit.TestClients;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** {@link FirehoseDestination} against the Firehose stand-in; see {@link RecordStreamDestinationContract}. */
class FirehoseDestinationTest extends RecordStreamDestinationContract<FirehoseClient> {

    private static final String STREAM = LocalAws.DELIVERY_STREAM_NAME;

    FirehoseDestinationTest() {
        super(() -> FirehoseStandIn.start(STREAM), TestClients::firehose,
                (client, concurrency, retries) -> new FirehoseDestination(client, STREAM, concurrency, retries),
                // Each record is the event JSON and a newline.
                new RecordService(FirehoseDestination.LIMITS, endpointId -> 1, FirehoseStandIn.throttle(),
                        FirehoseStandIn.serverError(), "ServiceUnavailableException", "InvalidArgumentException",
                        List.of("ResourceNotFoundException", "AccessDeniedException", "InvalidKMSResourceException",
                                "InvalidSourceException")));
    }

    @Test
    void writesEachEventJsonAsOneLineOfNewlineDelimitedJson() {
        deliverAll(FULL, BARE);

        assertThat(standIn.contentTypes()).containsExactly(FirehoseStandIn.JSON_CONTENT_TYPE);
        List<ReceivedRecord> records = standIn.acceptedRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).text()).isEqualTo(new String(CustomerEventJson.toBytes(FULL), StandardCharsets.UTF_8) + "\n");
        assertThat(records.get(1).text()).isEqualTo(new String(CustomerEventJson.toBytes(BARE), StandardCharsets.UTF_8) + "\n");
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
    void onlyTheRecordsThatFailedAreRetriedEachPerItsErrorCode() {
        standIn.faults(new FaultInjector() {
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

        assertOutcomes(outcomes, "delivered", "retryable throttled", "retryable destination-error", "delivered");
        assertThat(((DeliveryOutcome.Retryable) outcomes.get(1)).detail())
                .contains("ServiceUnavailableException").contains("Slow down.");
        // Still failing after the last in-call retry, which sent the two failed records alone each time.
        assertThat(standIn.recordsPerRequest()).containsExactly(4, 2, 2, 2, 2, 2, 2);
        assertThat(standIn.acceptedRecords()).extracting(ReceivedRecord::text)
                .allSatisfy(text -> assertThat(text).contains("\"endpointId\":\"fine\""));
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void aPerRecordKmsErrorIsAMisconfiguration() {
        standIn.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return new RecordFault("InvalidKMSResourceException", "The KMS key is disabled.");
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
        assertThat(observer.configurationErrors).singleElement().asString().contains("InvalidKMSResourceException");
    }
}
