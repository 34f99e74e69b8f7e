package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import io.github.pinpointgtm.runtime.lambdaevent.MalformedSqsEventException;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.lambdaevent.SqsEventDocuments;
import io.github.pinpointgtm.runtime.retry.Retries;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn.EventFault;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.SourceQueue;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

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
    void messagesReceivedFromTheSourceQueueAreDeletedPostponedOrDeadLetteredOnThatQueue() throws IOException {
        SourceQueue source = SourceQueue.create(sqs);
        // The last-chance message is received once before the batch: the batch's receive is its second.
        String lastChanceBody = TestEnvelopes.hit("c-req-1", "purchase", "c-1");
        source.send(lastChanceBody);
        assertThat(source.receive()).singleElement();
        source.send(TestEnvelopes.hit("a-req-1", "purchase", "a-1"));
        source.send(TestEnvelopes.hit("b-req-1", "purchase", "b-1"));
        List<SQSMessage> records = source.receive();
        assertThat(records).hasSize(3);
        Map<String, SQSMessage> byEndpoint = records.stream().collect(Collectors.toMap(
                r -> r.getBody().contains("\"a-1\"") ? "a" : r.getBody().contains("\"b-1\"") ? "b" : "c",
                r -> r));
        assertThat(Retries.receiveCount(byEndpoint.get("c"))).isEqualTo(2);
        assertThat(Retries.receiveCount(byEndpoint.get("a"))).isEqualTo(1);
        destination.faults(new FaultInjector() {
            @Override
            public EventFault failEvent(RecordedEvent event) {
                return event.endpointId().equals("a-1") ? null : new EventFault(429, "Too many requests");
            }
        });
        Map<String, String> environment = new HashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("MAX_RECEIVE_COUNT", "2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new SqsStreamHandler(new SqsEventHandler(environment, output, Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(SqsEventDocuments.of(records)), out, LocalLambdaContext.withMillisLeft(20_000));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + byEndpoint.get("b").getMessageId() + "\"}]}");
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo(lastChanceBody);
            assertThat(letter.messageAttributes().get("reason").stringValue()).isEqualTo("retries-exhausted");
        });
        assertThat(logLines()).noneSatisfy(line -> assertThat(line.get("message"))
                .isIn("early delete failed", "backoff not set"));
        // The source queue's visibility timeout is 0: a message neither deleted nor postponed is visible again at
        // once. The delivered message was deleted early; the one to retry is hidden by its backoff; the dead-lettered
        // one is left for Lambda to delete, as the response does not name it.
        List<Message> visible = sqs.drain(source.url());
        assertThat(visible).extracting(Message::messageId).containsExactly(byEndpoint.get("c").getMessageId());
        assertThat(source.invisibleMessages()).isEqualTo(1);
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
