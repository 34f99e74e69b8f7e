package io.github.pinpointgtm.runtime.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn;
import io.github.pinpointgtm.testkit.EventBridgeStandIn;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.RecordStreamStandIn;
import io.github.pinpointgtm.testkit.TestClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.model.BadRequestException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;

/**
 * The stand-ins' accepted-item listeners ({@code onAccepted}), through the real SDK clients: a listener sees exactly
 * the accepted items, in order, before the client's call returns; refused items never; a listener that throws leaves
 * the answer as it was and is listed as a violation.
 */
class StandInListenerTest {

    private static final ClientSettings CLIENTS = new ClientSettings(Region.EU_WEST_1, UrlConnectionHttpClient.create(),
            TestClients.DUMMY_CREDENTIALS);

    private static void throwing(Object item) {
        throw new IllegalStateException("listener broke on " + item);
    }

    @Test
    void kinesisListenerSeesTheAcceptedRecordsBeforeTheAnswer() {
        List<RecordStreamStandIn.ReceivedRecord> seen = new CopyOnWriteArrayList<>();
        try (KinesisStandIn kinesis = KinesisStandIn.start("stream");
             KinesisClient client = CLIENTS.configure(KinesisClient.builder().endpointOverride(kinesis.endpoint()))) {
            kinesis.faults(new RecordStreamStandIn.FaultInjector() {
                @Override
                public RecordStreamStandIn.RecordFault onRecord(RecordStreamStandIn.ReceivedRecord record) {
                    return record.partitionKey().equals("refused")
                            ? new RecordStreamStandIn.RecordFault("InternalFailure", "injected") : null;
                }
            });
            kinesis.onAccepted(seen::add);
            client.putRecords(r -> r.streamName("stream").records(kinesisRecord("a"), kinesisRecord("refused"),
                    kinesisRecord("b")));

            assertThat(seen).extracting(RecordStreamStandIn.ReceivedRecord::partitionKey).containsExactly("a", "b");
            assertThat(seen).containsExactlyElementsOf(kinesis.acceptedRecords());

            kinesis.onAccepted(StandInListenerTest::throwing);
            assertThat(client.putRecords(r -> r.streamName("stream").records(kinesisRecord("c"))).failedRecordCount())
                    .isZero();
            assertThat(kinesis.acceptedRecords()).hasSize(3);
            assertThat(seen).hasSize(2);
            assertThat(kinesis.protocolViolations()).singleElement().asString().contains("listener failed");
        }
    }

    @Test
    void firehoseListenerSeesTheAcceptedRecordsBeforeTheAnswer() {
        List<RecordStreamStandIn.ReceivedRecord> seen = new CopyOnWriteArrayList<>();
        try (FirehoseStandIn firehose = FirehoseStandIn.start("delivery");
             FirehoseClient client = CLIENTS.configure(FirehoseClient.builder().endpointOverride(firehose.endpoint()))) {
            firehose.faults(new RecordStreamStandIn.FaultInjector() {
                @Override
                public RecordStreamStandIn.RecordFault onRecord(RecordStreamStandIn.ReceivedRecord record) {
                    return record.text().equals("refused\n")
                            ? new RecordStreamStandIn.RecordFault("ServiceUnavailableException", "injected") : null;
                }
            });
            firehose.onAccepted(seen::add);
            client.putRecordBatch(r -> r.deliveryStreamName("delivery").records(firehoseRecord("a\n"),
                    firehoseRecord("refused\n"), firehoseRecord("b\n")));

            assertThat(seen).extracting(RecordStreamStandIn.ReceivedRecord::text).containsExactly("a\n", "b\n");

            firehose.onAccepted(StandInListenerTest::throwing);
            assertThat(client.putRecordBatch(r -> r.deliveryStreamName("delivery").records(firehoseRecord("c\n")))
                    .failedPutCount()).isZero();
            assertThat(firehose.acceptedRecords()).extracting(RecordStreamStandIn.ReceivedRecord::text)
                    .containsExactly("a\n", "b\n", "c\n");
            assertThat(firehose.protocolViolations()).singleElement().asString().contains("listener failed");
        }
    }

    @Test
    void eventBridgeListenerSeesTheAcceptedEntriesBeforeTheAnswer() {
        String bus = "arn:aws:events:eu-west-1:123456789012:event-bus/gtm";
        List<EventBridgeStandIn.RecordedEntry> seen = new CopyOnWriteArrayList<>();
        try (EventBridgeStandIn eventBridge = EventBridgeStandIn.start(bus);
             EventBridgeClient client = CLIENTS.configure(
                     EventBridgeClient.builder().endpointOverride(eventBridge.endpoint()))) {
            eventBridge.faults(new EventBridgeStandIn.FaultInjector() {
                @Override
                public EventBridgeStandIn.EntryError failEntry(EventBridgeStandIn.RecordedEntry entry) {
                    return entry.detail().contains("refused")
                            ? new EventBridgeStandIn.EntryError("ThrottlingException", "injected") : null;
                }
            });
            eventBridge.onAccepted(seen::add);
            client.putEvents(r -> r.entries(entry(bus, "a"), entry(bus, "refused"), entry(bus, "b")));

            assertThat(seen).extracting(EventBridgeStandIn.RecordedEntry::detail)
                    .containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
            assertThat(seen).containsExactlyElementsOf(eventBridge.acceptedEntries());

            eventBridge.onAccepted(StandInListenerTest::throwing);
            assertThat(client.putEvents(r -> r.entries(entry(bus, "c"))).failedEntryCount()).isZero();
            assertThat(eventBridge.acceptedEntries()).hasSize(3);
            assertThat(eventBridge.protocolViolations()).singleElement().asString().contains("listener failed");
        }
    }

