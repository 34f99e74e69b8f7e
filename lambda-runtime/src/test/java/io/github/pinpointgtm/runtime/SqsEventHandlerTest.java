package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.hit;
import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsEventHandlerTest extends EndToEndFixture<PinpointStandIn> {

    SqsEventHandlerTest() {
        super(LocalAws.Service.PINPOINT, () -> PinpointStandIn.start(LocalAws.APPLICATION_ID));
    }

    private SqsEventHandler handler(Map<String, String> environment) {
        return new SqsEventHandler(environment, output, Clock.systemUTC());
    }

    /** The stand-in refuses the events whose id matches with a per-event 400, the others it accepts. */
    private static FaultInjector refusingEvents(java.util.function.Predicate<String> eventIds) {
        return new FaultInjector() {
            @Override
            public String rejectEvent(RecordedEvent event) {
                return eventIds.test(event.eventId()) ? "Event attribute value is too long" : null;
            }
        };
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return switch (events.get(0).endpointId().charAt(0)) {
                    case 'b' -> PinpointStandIn.throttle();
                    case 'c' -> PinpointStandIn.serverError();
                    case 'd' -> RequestFault.slow(Duration.ofSeconds(8));
                    default -> RequestFault.NONE;
                };
            }

            @Override
            public String rejectEvent(RecordedEvent event) {
                return event.endpointId().equals("a-7") ? "Event attribute value is too long" : null;
            }
        });
        // Four groups of 100 valid hits, one PutEvents request each: a accepted (one event refused), b throttled,
        // c failing with 500, d answering too slowly. Invalid hits are mixed in.
        MixedBatch mixed = new MixedBatch();
        for (String group : List.of("a", "b", "c", "d")) {
            for (int i = 0; i < 100; i++) {
                mixed.hit(group, i);
            }
            mixed.missingEventType(group + "-missing-event");
        }
        mixed.foreignOriginAndNotAnEnvelope().expectDeadLetter("a-msg-7", "destination-rejected");
        List<SQSMessage> messages = mixed.messages;

        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues))
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(4_000));

        BatchAccounting accounting = accounting(messages, response);
        assertThat(accounting.rejected()).isEqualTo(mixed.expectedRejections);
        assertThat(accounting.deadLettered()).isEqualTo(mixed.expectedDeadLetters);
        assertThat(accounting.retried()).hasSize(300).allMatch(id -> id.matches("[bcd]-msg-\\d+"));
        assertThat(accounting.delivered()).hasSize(99).allMatch(id -> id.matches("a-msg-\\d+"));
        Set<String> recorded = destination.acceptedEvents().stream().map(RecordedEvent::eventId)
                .collect(Collectors.toSet());
        accounting.delivered().forEach(id -> assertThat(recorded).contains(id.replace("-msg-", "-req-")));
        assertThat(destination.protocolViolations()).isEmpty();
    }

    @Test
    void withEnvironmentBuildsTheProcessorFromAnExplicitEnvironment() {
        String body = hit("r1", Map.of("endpoint_id", "x"));

        SQSBatchResponse response = SqsEventHandler.withEnvironment(LocalAws.pinpointEnvironment(queues), output)
                .handleRequest(batch(List.of(message("m1", body))), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sqs.drain(queues.rejectedQueueUrl())).singleElement()
                .satisfies(letter -> assertThat(letter.messageAttributes().get("reason").stringValue())
                        .isEqualTo("missing-event-type"));
        assertThat(output).contains("\"Received\":1");
    }

    @Test
    void withEnvironmentNamesTheVariableThatIsWrong() {
        Map<String, String> environment = new HashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("DELIVERY_CONCURRENCY", "many");

        assertThatThrownBy(() -> SqsEventHandler.withEnvironment(environment, output))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DELIVERY_CONCURRENCY");
    }

    @Test
    void rejectedMessagesKeepTheirBodyAndCarryReasonAndDetail() {
        String body = hit("r1", Map.of("endpoint_id", "x", "evat_note", "a & b = \"c\""));

        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues))
                .handleRequest(batch(List.of(message("m1", body))), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
        List<Message> rejected = sqs.drain(queues.rejectedQueueUrl());
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).body()).isEqualTo(body);
        assertThat(rejected.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("missing-event-type");
        assertThat(rejected.get(0).messageAttributes().get("detail").stringValue()).contains("event");
    }

    @Test
    void eventsTheDestinationRefusesAreDeadLetteredWithReasonAndDetailAndNeverRejected() {
        destination.faults(refusingEvents(eventId -> true));
        String body = hit("r1", "purchase", "e1");

        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues))
                .handleRequest(batch(List.of(message("m1", body))), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sqs.drain(queues.rejectedQueueUrl())).isEmpty();
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).singleElement().satisfies(letter -> {
            assertThat(letter.body()).isEqualTo(body);
            assertThat(letter.messageAttributes().get("reason").stringValue()).isEqualTo("destination-rejected");
            assertThat(letter.messageAttributes().get("detail").stringValue()).contains("too long");
        });
    }

    @Test
    void whenTheRejectedQueueRefusesRefusedHitsAreRetriedInsteadAndNeverDeadLettered() {
        String missingQueue = queues.rejectedQueueUrl().replaceAll("rejected-[^/]+$", "no-such-queue");
        List<SQSMessage> messages = List.of(
                message("valid", hit("r1", "purchase", "e1")),
                message("invalid", hit("r2", Map.of("endpoint_id", "x"))));

        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues.withRejectedQueue(missingQueue)))
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("invalid");
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::eventId).containsExactly("r1");
        assertThat(sqs.drain(queues.deadLetterQueueUrl())).isEmpty();
        assertThat(logLines()).anySatisfy(line -> {
            assertThat(line).containsEntry("messageId", "invalid").containsEntry("outcome", "retry")
                    .containsEntry("reason", "rejected-queue-failed");
            assertThat((String) line.get("detail")).contains("missing-event-type").contains("rejected queue");
        });
    }

    @Test
    void whenTheDeadLetterQueueRefusesUndeliverableEventsAreRetriedInsteadAndNeverRejected() {
        destination.faults(refusingEvents("r2"::equals));
        String missingQueue = queues.deadLetterQueueUrl().replaceAll("dlq-[^/]+$", "no-such-queue");
        List<SQSMessage> messages = List.of(
                message("valid", hit("r1", "purchase", "e1")),
                message("refused", hit("r2", "purchase", "e2")));

        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues.withDeadLetterQueue(missingQueue)))
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("refused");
        assertThat(sqs.drain(queues.rejectedQueueUrl())).isEmpty();
        assertThat(logLines()).anySatisfy(line -> {
            assertThat(line).containsEntry("messageId", "refused").containsEntry("outcome", "retry")
                    .containsEntry("reason", "dead-letter-failed");
            assertThat((String) line.get("detail")).contains("destination-rejected").contains("dead-letter queue");
        });
    }

    @Test
    void writesASummaryLineAndEmfMetricsWithoutPersonalData() {
        destination.faults(refusingEvents("r3"::equals));
        List<SQSMessage> messages = List.of(
                message("m1", hit("r1", "purchase", "customer-4711@example.com")),
                message("m2", hit("r2", Map.of("endpoint_id", "customer-4711@example.com"))),
                message("m3", hit("r3", "purchase", "customer-4711@example.com")));

        handler(LocalAws.pinpointEnvironment(queues)).handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        List<Map<String, Object>> lines = logLines();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .containsEntry("message", "batch processed").containsEntry("level", "WARN")
                .containsEntry("received", 3).containsEntry("delivered", 1).containsEntry("rejected", 1)
                .containsEntry("deadLettered", 1).containsEntry("retried", 0).containsEntry("destinationRequests", 1)
                .containsKey("awsRequestId"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .containsKey("_aws").containsEntry("Received", 3).containsEntry("Delivered", 1)
                .containsEntry("Rejected", 1).containsEntry("DeadLettered", 1).containsEntry("Retried", 0)
                .containsEntry("DestinationRequests", 1));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .containsKey("_aws").containsEntry("reason", "missing-event-type").containsEntry("Rejected", 1));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .containsKey("_aws").containsEntry("reason", "destination-rejected").containsEntry("DeadLettered", 1));
        assertThat(lines).filteredOn(line -> line.containsKey("reason") && line.containsKey("_aws"))
                .as("one line per reason and outcome").hasSize(2);
        assertThat(output.toString()).doesNotContain("customer-4711");
    }

    @Test
    void fingerprintsEndpointIdsWithTheDeploymentsSalt() {
        String salt = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/1-2-3/Connector";
        destination.faults(new FaultInjector() {
            @Override
            public String rejectEvent(RecordedEvent event) {
                return "Event attribute value is too long";
            }
        });
        Map<String, String> environment = new HashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("LOG_FINGERPRINT_SALT", salt);

        handler(environment).handleRequest(batch(List.of(message("m1", hit("r1", "purchase", "customer-4711")))),
                LocalLambdaContext.withMillisLeft(10_000));

        assertThat(logLines()).anySatisfy(line -> assertThat(line).containsEntry("messageId", "m1")
                .containsEntry("endpointId", new PersonalData(false, salt).protect("customer-4711")));
        assertThat(logLines()).noneSatisfy(line -> assertThat(line)
                .containsEntry("message", "log fingerprint salt missing"));
    }

    @Test
    void warnsOnceWhenTheDeploymentGaveNoFingerprintSalt() {
        SqsEventHandler handler = handler(LocalAws.pinpointEnvironment(queues));
        handler.handleRequest(batch(List.of()), LocalLambdaContext.withMillisLeft(10_000));
        handler.handleRequest(batch(List.of()), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(logLines()).filteredOn(line -> "log fingerprint salt missing".equals(line.get("message")))
                .singleElement().satisfies(line -> assertThat(line).containsEntry("level", "WARN")
                        .hasEntrySatisfying("detail", detail -> assertThat((String) detail)
                                .contains("LOG_FINGERPRINT_SALT")));
    }

    @Test
    void aBatchWhoseOnlyFailuresAreRefusedHitsIsSummarisedAtInfo() {
        List<SQSMessage> messages = List.of(
                message("m1", hit("r1", "purchase", "e1")),
                message("m2", hit("r2", Map.of("endpoint_id", "e2"))));

        handler(LocalAws.pinpointEnvironment(queues)).handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .containsEntry("message", "batch processed").containsEntry("level", "INFO")
                .containsEntry("rejected", 1).containsEntry("deadLettered", 0));
    }

    @Test
    void anEmptyBatchReportsNothing() {
        SQSBatchResponse response = handler(LocalAws.pinpointEnvironment(queues))
                .handleRequest(batch(List.of()), LocalLambdaContext.withMillisLeft(10_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(destination.requestCount()).isZero();
    }

    @Test
    void aMessageToRetryWithoutAnIdFailsTheWholeBatchRatherThanBeingDropped() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return PinpointStandIn.serverError();
            }
        });
        SqsEventHandler handler = handler(LocalAws.pinpointEnvironment(queues));

        assertThatThrownBy(() -> handler.handleRequest(batch(List.of(message(null, hit("r1", "purchase", "e1")))),
                LocalLambdaContext.withMillisLeft(10_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("message id");
    }

    @Test
    void refusesToStartWithoutTheConfiguredDestinationsSettings() {
        Map<String, String> environment = new LinkedHashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("DESTINATION_TYPE", "kinesis");

        assertThatThrownBy(() -> handler(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KINESIS_STREAM_NAME is required when DESTINATION_TYPE is kinesis");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_REGION", "REJECTED_QUEUE_URL", "DEAD_LETTER_QUEUE_URL"})
    void refusesToStartWithoutARequiredVariable(String variable) {
        Map<String, String> environment = new LinkedHashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.remove(variable);

        assertThatThrownBy(() -> handler(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable)
                .hasMessageContaining("required");
    }
}
