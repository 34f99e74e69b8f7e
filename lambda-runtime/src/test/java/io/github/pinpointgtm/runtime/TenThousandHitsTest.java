package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.hit;
import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.LocalAws.Service;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.SideQueues;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hits through the handler, the real SDK clients, the Pinpoint stand-in with faults on and ElasticMQ as the
 * rejected queue and the dead-letter queue, fed in batches of 100 the way SQS would: messages in {@code batchItemFailures} come back later,
 * and after {@value #MAX_RECEIVE_COUNT} receives they are redriven to the dead-letter queue by SQS (counted here).
 */
class TenThousandHitsTest {

    private static final int HITS = 10_000;
    private static final int BATCH_SIZE = 100;
    private static final int MAX_RECEIVE_COUNT = 5;
    private static final long FUNCTION_TIME_LEFT_MILLIS = 3_000;

    /** 5% of events are refused by Pinpoint with a per-event 400, every time they are sent. */
    private static boolean refusedByPinpoint(String eventId) {
        return Math.floorMod(eventId.hashCode() * 31 + 7, 100) < 5;
    }

    @Test
    void everyHitIsDeliveredRejectedDeadLetteredOrRedrivenExactlyOnce() {
        Random random = new Random(20251127);
        FaultInjector faults = new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                double dice;
                synchronized (random) {
                    dice = random.nextDouble();
                }
                if (dice < 0.05) {
                    return PinpointStandIn.throttle();
                }
                if (dice < 0.07) {
                    return PinpointStandIn.serverError();
                }
                if (dice < 0.08) {
                    return RequestFault.slow(Duration.ofMillis(FUNCTION_TIME_LEFT_MILLIS + 500));
                }
                return RequestFault.NONE;
            }

            @Override
            public String rejectEvent(RecordedEvent event) {
                return refusedByPinpoint(event.eventId()) ? "Event attribute value exceeds the maximum length" : null;
            }
        };

        Map<String, String> expectedRejectionReason = new HashMap<>();
        Map<String, String> expectedDeadLetterReason = new HashMap<>();
        Set<String> expectedDelivered = new HashSet<>();
        Deque<SQSMessage> queue = new ArrayDeque<>();
        Map<String, String> eventIdById = new HashMap<>();
        for (int i = 0; i < HITS; i++) {
            String id = "msg-" + i;
            String requestId = "req-" + i;
            String body;
            if (i % 50 == 0) {
                body = hit(requestId, Map.of("endpoint_id", "endpoint-" + i));
                expectedRejectionReason.put(id, "missing-event-type");
            } else if (i % 200 == 1) {
                body = TestEnvelopes.envelope(requestId, Map.of("event", "purchase", "endpoint_id", "e"),
                        "https://elsewhere.example.org");
                expectedRejectionReason.put(id, "origin-not-allowed");
            } else {
                // 2,000 endpoints: several hits of one endpoint often share a batch.
                body = hit(requestId, i % 3 == 0 ? "purchase" : "page_view", "endpoint-" + (i % 2_000));
                if (refusedByPinpoint(requestId)) {
                    expectedDeadLetterReason.put(id, "destination-rejected");
                } else {
                    expectedDelivered.add(id);
                }
            }
            queue.add(message(id, body));
            eventIdById.put(id, requestId);
        }

        Map<String, Integer> receiveCount = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        Map<String, String> rejected = new HashMap<>();
        Map<String, String> deadLettered = new HashMap<>();
        Set<String> redriven = new HashSet<>();
        long retriedReports = 0;
        int invocations = 0;
        CountingWriter output = new CountingWriter();
        long started = System.nanoTime();
        try (ElasticMqHarness sqs = ElasticMqHarness.start();
             PinpointStandIn pinpoint = PinpointStandIn.start(LocalAws.APPLICATION_ID);
             LocalAws ignored = LocalAws.pointing(Service.PINPOINT, pinpoint.endpoint(), sqs)) {
            pinpoint.faults(faults);
            SideQueues queues = SideQueues.create(sqs);
            SqsEventHandler handler = new SqsEventHandler(LocalAws.pinpointEnvironment(queues), output,
                    Clock.systemUTC());

            while (!queue.isEmpty()) {
                List<SQSMessage> messages = new ArrayList<>(BATCH_SIZE);
                while (messages.size() < BATCH_SIZE && !queue.isEmpty()) {
                    SQSMessage next = queue.poll();
                    receiveCount.merge(next.getMessageId(), 1, Integer::sum);
                    messages.add(next);
                }
                SQSBatchResponse response = handler.handleRequest(batch(messages),
                        LocalLambdaContext.withMillisLeft(FUNCTION_TIME_LEFT_MILLIS));
                invocations++;

                // Each message of the batch in exactly one place; queued copies only of the batch's messages.
                BatchAccounting outcome = BatchAccounting.of(messages, response, sqs, queues);
                retriedReports += outcome.retried().size();
                for (SQSMessage message : messages) {
                    String id = message.getMessageId();
                    String reason = outcome.deadLettered().get(id);
                    String refusal = outcome.rejected().get(id);
                    if (refusal != null) {
                        assertThat(rejected.put(id, refusal)).as("%s rejected twice", id).isNull();
                    } else if (reason != null) {
                        assertThat(deadLettered.put(id, reason)).as("%s dead-lettered twice", id).isNull();
                    } else if (outcome.retried().contains(id)) {
                        if (receiveCount.get(id) >= MAX_RECEIVE_COUNT) {
                            redriven.add(id);
                        } else {
                            queue.add(message);
                        }
                    } else {
                        assertThat(delivered.add(id)).as("%s delivered twice", id).isTrue();
                    }
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Set<String> accepted = pinpoint.acceptedEvents().stream().map(RecordedEvent::eventId)
                    .collect(Collectors.toSet());
            Map<String, Long> deadLetteredByReason = new TreeMap<>(deadLettered.values().stream()
                    .collect(Collectors.groupingBy(reason -> reason, Collectors.counting())));
            Map<String, Long> rejectedByReason = new TreeMap<>(rejected.values().stream()
                    .collect(Collectors.groupingBy(reason -> reason, Collectors.counting())));
            System.out.printf("%n10,000-hit run: %d invocations in %d ms; delivered %d, rejected %d %s, "
                            + "dead-lettered %d %s, "
                            + "redriven after %d receives %d, batchItemFailures reported %d; PutEvents HTTP requests %d "
                            + "(answers by status %s); %d log/metric lines%n",
                    invocations, took.toMillis(), delivered.size(), rejected.size(), rejectedByReason,
                    deadLettered.size(), deadLetteredByReason,
                    MAX_RECEIVE_COUNT, redriven.size(), retriedReports, pinpoint.requestCount(),
                    new TreeMap<>(pinpoint.answersByStatus()), output.lines);

            // Every hit ended in exactly one place.
            assertThat(delivered.size() + rejected.size() + deadLettered.size() + redriven.size()).isEqualTo(HITS);
            assertThat(Collections.disjoint(delivered, deadLettered.keySet())).isTrue();
            assertThat(Collections.disjoint(delivered, rejected.keySet())).isTrue();
            assertThat(Collections.disjoint(delivered, redriven)).isTrue();
            assertThat(Collections.disjoint(redriven, deadLettered.keySet())).isTrue();
            assertThat(Collections.disjoint(redriven, rejected.keySet())).isTrue();
            // ...and the right place: invalid hits rejected and refused events dead-lettered with their reason (every
            // one of them: the queues never refuse here), the rest delivered.
            assertThat(rejected).isEqualTo(expectedRejectionReason);
            deadLettered.forEach((id, reason) -> assertThat(reason).as(id).isEqualTo(expectedDeadLetterReason.get(id)));
            assertThat(delivered).allMatch(expectedDelivered::contains);
            assertThat(delivered).allMatch(id -> accepted.contains(eventIdById.get(id)));
            Set<String> unaccounted = new HashSet<>(expectedDelivered);
            unaccounted.removeAll(delivered);
            assertThat(unaccounted).isSubsetOf(redriven);
            assertThat(pinpoint.protocolViolations()).isEmpty();
            // The faults really happened.
            assertThat(pinpoint.answersByStatus()).containsKeys(202, 429, 500);
            assertThat(retriedReports).isPositive();
        }
    }

    /** Discards the handler's output, counting lines. */
    private static final class CountingWriter extends Writer {
        long lines;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
