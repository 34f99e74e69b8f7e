package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.github.pinpointgtm.testkit.GoldenEnvelopes.GoldenCase;
import io.github.pinpointgtm.testkit.GoldenEnvelopes;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every golden envelope through the whole processor: the handler with the case's configuration, the real SDK
 * clients, the Pinpoint stand-in and ElasticMQ, each case with its own. An accepted case must arrive at Pinpoint as
 * exactly the expected event; a rejected case must be in the dead-letter queue, body untouched, with the expected
 * reason.
 */
class GoldenEnvelopesEndToEndTest extends EndToEndFixture<PinpointStandIn> {

    GoldenEnvelopesEndToEndTest() {
        super(LocalAws.Service.PINPOINT, () -> PinpointStandIn.start(LocalAws.APPLICATION_ID));
    }

    static List<GoldenCase> cases() {
        List<GoldenCase> cases = GoldenEnvelopes.all();
        assertThat(cases).isNotEmpty();
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void everyGoldenEnvelopeEndsWhereItsCaseSays(GoldenCase goldenCase) {
        Map<String, Object> golden = Json.parseObject(goldenCase.json());
        String body = Json.write(golden.get("envelope"));
        Map<String, Object> expected = (Map<String, Object>) golden.get("expected");
        Map<String, String> environment = new LinkedHashMap<>(LocalAws.pinpointEnvironment(queues));
        ((Map<String, Object>) golden.getOrDefault("config", Map.of()))
                .forEach((name, value) -> environment.put(name, (String) value));

        SQSBatchResponse response = new SqsEventHandler(environment, output, Clock.systemUTC())
                .handleRequest(batch(List.of(message("golden", body))), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Message> rejected = sqs.drain(queues.rejectedQueueUrl());
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).as("dead letters").isEmpty();
        if ("accepted".equals(expected.get("outcome"))) {
            assertThat(rejected).isEmpty();
            assertThat(destination.acceptedEvents()).singleElement()
                    .satisfies(event -> assertMatches(event, (Map<String, Object>) expected.get("event")));
        } else {
            assertThat(destination.requestCount()).isZero();
            assertThat(rejected).singleElement().satisfies(letter -> {
                assertThat(letter.body()).isEqualTo(body);
                assertThat(letter.messageAttributes().get("reason").stringValue()).isEqualTo(expected.get("reason"));
                if (expected.containsKey("detailContains")) {
                    assertThat(letter.messageAttributes().get("detail").stringValue())
                            .contains((String) expected.get("detailContains"));
                }
            });
        }
        assertThat(destination.protocolViolations()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void assertMatches(RecordedEvent event, Map<String, Object> expected) {
        assertThat(event.eventId()).isEqualTo(expected.get("eventId"));
        assertThat(event.eventType()).isEqualTo(expected.get("eventType"));
        assertThat(event.timestamp()).isEqualTo(expected.get("timestamp"));
        assertThat(event.endpointId()).isEqualTo(expected.get("endpointId"));
        assertThat(event.attributes()).isEqualTo(expected.get("attributes"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) expected.get("metrics")).forEach((name, value) -> metrics.put(name, ((Number) value).doubleValue()));
        assertThat(event.metrics()).isEqualTo(metrics);
        assertThat(event.sessionId()).isEqualTo(expected.get("sessionId"));
        if (event.sessionId() != null) {
            assertThat(event.sessionStartTimestamp()).isEqualTo(expected.get("timestamp"));
        }
        Map<String, List<String>> userAttributes = new LinkedHashMap<>();
        ((Map<String, Object>) expected.get("userAttributes"))
                .forEach((name, value) -> userAttributes.put(name, List.of((String) value)));
        assertThat(event.userAttributes()).isEqualTo(userAttributes);
    }
}