    @Test
    void customerProfilesListenerSeesTheAcceptedObjectsBeforeTheAnswer() {
        List<CustomerProfilesStandIn.RecordedObject> seen = new CopyOnWriteArrayList<>();
        try (CustomerProfilesStandIn profiles = CustomerProfilesStandIn.start("domain", "GtmEvent");
             CustomerProfilesClient client = CLIENTS.configure(
                     CustomerProfilesClient.builder().endpointOverride(profiles.endpoint()))) {
            profiles.faults(new CustomerProfilesStandIn.FaultInjector() {
                @Override
                public AwsApiStandIn.RequestFault onRequest(int requestNumber,
                                                             CustomerProfilesStandIn.RecordedObject object) {
                    return object.object().contains("refused")
                            ? CustomerProfilesStandIn.Faults.badRequest() : AwsApiStandIn.RequestFault.NONE;
                }
            });
            profiles.onAccepted(seen::add);
            client.putProfileObject(r -> r.domainName("domain").objectTypeName("GtmEvent").object("{\"id\":\"a\"}"));
            assertThatThrownBy(() -> client.putProfileObject(r -> r.domainName("domain").objectTypeName("GtmEvent")
                    .object("{\"id\":\"refused\"}"))).isInstanceOf(BadRequestException.class);

            assertThat(seen).containsExactly(
                    new CustomerProfilesStandIn.RecordedObject("domain", "GtmEvent", "{\"id\":\"a\"}"));

            profiles.onAccepted(StandInListenerTest::throwing);
            client.putProfileObject(r -> r.domainName("domain").objectTypeName("GtmEvent").object("{\"id\":\"b\"}"));
            assertThat(profiles.acceptedObjects()).hasSize(2);
            assertThat(profiles.protocolViolations()).singleElement().asString().contains("listener failed");
        }
    }

    @Test
    void pinpointListenerSeesTheAcceptedEventsBeforeTheAnswer() {
        String application = "0123456789abcdef0123456789abcdef";
        List<PinpointStandIn.RecordedEvent> seen = new CopyOnWriteArrayList<>();
        try (PinpointStandIn pinpoint = PinpointStandIn.start(application);
             PinpointClient client = TestClients.pinpoint(pinpoint.endpoint())) {
            pinpoint.faults(new PinpointStandIn.FaultInjector() {
                @Override
                public String rejectEvent(PinpointStandIn.RecordedEvent event) {
                    return event.eventId().equals("refused") ? "injected" : null;
                }
            });
            pinpoint.onAccepted(seen::add);
            client.putEvents(r -> r.applicationId(application).eventsRequest(e -> e.batchItem(Map.of("user-1",
                    pinpointBatch("a", "refused")))));

            assertThat(seen).extracting(PinpointStandIn.RecordedEvent::eventId).containsExactly("a");
            assertThat(seen).containsExactlyElementsOf(pinpoint.acceptedEvents());

            pinpoint.onAccepted(StandInListenerTest::throwing);
            client.putEvents(r -> r.applicationId(application).eventsRequest(e -> e.batchItem(Map.of("user-1",
                    pinpointBatch("b")))));
            assertThat(pinpoint.acceptedEvents()).extracting(PinpointStandIn.RecordedEvent::eventId)
                    .containsExactly("a", "b");
            assertThat(pinpoint.protocolViolations()).singleElement().asString().contains("listener failed");
        }
    }

    private static PutRecordsRequestEntry kinesisRecord(String key) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String("{}")).build();
    }

    private static Record firehoseRecord(String text) {
        return Record.builder().data(SdkBytes.fromString(text, StandardCharsets.UTF_8)).build();
    }

    private static PutEventsRequestEntry entry(String bus, String id) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("test").detailType("Test")
                .detail("{\"id\":\"" + id + "\"}").build();
    }

    private static EventsBatch pinpointBatch(String... eventIds) {
        Map<String, Event> events = new java.util.LinkedHashMap<>();
        for (String id : eventIds) {
            events.put(id, Event.builder().eventType("purchase").timestamp("2026-11-27T10:15:30.123Z").build());
        }
        return EventsBatch.builder().endpoint(PublicEndpoint.builder().build()).events(events).build();
    }
}
