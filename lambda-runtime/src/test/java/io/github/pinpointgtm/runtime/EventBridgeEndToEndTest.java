package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.EntryError;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.RecordedEntry;
import io.github.pinpointgtm.testkit.EventBridgeStandIn;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.time.Instant;
import java.util.List;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The processor with {@code DESTINATION_TYPE=eventbridge}, built by {@link SqsEventHandler#withEnvironment} as Lambda
 * would build it, its real SDK clients pointed at the EventBridge stand-in and ElasticMQ through the SDK's standard
 * endpoint configuration ({@code aws.endpointUrlEventBridge}, {@code aws.endpointUrlSqs}).
 */
class EventBridgeEndToEndTest extends EndToEndFixture<EventBridgeStandIn> {

    private static final String BUS_ARN = "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events";
    /** TestEnvelopes' requestTimeEpoch: the hit's time when it carries no trusted client timestamp. */
    private static final Instant HIT_TIME = Instant.ofEpochMilli(1764201600123L);

    EventBridgeEndToEndTest() {
        super(LocalAws.Service.EVENTBRIDGE, () -> EventBridgeStandIn.start(BUS_ARN));
    }

    private static String endpointIdOf(RecordedEntry entry) {
        return (String) Json.parseObject(entry.detail()).get("endpointId");
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        Map<String, String> entryCodes = Map.of(
                "a-3", "MalformedDetail",
                "a-4", "ThrottlingException",
                "a-5", "NotAuthorizedForSourceException",
                "a-6", "InternalFailure");
        destination.faults(new FaultInjector() {
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
        MixedBatch mixed = new MixedBatch();
        for (int i = 0; i < 30; i++) {
            mixed.hit("a", i);
            if (i % 10 == 0) {
                mixed.missingEventType("missing-event-" + i);
            }
        }
        for (int i = 0; i < 10; i++) {
            mixed.hit("b", i);
        }
        mixed.again("a", 0).foreignOriginAndNotAnEnvelope().expectDeadLetter("a-msg-3", "destination-rejected");
        List<SQSMessage> messages = mixed.messages;

        SQSBatchResponse response = new SqsEventHandler(LocalAws.environment("eventbridge",
                        Map.of("EVENTBRIDGE_EVENT_BUS", BUS_ARN), queues), output, Clock.systemUTC(),
                new SimulatedTime().retries(1))
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        BatchAccounting accounting = accounting(messages, response);
        assertThat(accounting.rejected()).isEqualTo(mixed.expectedRejections);
        assertThat(accounting.deadLettered()).isEqualTo(mixed.expectedDeadLetters);
        assertThat(accounting.retried()).containsExactlyInAnyOrder("a-msg-4", "a-msg-5", "a-msg-6", "b-msg-0",
                "b-msg-1", "b-msg-2", "b-msg-3", "b-msg-4", "b-msg-5", "b-msg-6", "b-msg-7", "b-msg-8", "b-msg-9");
        assertThat(accounting.delivered()).hasSize(27).contains("a-msg-0", "a-msg-0-again")
                .allMatch(id -> id.startsWith("a-msg-"));

        // What EventBridge accepted: each delivered hit once (the duplicate too), with the hit's time, valid JSON.
        List<RecordedEntry> accepted = destination.acceptedEntries();
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
        assertThat(destination.protocolViolations()).isEmpty();
        assertThat(output).contains("destination misconfigured").contains("NotAuthorizedForSourceException");
    }
}
