package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.batch;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.hit;
import static io.github.pinpointgtm.runtime.testsupport.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.ElasticMqHarness;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.FakeLambdaContext;
import io.github.pinpointgtm.runtime.testsupport.JsonTree;
import io.github.pinpointgtm.runtime.testsupport.LocalAws;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.runtime.testsupport.TestEnvelopes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The processor end to end with a record-stream destination, as Lambda runs it: {@link SqsEventHandler#withEnvironment}
 * with {@code DESTINATION_TYPE} set, the real SDK clients aimed at the destination's stand-in and at ElasticMQ (the
 * dead-letter queue) through the SDK's {@code aws.endpointUrl*} settings. Every message of a mixed batch must end in
 * exactly one place: written to the stream, in {@code batchItemFailures}, or in the dead-letter queue with a
 * {@code reason} attribute.
 */
abstract class RecordStreamEndToEndContract {

    private static ElasticMqHarness sqs;
    private RecordStreamStandIn destination;
    private LocalAws localAws;
    private String deadLetterQueueUrl;
    private final StringBuilder output = new StringBuilder();

    /** @return the destination's stand-in, started */
    abstract RecordStreamStandIn startDestination();

    /** @return the destination's service */
    abstract LocalAws.Service service();

    /** @return the environment the construct would set for the destination */
    abstract Map<String, String> environment(String deadLetterQueueUrl);

    /** @return the service's per-record throttling code */
    abstract String throttledRecordCode();

    /** @return the whole-request fault with which the service refuses an invalid request */
    abstract RequestFault invalidRequest();

    /** @return the event JSON of a record as the stand-in received it */
    abstract String eventJson(ReceivedRecord record);

    /** Checks what the destination adds around the event JSON (partition key, newline). */
    abstract void assertRecordFraming(ReceivedRecord record, Map<String, Object> event);

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
        destination = startDestination();
        localAws = LocalAws.pointing(service(), destination.endpoint(), sqs);
        deadLetterQueueUrl = sqs.createQueue("dlq-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        localAws.close();
        destination.close();
    }

    @Test
    void everyMessageOfAMixedBatchEndsInExactlyOnePlace() {
        destination.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                boolean poisoned = records.stream().anyMatch(r -> eventJson(r).contains("\"eventId\":\"p-req-3\""));
                return poisoned ? invalidRequest() : RequestFault.NONE;
            }

            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                String json = eventJson(record);
                if (json.contains("\"endpointId\":\"t-")) {
                    return new RecordFault(throttledRecordCode(), "Rate exceeded");
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
        List<SQSMessage> messages = new ArrayList<>();
        Map<String, String> expectedDeadLetterReasons = new HashMap<>();
        Map<String, Integer> groupSizes = Map.of("a", 120, "t", 30, "i", 15, "p", 8);
        for (String group : List.of("a", "t", "i", "p")) {
            for (int i = 0; i < groupSizes.get(group); i++) {
                messages.add(message(group + "-msg-" + i, hit(group + "-req-" + i, "purchase", group + "-" + i)));
            }
            String missingEvent = group + "-missing-event";
            messages.add(message(missingEvent, hit("r-" + missingEvent, Map.of("endpoint_id", "x"))));
            expectedDeadLetterReasons.put(missingEvent, "missing-event-type");
        }
        messages.add(message("a-msg-7-again", hit("a-req-7", "purchase", "a-7")));
        messages.add(message("foreign-origin", TestEnvelopes.envelope("r-foreign",
                Map.of("event", "purchase", "endpoint_id", "x"), "https://evil.example.net")));
        expectedDeadLetterReasons.put("foreign-origin", "origin-not-allowed");
        messages.add(message("not-json", "this is not an envelope"));
        expectedDeadLetterReasons.put("not-json", "malformed-envelope");
        expectedDeadLetterReasons.put("p-msg-3", "destination-rejected");

        SQSBatchResponse response = SqsEventHandler.withEnvironment(environment(deadLetterQueueUrl), output)
                .handleRequest(batch(messages), new FakeLambdaContext(10_000));

        Set<String> retried = retriedIds(response);
        Map<String, String> deadLettered = deadLetteredReasons(messages);
        Set<String> delivered = new HashSet<>();
        messages.forEach(m -> delivered.add(m.getMessageId()));
        delivered.removeAll(retried);
        delivered.removeAll(deadLettered.keySet());

        assertThat(destination.protocolViolations()).isEmpty();
        assertThat(deadLettered).isEqualTo(expectedDeadLetterReasons);
        assertThat(retried).doesNotContainAnyElementsOf(deadLettered.keySet());
        assertThat(retried).hasSize(45).allMatch(id -> id.matches("[ti]-msg-\\d+"));
        assertThat(delivered).hasSize(120 + 1 + 7).allMatch(id -> id.matches("a-msg-\\d+(-again)?|p-msg-\\d+"));

        // The stream holds exactly the delivered hits, each once, as valid event JSON framed for the destination.
        List<Map<String, Object>> written = new ArrayList<>();
        for (ReceivedRecord record : destination.acceptedRecords()) {
            String json = eventJson(record);
            EventJsonSchema.assertValid(json);
            Map<String, Object> event = JsonTree.parseObject(json);
            assertRecordFraming(record, event);
            written.add(event);
        }
        List<String> writtenIds = written.stream().map(event -> (String) event.get("eventId")).toList();
        assertThat(writtenIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(writtenIds)).isEqualTo(delivered.stream()
                .map(id -> id.replace("-again", "").replace("-msg-", "-req-")).collect(Collectors.toSet()));

        Map<String, Object> summary = logLines().stream()
                .filter(line -> "batch processed".equals(line.get("message"))).findFirst().orElseThrow();
        assertThat(summary).containsEntry("received", messages.size()).containsEntry("delivered", delivered.size())
                .containsEntry("deadLettered", deadLettered.size()).containsEntry("retried", retried.size());
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

        SQSBatchResponse response = SqsEventHandler.withEnvironment(environment(deadLetterQueueUrl), output)
                .handleRequest(batch(messages), new FakeLambdaContext(10_000));

        assertThat(retriedIds(response)).containsExactlyInAnyOrder("m1", "m2");
        assertThat(deadLetteredReasons(messages)).containsExactly(Map.entry("m3", "missing-event-type"));
        assertThat(logLines()).anySatisfy(line -> assertThat(line).containsEntry("level", "ERROR")
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("misconfigured")));
        assertThat(output).contains("AccessDeniedException");
    }

    private static Set<String> retriedIds(SQSBatchResponse response) {
        List<String> ids = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        return new HashSet<>(ids);
    }

    /** @return message id to reason of every message in the dead-letter queue (found by its unchanged body) */
    private Map<String, String> deadLetteredReasons(List<SQSMessage> messages) {
        Map<String, String> idByBody = new HashMap<>();
        messages.forEach(m -> idByBody.putIfAbsent(m.getBody(), m.getMessageId()));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Message letter : sqs.drain(deadLetterQueueUrl)) {
            String id = idByBody.get(letter.body());
            assertThat(id).as("a dead letter's body is an original body").isNotNull();
            assertThat(letter.messageAttributes().get("reason")).as("reason of %s", id).isNotNull();
            assertThat(reasons.put(id, letter.messageAttributes().get("reason").stringValue()))
                    .as("dead-lettered once: %s", id).isNull();
        }
        return reasons;
    }

    private List<Map<String, Object>> logLines() {
        return output.toString().lines().map(JsonTree::parseObject).toList();
    }
}
