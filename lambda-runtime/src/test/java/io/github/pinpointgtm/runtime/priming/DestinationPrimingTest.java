package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.customerprofiles.CustomerProfilesDestination;
import io.github.pinpointgtm.runtime.delivery.eventbridge.EventBridgeDestination;
import io.github.pinpointgtm.runtime.delivery.firehose.FirehoseDestination;
import io.github.pinpointgtm.runtime.delivery.kinesis.KinesisDestination;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointDestination;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SnapStart priming with each destination's factory: the sample hit is accepted and one request, signed for the
 * destination's service and shaped as its API wants it, goes into the destination's offline answer, which accepts it.
 */
class DestinationPrimingTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";

    /**
     * One destination's priming request.
     *
     * @param environment the destination's part of the processor's environment
     * @param factory     the destination's factory
     * @param method      the request's HTTP method
     * @param path        the request's path; {@code null} for the root ({@code ""} or {@code "/"})
     * @param target      the {@code X-Amz-Target}; {@code null} for a REST API, which has none
     * @param contentType the {@code Content-Type} the SDK writes; {@code null} where the test does not pin it
     * @param signingName the service's SigV4 signing name
     */
    record Destination(Map<String, String> environment, DestinationFactory factory, String method,
                       String path, String target, String contentType, String signingName) {
        @Override
        public String toString() {
            return environment.getOrDefault("DESTINATION_TYPE", "pinpoint");
        }
    }

    static Stream<Destination> destinations() {
        return Stream.of(
                new Destination(Map.of("PINPOINT_APPLICATION_ID", APP_ID), PinpointDestination.FACTORY,
                        "POST", "/v1/apps/" + APP_ID + "/events", null, null, "mobiletargeting"),
                new Destination(Map.of("DESTINATION_TYPE", "kinesis", "KINESIS_STREAM_NAME", "gtm-customer-events"),
                        KinesisDestination.FACTORY, "POST", null, "Kinesis_20131202.PutRecords",
                        "application/x-amz-cbor-1.1", "kinesis"),
                new Destination(Map.of("DESTINATION_TYPE", "firehose",
                        "FIREHOSE_DELIVERY_STREAM_NAME", "gtm-customer-events-to-s3"),
                        FirehoseDestination.FACTORY, "POST", null, "Firehose_20150804.PutRecordBatch",
                        "application/x-amz-json-1.1", "firehose"),
                new Destination(Map.of("DESTINATION_TYPE", "eventbridge",
                        "EVENTBRIDGE_EVENT_BUS", "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events"),
                        EventBridgeDestination.FACTORY, "POST", null, "AWSEvents.PutEvents", null, "events"),
                new Destination(Map.of("DESTINATION_TYPE", "customer-profiles",
                        "CUSTOMER_PROFILES_DOMAIN_NAME", "gtm-domain", "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmEvent"),
                        CustomerProfilesDestination.FACTORY, "PUT", "/domains/gtm-domain/profiles/objects", null,
                        null, "profile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destinations")
    void runsTheSampleHitThroughASignedRoundTripWithoutNetwork(Destination destination) {
        StringBuilder output = new StringBuilder();

        SnapStartPriming.Result result = PrimingFixture.priming(PrimingFixture.config(destination.environment(), "https://shop.example.org"),
                destination.factory(), output)
                .prime();

        assertThat(result.sample().eventType()).isEqualTo("priming");
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo(destination.method());
            if (destination.path() == null) {
                assertThat(request.encodedPath()).isIn("", "/");
            } else {
                assertThat(request.encodedPath()).isEqualTo(destination.path());
            }
            assertThat(request.firstMatchingHeader("X-Amz-Target")).isEqualTo(Optional.ofNullable(destination.target()));
            if (destination.contentType() != null) {
                assertThat(request.firstMatchingHeader("Content-Type")).hasValue(destination.contentType());
            }
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                    authorization).matches("AWS4-HMAC-SHA256 Credential=priming/\\d{8}/eu-west-1/"
                    + destination.signingName() + "/aws4_request, .*"));
        });
        assertThat(output).isEmpty();
    }
}
