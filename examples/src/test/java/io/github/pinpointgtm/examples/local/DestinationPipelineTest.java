package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.SharedPipeline.await;
import static io.github.pinpointgtm.examples.local.SharedPipeline.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.examples.ConnectorExampleStack;
import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.examples.ExampleSettings;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn;
import io.github.pinpointgtm.testkit.EventBridgeStandIn;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.RecordStreamStandIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every destination of the example app through the local pipeline: the stack synthesized for it, the processor's
 * references resolved to local names, the runtime's stand-in of that destination started for exactly those names, and
 * hits over real HTTP (a GTM image tag's GET, a beacon's POST, a hit from a page the connector does not allow).
 */
class DestinationPipelineTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(40);

    @ParameterizedTest
    @EnumSource(ExampleDestination.class)
    void hitsArriveAtTheDestinationsStandInAndAForeignOriginIsRejected(ExampleDestination destination) {
        try (LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withDestination(destination))) {
            assertThat(pipeline.destination()).isEqualTo(destination);
            assertThat(pipeline.processorEnvironment()).containsEntry("DESTINATION_TYPE", destination.value());
            assertThat(pipeline.usesStandIn()).isTrue();
            String origin = "http://127.0.0.1:" + pipeline.baseUrl().getPort();
            String user = "user-" + destination.value();

            HttpResponse<byte[]> pixel = pixel(pipeline, "event=purchase&endpoint_id=" + user
                    + "&evat_plan=pro%20plus&evmt_price=19.5&gtmcb=123456", origin);
            assertThat(pixel.statusCode()).isEqualTo(200);
            assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
            String pixelId = pixel.headers().firstValue("x-amzn-RequestId").orElseThrow();
            HttpResponse<byte[]> beacon = send(HttpRequest.newBuilder(pipeline.eventsUrl())
                    .header("Content-Type", "text/plain;charset=UTF-8")
                    .header("Origin", origin)
                    .header("User-Agent", "Mozilla/5.0 (local pipeline test)")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"signup\",\"endpoint_id\":\"beacon-"
                            + destination.value() + "\",\"evat_source\":\"beacon\"}"))
                    .build());
            assertThat(beacon.statusCode()).isEqualTo(202);
            String beaconId = beacon.headers().firstValue("x-amzn-RequestId").orElseThrow();
            HttpResponse<byte[]> foreign = pixel(pipeline, "event=purchase&endpoint_id=" + user,
                    SharedPipeline.OTHER_ORIGIN);
            assertThat(foreign.statusCode()).isEqualTo(200);
            String foreignId = foreign.headers().firstValue("x-amzn-RequestId").orElseThrow();

            await("the pixel and the beacon at the " + destination.value() + " stand-in", ARRIVAL,
                    () -> recorded(pipeline, pixelId).isPresent() && recorded(pipeline, beaconId).isPresent());
            RecordedEvent pixelEvent = recorded(pipeline, pixelId).orElseThrow();
            assertThat(pixelEvent.endpointId()).isEqualTo(user);
            assertThat(pixelEvent.eventType()).isEqualTo("purchase");
            assertThat(pixelEvent.attributes()).containsEntry("plan", "pro plus").doesNotContainKey("gtmcb");
            assertThat(pixelEvent.metrics()).containsExactlyEntriesOf(Map.of("price", 19.5));
            assertThat(Instant.parse(pixelEvent.timestamp())).isBefore(Instant.now().plusSeconds(1));
            RecordedEvent beaconEvent = recorded(pipeline, beaconId).orElseThrow();
            assertThat(beaconEvent.endpointId()).isEqualTo("beacon-" + destination.value());
            assertThat(beaconEvent.eventType()).isEqualTo("signup");
            assertThat(beaconEvent.attributes()).containsExactlyEntriesOf(Map.of("source", "beacon"));

            await("the foreign hit in the rejected queue", ARRIVAL, () -> pipeline.rejectedHits().stream()
                    .anyMatch(letter -> foreignId.equals(letter.requestId())));
            assertThat(pipeline.rejectedHits()).filteredOn(letter -> foreignId.equals(letter.requestId()))
                    .extracting(SideQueueLog.Letter::reason).containsOnly("origin-not-allowed");
            assertThat(pipeline.deadLetters()).as("dead letters").isEmpty();
            assertThat(pipeline.recordedEvents()).extracting(RecordedEvent::eventId)
                    .containsOnlyOnce(pixelId, beaconId).doesNotContain(foreignId);

            assertAtTheStandIn(destination, pipeline, pixelEvent, beaconEvent);
        }
    }

    /** What only the destination's own stand-in shows: the names, the wire format, the record's framing. */
    private static void assertAtTheStandIn(ExampleDestination destination, LocalPipeline pipeline,
            RecordedEvent pixel, RecordedEvent beacon) {
        Map<String, String> environment = pipeline.processorEnvironment();
        String region = environment.get("AWS_REGION");
        switch (destination) {
            case PINPOINT -> {
                PinpointStandIn pinpoint = pipeline.standIn(PinpointStandIn.class);
                assertThat(environment).containsEntry("PINPOINT_APPLICATION_ID", ExampleSettings.DEFAULT_APPLICATION_ID);
                assertThat(pinpoint.acceptedEvents()).extracting(PinpointStandIn.RecordedEvent::eventId)
                        .containsExactlyInAnyOrder(pixel.eventId(), beacon.eventId());
            }
            case KINESIS -> {
                KinesisStandIn kinesis = pipeline.standIn(KinesisStandIn.class);
                // The stream has no name in the template: CloudFormation would generate one; locally it is the
                // logical id, and the stand-in refuses any other stream (a violation).
                assertThat(environment.get("KINESIS_STREAM_NAME")).matches("EventStream[0-9A-F]{8}");
                assertThat(kinesis.contentTypes()).isNotEmpty()
                        .allSatisfy(type -> assertThat(type).startsWith(RecordStreamStandIn.CBOR_CONTENT_TYPE));
                assertThat(kinesis.acceptedRecords()).extracting(RecordStreamStandIn.ReceivedRecord::partitionKey)
                        .containsExactlyInAnyOrder(pixel.endpointId(), beacon.endpointId());
            }
            case FIREHOSE -> {
                FirehoseStandIn firehose = pipeline.standIn(FirehoseStandIn.class);
                assertThat(environment.get("FIREHOSE_DELIVERY_STREAM_NAME")).matches("EventDelivery[0-9A-F]{8}");
                assertThat(firehose.acceptedRecords()).hasSize(2).allSatisfy(record -> {
                    assertThat(record.text()).endsWith("}\n");
                    assertThat(record.text().indexOf('\n')).isEqualTo(record.text().length() - 1);
                });
            }
            case EVENTBRIDGE -> {
                EventBridgeStandIn eventBridge = pipeline.standIn(EventBridgeStandIn.class);
                String bus = environment.get("EVENTBRIDGE_EVENT_BUS");
                // The template's Fn::GetAtt [bus, Arn], with the name CDK gives the bus in the template.
                assertThat(bus).matches("arn:aws:events:" + region
                        + ":000000000000:event-bus/PinpointGtmConnectorExampleEventBus[0-9A-F]{8}");
                assertThat(environment).containsEntry("EVENTBRIDGE_SOURCE", "io.github.pinpointgtm")
                        .containsEntry("EVENTBRIDGE_DETAIL_TYPE", "GTM Customer Event");
                assertThat(eventBridge.acceptedEntries()).hasSize(2).allSatisfy(entry -> {
                    assertThat(entry.eventBusName()).isEqualTo(bus);
                    assertThat(entry.source()).isEqualTo("io.github.pinpointgtm");
                    assertThat(entry.detailType()).isEqualTo("GTM Customer Event");
                });
                EventBridgeStandIn.RecordedEntry pixelEntry = eventBridge.acceptedEntries().stream()
                        .filter(entry -> entry.detail().contains(pixel.eventId())).findFirst().orElseThrow();
                assertThat(pixelEntry.time()).isEqualTo(Instant.parse(pixel.timestamp()));
            }
            case CUSTOMER_PROFILES -> {
                CustomerProfilesStandIn profiles = pipeline.standIn(CustomerProfilesStandIn.class);
                // The example's domain is named after the stack, its object type is the stack's constant.
                assertThat(profiles.acceptedObjects()).hasSize(2).allSatisfy(object -> {
                    assertThat(object.domainName()).isEqualTo(ExampleSettings.DEFAULT_STACK_NAME);
                    assertThat(object.objectTypeName()).isEqualTo(ConnectorExampleStack.OBJECT_TYPE_NAME);
                });
            }
            default -> throw new AssertionError("unhandled destination " + destination);
        }
        assertThat(pipeline.standIn(AwsApiStandIn.class).protocolViolations()).isEmpty();
    }

    @Test
    void anEndpointInTheEnvironmentReceivesTheEventsAndNoStandInStarts() {
        String streamName = SynthesizedConnector.synthesize(ExampleDestination.KINESIS, List.of("https://www.example.com"),
                LocalPipeline.DEFAULT_REGION).processorEnvironment().get("KINESIS_STREAM_NAME");
        try (KinesisStandIn elsewhere = KinesisStandIn.start(streamName);
             LocalPipeline pipeline = LocalPipeline.start(
                     LocalPipeline.Options.defaults(0).withDestination(ExampleDestination.KINESIS),
                     Map.of("AWS_ENDPOINT_URL_KINESIS", elsewhere.endpoint().toString())::get)) {
            assertThat(pipeline.usesStandIn()).isFalse();
            assertThat(pipeline.destinationEndpoint()).isEqualTo(elsewhere.endpoint());
            assertThatThrownBy(() -> pipeline.standIn(KinesisStandIn.class)).isInstanceOf(IllegalStateException.class);

            HttpResponse<byte[]> hit = pixel(pipeline, "event=purchase&endpoint_id=elsewhere-1",
                    "http://127.0.0.1:" + pipeline.baseUrl().getPort());
            String requestId = hit.headers().firstValue("x-amzn-RequestId").orElseThrow();

            await("the hit at the endpoint AWS_ENDPOINT_URL_KINESIS names", ARRIVAL, () -> elsewhere.acceptedRecords()
                    .stream().anyMatch(record -> record.text().contains(requestId)));
            assertThat(elsewhere.protocolViolations()).isEmpty();
            assertThat(pipeline.recordedEvents()).isEmpty();
        }
    }

    private static Optional<RecordedEvent> recorded(LocalPipeline pipeline, String eventId) {
        return pipeline.recordedEvents().stream().filter(event -> event.eventId().equals(eventId)).findFirst();
    }

    private static HttpResponse<byte[]> pixel(LocalPipeline pipeline, String query, String origin) {
        return send(HttpRequest.newBuilder(URI.create(pipeline.eventsUrl() + "?" + query))
                .header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8")
                .header("User-Agent", "Mozilla/5.0 (local pipeline test)")
                .header("Origin", origin)
                .GET()
                .build());
    }
}
