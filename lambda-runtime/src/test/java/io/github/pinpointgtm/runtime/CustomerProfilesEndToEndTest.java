package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.Faults;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.RecordedObject;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The processor with {@code DESTINATION_TYPE=customer-profiles}, built by {@link SqsEventHandler#withEnvironment} as
 * Lambda would build it, its real SDK clients pointed at the Customer Profiles stand-in and ElasticMQ through the SDK's
 * standard endpoint configuration ({@code aws.endpointUrlCustomerProfiles}, {@code aws.endpointUrlSqs}).
 */
class CustomerProfilesEndToEndTest extends EndToEndFixture<CustomerProfilesStandIn> {

    private static final String DOMAIN = "gtm-domain";
    private static final String OBJECT_TYPE = "GtmEvent";

    CustomerProfilesEndToEndTest() {
        super(LocalAws.Service.CUSTOMER_PROFILES, () -> CustomerProfilesStandIn.start(DOMAIN, OBJECT_TYPE));
    }

    private static String endpointIdOf(RecordedObject object) {
        return (String) Json.parseObject(object.object()).get("endpointId");
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        Map<String, RequestFault> faults = Map.of(
                "a-3", Faults.badRequest(),
                "a-4", Faults.throttle(),
                "a-5", Faults.accessDenied(),
                "a-6", Faults.serverError(),
                "a-7", Faults.notFound(),
                "a-8", RequestFault.slow(Duration.ofSeconds(8)));
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return faults.getOrDefault(endpointIdOf(object), RequestFault.NONE);
            }
        });
        MixedBatch mixed = new MixedBatch();
        for (int i = 0; i < 30; i++) {
            mixed.hit("a", i);
            if (i % 10 == 0) {
                mixed.missingEventType("missing-event-" + i);
            }
        }
        mixed.again("a", 0).foreignOriginAndNotAnEnvelope().expectDeadLetter("a-msg-3", "destination-rejected");
        List<SQSMessage> messages = mixed.messages;

        SQSBatchResponse response = SqsEventHandler.withEnvironment(LocalAws.environment("customer-profiles",
                        Map.of("CUSTOMER_PROFILES_DOMAIN_NAME", DOMAIN, "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", OBJECT_TYPE),
                        queues), output)
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(4_000));

        BatchAccounting accounting = accounting(messages, response);
        assertThat(accounting.rejected()).isEqualTo(mixed.expectedRejections);
        assertThat(accounting.deadLettered()).isEqualTo(mixed.expectedDeadLetters);
        assertThat(accounting.retried()).containsExactlyInAnyOrder("a-msg-4", "a-msg-5", "a-msg-6", "a-msg-7",
                "a-msg-8");
        assertThat(accounting.delivered()).hasSize(25).contains("a-msg-0", "a-msg-0-again")
                .allMatch(id -> id.startsWith("a-msg-"));

        List<RecordedObject> accepted = destination.acceptedObjects();
        assertThat(accepted).extracting(CustomerProfilesEndToEndTest::endpointIdOf)
                .containsExactlyInAnyOrderElementsOf(accounting.delivered().stream()
                        .filter(id -> !id.equals("a-msg-0-again"))
                        .map(id -> id.replace("a-msg-", "a-")).collect(Collectors.toSet()));
        assertThat(accepted).allSatisfy(object -> {
            EventJsonSchema.assertValid(object.object());
            assertThat(object.domainName()).isEqualTo(DOMAIN);
            assertThat(object.objectTypeName()).isEqualTo(OBJECT_TYPE);
        });
        assertThat(destination.protocolViolations()).isEmpty();
        assertThat(output).contains("destination misconfigured").contains("AccessDeniedException")
                .contains("ResourceNotFoundException");
    }
}
