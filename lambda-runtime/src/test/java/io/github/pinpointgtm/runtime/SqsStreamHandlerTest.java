package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import io.github.pinpointgtm.runtime.lambdaevent.MalformedSqsEventException;
import io.github.pinpointgtm.runtime.lambdaevent.SqsEventDocuments;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Lambda entry point end to end: an event document in, the stand-in's events, the response document out. */
class SqsStreamHandlerTest extends EndToEndFixture<PinpointStandIn> {

    SqsStreamHandlerTest() {
        super(LocalAws.Service.PINPOINT, () -> PinpointStandIn.start(LocalAws.APPLICATION_ID));
    }

    private SqsStreamHandler handler() {
        return new SqsStreamHandler(new SqsEventHandler(LocalAws.pinpointEnvironment(queues), output,
                Clock.systemUTC()));
    }

    @Test
    void theResponseDocumentListsExactlyTheMessagesToRetry() throws IOException {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return events.get(0).endpointId().startsWith("b") ? PinpointStandIn.throttle() : RequestFault.NONE;
            }

            @Override
            public String rejectEvent(RecordedEvent event) {
                return event.endpointId().equals("a-3") ? "Event attribute value is too long" : null;
            }
        });
        // One PutEvents request of 100 events per group: a accepted (one event refused), b throttled.
        MixedBatch mixed = new MixedBatch();
        for (String group : List.of("a", "b")) {
            for (int i = 0; i < 100; i++) {
                mixed.hit(group, i);
            }
        }
        mixed.missingEventType("missing").foreignOriginAndNotAnEnvelope()
                .expectDeadLetter("a-msg-3", "destination-rejected");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(SqsEventDocuments.of(mixed.messages)), out,
                LocalLambdaContext.withMillisLeft(10_000));

        Map<String, Object> document = Json.parseObject(out.toString(StandardCharsets.UTF_8));
        assertThat(document).containsOnlyKeys("batchItemFailures");
        Set<String> failedIds = ((List<?>) document.get("batchItemFailures")).stream()
                .map(failure -> (String) ((Map<?, ?>) failure).get("itemIdentifier")).collect(Collectors.toSet());
        SQSBatchResponse response = new SQSBatchResponse(failedIds.stream().map(BatchItemFailure::new).toList());
        BatchAccounting accounting = accounting(mixed.messages, response);
        assertThat(failedIds).hasSize(100).allMatch(id -> id.matches("b-msg-\\d+"));
        assertThat(accounting.rejected()).isEqualTo(mixed.expectedRejections);
        assertThat(accounting.deadLettered()).isEqualTo(mixed.expectedDeadLetters);
        assertThat(accounting.delivered()).hasSize(99).allMatch(id -> id.matches("a-msg-\\d+"));
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(accounting.delivered().stream()
                        .map(id -> id.replace("-msg-", "-req-")).toList());
        assertThat(destination.protocolViolations()).isEmpty();
    }

    @Test
    void aBatchThatIsAllDeliveredAnswersAnEmptyList() throws IOException {
        MixedBatch mixed = new MixedBatch().hit("a", 1).hit("a", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(SqsEventDocuments.of(mixed.messages)), out,
                LocalLambdaContext.withMillisLeft(10_000));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::eventId)
                .containsExactlyInAnyOrder("a-req-1", "a-req-2");
    }

    @Test
    void aMalformedDocumentFailsTheInvocationBeforeAnythingIsSentOrDeleted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler().handleRequest(new ByteArrayInputStream(
                "{\"Records\":[{\"messageId\":\"m\",\"body\":".getBytes(StandardCharsets.UTF_8)), out,
                LocalLambdaContext.withMillisLeft(10_000)))
                .isInstanceOf(MalformedSqsEventException.class)
                .hasMessageContaining("not valid JSON");
        assertThat(out.size()).isZero();
        assertThat(destination.requestCount()).isZero();
        assertThat(sqs.drain(queues.rejectedQueueUrl())).isEmpty();
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
    }

    @Test
    void holdsThePrimingOfTheEventDocumentItRegistered() {
        SqsStreamHandler handler = handler();

        assertThat(handler.priming()).isNotNull();
        assertThatCode(() -> handler.priming().beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
