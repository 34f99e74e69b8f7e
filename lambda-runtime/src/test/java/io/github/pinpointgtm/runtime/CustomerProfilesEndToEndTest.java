package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.batch;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.hit;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.BatchAccounting;
import io.github.pinpointgtm.runtime.testsupport.CustomerProfilesStandIn;
import io.github.pinpointgtm.runtime.testsupport.CustomerProfilesStandIn.FaultInjector;
import io.github.pinpointgtm.runtime.testsupport.CustomerProfilesStandIn.Faults;
import io.github.pinpointgtm.runtime.testsupport.CustomerProfilesStandIn.RecordedObject;
import io.github.pinpointgtm.runtime.testsupport.ElasticMqHarness;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.FakeLambdaContext;
import io.github.pinpointgtm.runtime.testsupport.JsonTree;
import io.github.pinpointgtm.runtime.testsupport.LocalAws;
import io.github.pinpointgtm.runtime.testsupport.TestEnvelopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor with {@code DESTINATION_TYPE=customer-profiles}, built by {@link SqsEventHandler#withEnvironment} as
 * Lambda would build it, its real SDK clients pointed at the Customer Profiles stand-in and ElasticMQ through the SDK's
 * standard endpoint configuration ({@code aws.endpointUrlCustomerProfiles}, {@code aws.endpointUrlSqs}).
 */
class CustomerProfilesEndToEndTest {

    private static final String DOMAIN = "gtm-domain";
    private static final String OBJECT_TYPE = "GtmEvent";

    private static ElasticMqHarness sqs;
    private CustomerProfilesStandIn profiles;
    private LocalAws endpoints;
    private String deadLetterQueueUrl;
    private final StringBuilder output = new StringBuilder();

    @BeforeAll
    static void startSqs() {
        sqs = ElasticMqHarness.start();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @BeforeEach
    void start() {
        profiles = CustomerProfilesStandIn.start(DOMAIN, OBJECT_TYPE);
        endpoints = LocalAws.pointing(LocalAws.Service.CUSTOMER_PROFILES, profiles.endpoint(), sqs);
        deadLetterQueueUrl = sqs.createQueue("dlq-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        endpoints.close();
        profiles.close();
    }

    private static String endpointIdOf(RecordedObject object) {
        return (String) JsonTree.parseObject(object.object()).get("endpointId");
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
        profiles.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return faults.getOrDefault(endpointIdOf(object), RequestFault.NONE);
            }
        });
        List<SQSMessage> messages = new ArrayList<>();
        Map<String, String> expectedDeadLetters = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            messages.add(message("a-msg-" + i, hit("a-req-" + i, "purchase", "a-" + i)));
            if (i % 10 == 0) {
                String missingEvent = "missing-event-" + i;
                messages.add(message(missingEvent, hit("r-" + missingEvent, Map.of("endpoint_id", "x"))));
                expectedDeadLetters.put(missingEvent, "missing-event-type");
            }
        }
        messages.add(message("a-msg-0-again", hit("a-req-0", "purchase", "a-0")));
        messages.add(message("foreign-origin", TestEnvelopes.envelope("r-foreign",
                Map.of("event", "purchase", "endpoint_id", "x"), "https://evil.example.net")));
        expectedDeadLetters.put("foreign-origin", "origin-not-allowed");
        messages.add(message("not-json", "this is not an envelope"));
        expectedDeadLetters.put("not-json", "malformed-envelope");
        expectedDeadLetters.put("a-msg-3", "destination-rejected");

        long started = System.nanoTime();
        SQSBatchResponse response = SqsEventHandler.withEnvironment(LocalAws.environment("customer-profiles",
                        Map.of("CUSTOMER_PROFILES_DOMAIN_NAME", DOMAIN, "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", OBJECT_TYPE),
                        deadLetterQueueUrl), output)
                .handleRequest(batch(messages), new FakeLambdaContext(4_000));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        BatchAccounting accounting = BatchAccounting.of(messages, response, sqs, deadLetterQueueUrl);
        assertThat(took).isLessThan(Duration.ofMillis(4_000));
        assertThat(accounting.deadLettered()).isEqualTo(expectedDeadLetters);
        assertThat(accounting.retried()).containsExactlyInAnyOrder("a-msg-4", "a-msg-5", "a-msg-6", "a-msg-7",
                "a-msg-8");
        assertThat(accounting.delivered()).hasSize(25).contains("a-msg-0", "a-msg-0-again")
                .allMatch(id -> id.startsWith("a-msg-"));
        assertThat(accounting.retried().size() + accounting.deadLettered().size() + accounting.delivered().size())
                .isEqualTo(messages.size());

        List<RecordedObject> accepted = profiles.acceptedObjects();
        assertThat(accepted).extracting(CustomerProfilesEndToEndTest::endpointIdOf)
                .containsExactlyInAnyOrderElementsOf(accounting.delivered().stream()
                        .filter(id -> !id.equals("a-msg-0-again"))
                        .map(id -> id.replace("a-msg-", "a-")).collect(Collectors.toSet()));
        assertThat(accepted).allSatisfy(object -> {
            EventJsonSchema.assertValid(object.object());
            assertThat(object.domainName()).isEqualTo(DOMAIN);
            assertThat(object.objectTypeName()).isEqualTo(OBJECT_TYPE);
        });
        assertThat(profiles.protocolViolations()).isEmpty();
        assertThat(output).contains("destination misconfigured").contains("AccessDeniedException")
                .contains("ResourceNotFoundException");
    }
}
