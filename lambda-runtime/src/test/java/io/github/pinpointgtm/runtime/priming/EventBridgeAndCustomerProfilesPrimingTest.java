package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.customerprofiles.CustomerProfilesDestinationFactory;
import io.github.pinpointgtm.runtime.delivery.eventbridge.EventBridgeDestinationFactory;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** SnapStart priming with the EventBridge and Customer Profiles factories: one signed request into the offline answer. */
class EventBridgeAndCustomerProfilesPrimingTest {

    private final StringBuilder output = new StringBuilder();

    private static ProcessorConfig config(Map<String, String> destination) {
        Map<String, String> env = new HashMap<>(destination);
        env.put("DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
        env.put("REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected");
        env.put("ALLOWED_ORIGINS", "https://www.example.com");
        return ProcessorConfig.fromEnvironment(env);
    }

    private SnapStartPriming.Result prime(ProcessorConfig config, io.github.pinpointgtm.runtime.delivery.DestinationFactory factory) {
        SnapStartPriming priming = new SnapStartPriming(new HitReader(config)::read, factory, config, Region.EU_WEST_1,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
        return priming.prime();
    }

    @Test
    void eventBridgeRunsOneSignedPutEventsThroughTheOfflineAnswer() {
        ProcessorConfig config = config(Map.of("DESTINATION_TYPE", "eventbridge",
                "EVENTBRIDGE_EVENT_BUS", "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events"));

        SnapStartPriming.Result result = prime(config, new EventBridgeDestinationFactory());

        assertThat(result.sampleAccepted()).isTrue();
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.encodedPath()).isIn("", "/");
            assertThat(request.firstMatchingHeader("X-Amz-Target")).hasValue("AWSEvents.PutEvents");
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                    authorization).matches("AWS4-HMAC-SHA256 Credential=priming/\\d{8}/eu-west-1/events/aws4_request, .*"));
        });
        assertThat(output).isEmpty();
    }

    @Test
    void customerProfilesRunsOneSignedPutProfileObjectThroughTheOfflineAnswer() {
        ProcessorConfig config = config(Map.of("DESTINATION_TYPE", "customer-profiles",
                "CUSTOMER_PROFILES_DOMAIN_NAME", "gtm-domain", "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmEvent"));

        SnapStartPriming.Result result = prime(config, new CustomerProfilesDestinationFactory());

        assertThat(result.sampleAccepted()).isTrue();
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo("PUT");
            assertThat(request.encodedPath()).isEqualTo("/domains/gtm-domain/profiles/objects");
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                    authorization).matches("AWS4-HMAC-SHA256 Credential=priming/\\d{8}/eu-west-1/profile/aws4_request, .*"));
        });
        assertThat(output).isEmpty();
    }
}
