package io.github.pinpointgtm.runtime.delivery.firehose;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.RecordStreamDestinationContract;
import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.FirehoseStandIn;
import io.github.pinpointgtm.runtime.testsupport.LocalAws;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.runtime.testsupport.TestClients;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** {@link FirehoseDestination} against the Firehose stand-in; see {@link RecordStreamDestinationContract}. */
class FirehoseDestinationTest extends RecordStreamDestinationContract {

    private static final String STREAM = LocalAws.DELIVERY_STREAM_NAME;

    private FirehoseStandIn firehose;
    private FirehoseClient client;

    @Override
    protected RecordStreamStandIn startStandIn() {
        firehose = FirehoseStandIn.start(STREAM);
        return firehose;
    }

    @Override
    protected void openClient(URI endpoint) {
        client = TestClients.firehose(endpoint);
    }

    @Override
    protected EventDestination newDestination(int concurrency, InCallRetries retries) {
        return new FirehoseDestination(client, STREAM, concurrency, retries);
    }

    @Override
    protected void closeClient() {
        client.close();
    }

    @Override
    protected BatchLimits limits() {
        return FirehoseDestination.LIMITS;
    }

    @Override
    protected int framingBytes(String endpointId) {
        return 1; // the newline after the event JSON
    }

    @Override
    protected String throttledRecordCode() {
        return "ServiceUnavailableException";
    }

    @Override
    protected RequestFault throttle() {
        return FirehoseStandIn.throttle();
    }

    @Override
    protected RequestFault serverError() {
        return FirehoseStandIn.serverError();
    }

    @Override
    protected String invalidRequestCode() {
        return "InvalidArgumentException";
    }

    @Override
    protected List<String> misconfigurationCodes() {
        return List.of("ResourceNotFoundException", "AccessDeniedException", "InvalidKMSResourceException",
                "InvalidSourceException");
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
}
