package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.batch;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.hit;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.BatchAccounting;
import io.github.pinpointgtm.runtime.testsupport.ElasticMqHarness;
import io.github.pinpointgtm.runtime.testsupport.EventBridgeStandIn;
import io.github.pinpointgtm.runtime.testsupport.EventBridgeStandIn.EntryError;
import io.github.pinpointgtm.runtime.testsupport.EventBridgeStandIn.FaultInjector;
import io.github.pinpointgtm.runtime.testsupport.EventBridgeStandIn.RecordedEntry;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.FakeLambdaContext;
import io.github.pinpointgtm.runtime.testsupport.JsonTree;
import io.github.pinpointgtm.runtime.testsupport.LocalAws;
import io.github.pinpointgtm.runtime.testsupport.TestEnvelopes;
import java.time.Instant;
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
 * The processor with {@code DESTINATION_TYPE=eventbridge}, built by {@link SqsEventHandler#withEnvironment} as Lambda
 * would build it, its real SDK clients pointed at the EventBridge stand-in and ElasticMQ through the SDK's standard
 * endpoint configuration ({@code aws.endpointUrlEventBridge}, {@code aws.endpointUrlSqs}).
 */
class EventBridgeEndToEndTest {

    private static final String BUS_ARN = "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events";
    /** TestEnvelopes' requestTimeEpoch: the hit's time when it carries no trusted client timestamp. */
    private static final Instant HIT_TIME = Instant.ofEpochMilli(1764201600123L);

    private static ElasticMqHarness sqs;
    private EventBridgeStandIn eventBridge;
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
        eventBridge = EventBridgeStandIn.start(BUS_ARN);
        endpoints = LocalAws.pointing(LocalAws.Service.EVENTBRIDGE, eventBridge.endpoint(), sqs);
        deadLetterQueueUrl = sqs.createQueue("dlq-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        endpoints.close();
        eventBridge.close();
    }

    private static String endpointIdOf(RecordedEntry entry) {
        return (String) JsonTree.parseObject(entry.detail()).get("endpointId");
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        Map<String, String> entryCodes = Map.of(
                "a-3", "MalformedDetail",
                "a-4", "ThrottlingException",
                "a-5", "NotAuthorizedForSourceException",
                "a-6", "InternalFailure");
        eventBridge.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                // Group b's request is throttled as a whole, every time.
                return endpointIdOf(entries.get(0)).startsWith("b-")
                        ? RequestFault.status(400, "ThrottlingException") : RequestFault.NONE;
            }

            @Override
            public EntryError failEntry(RecordedEntry entry) {
                String code = entryCodes.get(endpointIdOf(entry));
                return code == null ? null : new EntryError(code, "injected " + code);
            }
        });
        // 30 valid hits of group a (three requests of 10), 10 of group b (one request), invalid hits in between and
        // one hit that SQS delivered twice.
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
        for (int i = 0; i < 10; i++) {
            messages.add(message("b-msg-" + i, hit("b-req-" + i, "purchase", "b-" + i)));
        }
        messages.add(message("a-msg-0-again", hit("a-req-0", "purchase", "a-0")));
        messages.add(message("foreign-origin", TestEnvelopes.envelope("r-foreign",
                Map.of("event", "purchase", "endpoint_id", "x"), "https://evil.example.net")));
        expectedDeadLetters.put("foreign-origin", "origin-not-allowed");
        messages.add(message("not-json", "this is not an envelope"));
        expectedDeadLetters.put("not-json", "malformed-envelope");
        expectedDeadLetters.put("a-msg-3", "destination-rejected");

        SQSBatchResponse response = SqsEventHandler.withEnvironment(LocalAws.environment("eventbridge",
                        Map.of("EVENTBRIDGE_EVENT_BUS", BUS_ARN), deadLetterQueueUrl), output)
                .handleRequest(batch(messages), new FakeLambdaContext(10_000));

        BatchAccounting accounting = BatchAccounting.of(messages, response, sqs, deadLetterQueueUrl);
        assertThat(accounting.deadLettered()).isEqualTo(expectedDeadLetters);
        assertThat(accounting.retried()).containsExactlyInAnyOrder("a-msg-4", "a-msg-5", "a-msg-6", "b-msg-0",
                "b-msg-1", "b-msg-2", "b-msg-3", "b-msg-4", "b-msg-5", "b-msg-6", "b-msg-7", "b-msg-8", "b-msg-9");
        assertThat(accounting.delivered()).hasSize(27).contains("a-msg-0", "a-msg-0-again")
                .allMatch(id -> id.startsWith("a-msg-"));
        assertThat(accounting.retried().size() + accounting.deadLettered().size() + accounting.delivered().size())
                .isEqualTo(messages.size());

        // What EventBridge accepted: each delivered hit once (the duplicate too), with the hit's time, valid JSON.
        List<RecordedEntry> accepted = eventBridge.acceptedEntries();
        assertThat(accepted).extracting(EventBridgeEndToEndTest::endpointIdOf)
                .containsExactlyInAnyOrderElementsOf(accounting.delivered().stream()
                        .filter(id -> !id.equals("a-msg-0-again"))
                        .map(id -> id.replace("a-msg-", "a-")).collect(Collectors.toSet()));
        assertThat(accepted).allSatisfy(entry -> {
            EventJsonSchema.assertValid(entry.detail());
            assertThat(entry.eventBusName()).isEqualTo(BUS_ARN);
            assertThat(entry.source()).isEqualTo("io.github.pinpointgtm");
            assertThat(entry.detailType()).isEqualTo("GTM Customer Event");
            assertThat(entry.time()).isEqualTo(HIT_TIME);
        });
        assertThat(eventBridge.protocolViolations()).isEmpty();
        assertThat(output).contains("destination misconfigured").contains("NotAuthorizedForSourceException");
    }
}
