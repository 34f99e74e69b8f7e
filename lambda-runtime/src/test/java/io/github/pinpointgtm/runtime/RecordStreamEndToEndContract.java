package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.hit;
import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.testkit.RecordStreamStandIn;
import io.github.pinpointgtm.testkit.SideQueues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The processor end to end with a record-stream destination, as Lambda runs it: {@link SqsEventHandler} built from
 * an environment with {@code DESTINATION_TYPE} set, the real SDK clients aimed at the destination's stand-in and at
 * ElasticMQ (the dead-letter queue) through the SDK's {@code aws.endpointUrl*} settings. Every message of a mixed
 * batch must end in exactly one place: written to the stream, in {@code batchItemFailures}, or in the dead-letter
 * queue with a {@code reason} attribute.
 */
abstract class RecordStreamEndToEndContract extends EndToEndFixture<RecordStreamStandIn> {

    private static final int FIFTEEN_MINUTES_MILLIS = 15 * 60 * 1000;

    /**
     * What differs between the record-stream services.
     *
     * @param environment         the environment the construct would set for the destination
     * @param throttledRecordCode the service's per-record throttling code
     * @param invalidRequest      the whole-request fault with which the service refuses an invalid request
     * @param eventJson           the event JSON of a record as the stand-in received it
     * @param recordFraming       checks what the destination adds around the event JSON (partition key, newline)
     */
    record RecordStream(Function<SideQueues, Map<String, String>> environment, String throttledRecordCode,
                        RequestFault invalidRequest, Function<ReceivedRecord, String> eventJson,
                        BiConsumer<ReceivedRecord, Map<String, Object>> recordFraming) {
    }

    private final RecordStream stream;

    RecordStreamEndToEndContract(LocalAws.Service service, Supplier<RecordStreamStandIn> startDestination,
                                 RecordStream stream) {
        super(service, startDestination);
        this.stream = stream;
    }

    private Map<String, String> environment(SideQueues queues) {
        return stream.environment().apply(queues);
    }

    private String eventJson(ReceivedRecord record) {
        return stream.eventJson().apply(record);
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                boolean poisoned = records.stream().anyMatch(r -> eventJson(r).contains("\"eventId\":\"p-req-3\""));
                return poisoned ? stream.invalidRequest() : RequestFault.NONE;
            }

            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                String json = eventJson(record);
                if (json.contains("\"endpointId\":\"t-")) {
                    return new RecordFault(stream.throttledRecordCode(), "Rate exceeded");
                }
                if (json.contains("\"endpointId\":\"i-")) {
                    return new RecordFault("InternalFailure", "Internal service failure.");
                }
                return null;
            }
        });
        // Groups: a written, t throttled per record, i failing internally per record, p written except one record the
        // service refuses as invalid (found by splitting its request). Invalid hits are mixed in, and one hit arrives
        // twice (SQS at-least-once): both of its messages are delivered, its record written once.
        MixedBatch mixed = new MixedBatch();
        Map<String, Integer> groupSizes = Map.of("a", 120, "t", 30, "i", 15, "p", 8);
        for (String group : List.of("a", "t", "i", "p")) {
            for (int i = 0; i < groupSizes.get(group); i++) {
                mixed.hit(group, i);
            }
            mixed.missingEventType(group + "-missing-event");
        }
        mixed.again("a", 7).foreignOriginAndNotAnEnvelope().expectDeadLetter("p-msg-3", "destination-rejected");
        List<SQSMessage> messages = mixed.messages;

        // Lambda's longest timeout: every in-call retry finds the second it needs left however slow the machine is, so
        // the count of retries below does not depend on the real clock (the pauses are simulated).
        SimulatedTime time = new SimulatedTime();
        SQSBatchResponse response = new SqsEventHandler(environment(queues), output, Clock.systemUTC(),
                time.retries(1)).handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(FIFTEEN_MINUTES_MILLIS));

        BatchAccounting accounting = accounting(messages, response);

        assertThat(destination.protocolViolations()).isEmpty();
        // The throttled and failing records were sent again within the invocation until the last retry.
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .containsEntry("RecordsRetriedInCall", 45 * InCallRetries.MAX_RETRIES));
        assertThat(accounting.rejected()).isEqualTo(mixed.expectedRejections);
        assertThat(accounting.deadLettered()).isEqualTo(mixed.expectedDeadLetters);
        assertThat(accounting.retried()).hasSize(45).allMatch(id -> id.matches("[ti]-msg-\\d+"));
        assertThat(accounting.delivered()).hasSize(120 + 1 + 7)
                .allMatch(id -> id.matches("a-msg-\\d+(-again)?|p-msg-\\d+"));

        // The stream holds exactly the delivered hits, each once, as valid event JSON framed for the destination.
        List<Map<String, Object>> written = new ArrayList<>();
        for (ReceivedRecord record : destination.acceptedRecords()) {
            String json = eventJson(record);
            EventJsonSchema.assertValid(json);
            Map<String, Object> event = Json.parseObject(json);
            stream.recordFraming().accept(record, event);
            written.add(event);
        }
        List<String> writtenIds = written.stream().map(event -> (String) event.get("eventId")).toList();
        assertThat(writtenIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(writtenIds)).isEqualTo(accounting.delivered().stream()
                .map(id -> id.replace("-again", "").replace("-msg-", "-req-")).collect(Collectors.toSet()));

        Map<String, Object> summary = logLines().stream()
                .filter(line -> "batch processed".equals(line.get("message"))).findFirst().orElseThrow();
        assertThat(summary).containsEntry("received", messages.size())
                .containsEntry("delivered", accounting.delivered().size())
                .containsEntry("rejected", accounting.rejected().size())
                .containsEntry("deadLettered", accounting.deadLettered().size())
                .containsEntry("retried", accounting.retried().size());
    }

    @Test
    void aMisconfiguredDestinationKeepsEveryValidMessageForRetryAndSaysSo() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                return RequestFault.status(400, "AccessDeniedException");
            }
        });
        List<SQSMessage> messages = List.of(message("m1", hit("r1", "purchase", "e1")),
                message("m2", hit("r2", "purchase", "e2")), message("m3", hit("r3", Map.of("endpoint_id", "x"))));

        SQSBatchResponse response = SqsEventHandler.withEnvironment(environment(queues), output)
                .handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));

        BatchAccounting accounting = accounting(messages, response);
        assertThat(accounting.retried()).containsExactlyInAnyOrder("m1", "m2");
        assertThat(accounting.rejected()).containsExactly(Map.entry("m3", "missing-event-type"));
        assertThat(accounting.deadLettered()).isEmpty();
        assertThat(logLines()).anySatisfy(line -> assertThat(line).containsEntry("level", "ERROR")
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("misconfigured")));
        assertThat(output).contains("AccessDeniedException");
    }
}
